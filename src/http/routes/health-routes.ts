import type { Server } from 'restify';
import type { Database } from '../../db/db.js';
import type { CalendarCoverage } from '../../sla/calendar-coverage.js';
import { route } from '../server.js';

/** `calendar`: the official holiday calendar's reach (its `warning` is what the console shows as a banner). */
export function mountHealthRoutes(server: Server, deps: { database: Database; version: string; calendar?: () => CalendarCoverage }): void {
  server.get(
    '/healthz',
    route(async (_req, res) => {
      await deps.database.prisma.$queryRaw`SELECT 1`;
      res.json({ status: 'ok', database: deps.database.kind, version: deps.version, ...(deps.calendar ? { calendar: deps.calendar() } : {}) });
    }),
  );
}
