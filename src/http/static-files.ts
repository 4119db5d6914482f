import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Response, Server } from 'restify';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

/** Pages are plain files: scripts and styles come from our own origin, nothing inline, no frames. */
const securityHeaders = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * Serves a folder of static files (no build step) under a prefix: `<prefix>` is index.html and
 * `<prefix>/<name>` one of the files found at start-up, so nothing outside the folder is reachable.
 */
export function mountStaticFolder(server: Server, prefix: string, directory: string): void {
  const files = new Map<string, { body: Buffer; type: string }>();
  for (const name of readdirSync(directory)) {
    const type = contentTypes[path.extname(name)];
    if (type) files.set(name, { body: readFileSync(path.join(directory, name)), type });
  }
  const send = (name: string) => async (_req: unknown, res: Response) => {
    const file = files.get(name);
    if (!file) {
      res.status(404);
      res.json({ error: { code: 'not_found', message: `No file ${name}` } });
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-cache', ...securityHeaders });
    res.end(file.body);
  };
  server.get(prefix, send('index.html'));
  server.get(`${prefix}/`, send('index.html'));
  for (const name of files.keys()) server.get(`${prefix}/${name}`, send(name));
}
