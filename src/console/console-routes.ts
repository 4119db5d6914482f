import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Response, Server } from 'restify';
import { mountStaticFolder } from '../http/static-files.js';
import type { ConsoleDeps } from './console-deps.js';
import { mountConsoleCustomerRoutes } from './console-customer-routes.js';
import { mountConsoleInboxRoutes } from './console-inbox-routes.js';
import { mountConsoleSessionRoutes } from './console-session-routes.js';
import { mountConsoleStaffRoutes } from './console-staff-routes.js';
import { mountConsoleSupervisorRoutes } from './console-supervisor-routes.js';
import { mountConsoleTicketRoutes } from './console-ticket-routes.js';

/** The built console (src/console/ui, `npm run build:console`, run by postinstall and the test setup). */
export const consoleBuildDir = fileURLToPath(new URL('../../dist/console/', import.meta.url));

/** The staff console: the built page at /console and its API under /console/api (Bearer session token). */
export function mountConsole(server: Server, deps: ConsoleDeps): void {
  if (existsSync(`${consoleBuildDir}index.html`)) mountStaticFolder(server, '/console', consoleBuildDir);
  else mountConsoleNotBuilt(server, deps);
  mountConsoleSessionRoutes(server, deps);
  mountConsoleStaffRoutes(server, deps);
  mountConsoleInboxRoutes(server, deps);
  mountConsoleTicketRoutes(server, deps);
  mountConsoleCustomerRoutes(server, deps);
  mountConsoleSupervisorRoutes(server, deps);
}

/** Without a build the API still works; the page says how to build it instead of a bare 404. */
function mountConsoleNotBuilt(server: Server, deps: ConsoleDeps): void {
  deps.logger.warn({ dir: consoleBuildDir }, 'the staff console is not built: run `npm run build:console`');
  const answer = async (_req: unknown, res: Response) => {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end('The staff console is not built yet. Run `npm run build:console` (npm install does this), then restart.\n');
  };
  server.get('/console', answer);
  server.get('/console/', answer);
}
