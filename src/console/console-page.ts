import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Response, Server } from 'restify';
import { mountStaticFolder } from '../http/static-files.js';
import type { Logger } from '../logger.js';

/** The built console (src/console/ui via `npm run build:console`, which postinstall and the test setup run). */
export const consoleBuildDir = fileURLToPath(new URL('../../dist/console/', import.meta.url));

/** Serves the built console page at /console; without a build, a page saying how to build it (the API works either way). */
export function mountConsolePage(server: Server, logger: Logger): void {
  if (existsSync(`${consoleBuildDir}index.html`)) {
    mountStaticFolder(server, '/console', consoleBuildDir);
    return;
  }
  logger.warn({ dir: consoleBuildDir }, 'the staff console is not built: run `npm run build:console`');
  const answer = async (_req: unknown, res: Response) => {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end('The staff console is not built yet. Run `npm run build:console` (npm install does this), then restart.\n');
  };
  server.get('/console', answer);
  server.get('/console/', answer);
}
