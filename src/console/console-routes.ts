import { fileURLToPath } from 'node:url';
import type { Server } from 'restify';
import { mountStaticFolder } from '../http/static-files.js';
import type { ConsoleDeps } from './console-deps.js';
import { mountConsoleCustomerRoutes } from './console-customer-routes.js';
import { mountConsoleInboxRoutes } from './console-inbox-routes.js';
import { mountConsoleSessionRoutes } from './console-session-routes.js';
import { mountConsoleStaffRoutes } from './console-staff-routes.js';
import { mountConsoleSupervisorRoutes } from './console-supervisor-routes.js';
import { mountConsoleTicketRoutes } from './console-ticket-routes.js';
import { mountConsoleWorkspaceRoutes } from './console-workspace-routes.js';

export const consolePublicDir = fileURLToPath(new URL('./public/', import.meta.url));

/** The staff console: a static page at /console and its API under /console/api (Bearer session token). */
export function mountConsole(server: Server, deps: ConsoleDeps): void {
  mountStaticFolder(server, '/console', consolePublicDir);
  mountConsoleSessionRoutes(server, deps);
  mountConsoleStaffRoutes(server, deps);
  mountConsoleInboxRoutes(server, deps);
  mountConsoleTicketRoutes(server, deps);
  mountConsoleWorkspaceRoutes(server, deps);
  mountConsoleCustomerRoutes(server, deps);
  mountConsoleSupervisorRoutes(server, deps);
}
