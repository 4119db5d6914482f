import type { Server } from 'restify';
import type { Database } from '../../db/db.js';
import { route } from '../server.js';

export function mountHealthRoutes(server: Server, deps: { database: Database; version: string }): void {
  server.get(
    '/healthz',
    route(async (_req, res) => {
      await deps.database.prisma.$queryRaw`SELECT 1`;
      res.json({ status: 'ok', database: deps.database.kind, version: deps.version });
    }),
  );
}
