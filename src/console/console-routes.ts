import type { Server } from 'restify';
import type { ConsoleDeps } from './console-deps.js';
import { mountConsoleCustomerRoutes } from './console-customer-routes.js';
import { mountConsoleEvents } from './console-events.js';
import { mountConsoleInboxRoutes } from './console-inbox-routes.js';
import { mountConsolePage } from './console-page.js';
import { mountConsoleSessionRoutes } from './console-session-routes.js';
import { mountConsoleStaffRoutes } from './console-staff-routes.js';
import { mountConsoleSupervisorRoutes } from './console-supervisor-routes.js';
import { mountConsoleTicketRoutes } from './console-ticket-routes.js';
import { mountConsoleWorkspaceRoutes } from './console-workspace-routes.js';

/** The staff console: the built page at /console and its API under /console/api (Bearer session token). */
export function mountConsole(server: Server, deps: ConsoleDeps): void {
  mountConsolePage(server, deps.logger);
  mountConsoleEvents(server, deps);
  mountConsoleSessionRoutes(server, deps);
  mountConsoleStaffRoutes(server, deps);
  mountConsoleInboxRoutes(server, deps);
  mountConsoleTicketRoutes(server, deps);
  mountConsoleWorkspaceRoutes(server, deps);
  mountConsoleCustomerRoutes(server, deps);
  mountConsoleSupervisorRoutes(server, deps);
}
