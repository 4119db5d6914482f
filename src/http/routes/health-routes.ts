import type { Server } from 'restify';
import type { Database } from '../../db/db.js';
import { withinDeadline } from '../../db/db-errors.js';
import { retryAfterSeconds } from '../error-response.js';
import { publicCoverage, type CalendarCoverage } from '../../sla/calendar-coverage.js';
import { route } from '../server.js';

/** The probe's budget: /healthz must answer within a second whatever the database does. */
export const HEALTH_PROBE_TIMEOUT_MS = 800;

/**
 * GET /healthz: `ok` (200) when the database answers `SELECT 1` in time, else `degraded` (503, Retry-After)
 * with the reason. One probe at a time: during a stall, checks arriving every second share the probe in
 * flight instead of piling hung queries onto the pool. `calendar` adds how far the official holiday calendar
 * reaches (its `warning` is what the console shows as a banner), naming the calendar file by its base name only:
 * the probe is unauthenticated, and the full path (in the start-up log) tells a stranger how the host is laid out.
 */
export function mountHealthRoutes(
  server: Server,
  deps: { database: Database; version: string; probeTimeoutMs?: number; calendar?: () => CalendarCoverage },
): void {
  const budget = deps.probeTimeoutMs ?? HEALTH_PROBE_TIMEOUT_MS;
  let inFlight: Promise<unknown> | undefined;
  const probe = () => {
    inFlight ??= deps.database.prisma.$queryRaw`SELECT 1`.finally(() => {
      inFlight = undefined;
    });
    return withinDeadline(inFlight, budget, 'the health probe');
  };

  server.get(
    '/healthz',
    route(async (req, res) => {
      const base = { database: deps.database.kind, version: deps.version, ...(deps.calendar ? { calendar: publicCoverage(deps.calendar()) } : {}) };
      try {
        await probe();
      } catch (err) {
        const reason = `database: ${(err as Error).message.split('\n').filter(Boolean).at(-1)?.slice(0, 300) ?? 'unknown error'}`;
        req.logger.warn({ reason }, 'health check degraded');
        res.header('retry-after', String(retryAfterSeconds));
        res.status(503);
        res.json({ status: 'degraded', ...base, reason });
        return;
      }
      res.json({ status: 'ok', ...base });
    }),
  );
}
