import type { Server } from 'restify';
import { z } from 'zod';
import type { Prisma } from '../generated/prisma/client.js';
import { computeKpis, kpiRange } from '../reports/kpi-service.js';
import { actorNames } from './staff-service.js';
import type { ConsoleDeps } from './console-deps.js';
import { staffRoute, SUPERVISOR_ROLES } from './console-route.js';

const RangeQuery = z.object({ from: z.string().max(10).optional(), to: z.string().max(10).optional() });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const AuditQuery = z.object({
  staffId: z.string().max(64).optional(),
  customerId: z.string().max(64).optional(),
  ticketId: z.string().max(64).optional(),
  action: z.string().max(300).optional(),
  from: day.optional(),
  to: day.optional(),
  page: z.coerce.number().int().min(1).default(1),
  size: z.coerce.number().int().min(1).max(200).default(50),
});

/** KPIs, the monthly complaint reports and the access audit: supervisors and admins only. */
export function mountConsoleSupervisorRoutes(server: Server, deps: ConsoleDeps): void {
  const { db } = deps;

  server.get(
    '/console/api/kpis',
    staffRoute(
      deps,
      async (req, res) => {
        const range = kpiRange(RangeQuery.parse(req.query ?? {}), deps.clock(), deps.env.BUSINESS_TZ);
        res.json(await computeKpis(db, range));
      },
      SUPERVISOR_ROLES,
    ),
  );

  server.get(
    '/console/api/reports',
    staffRoute(
      deps,
      async (_req, res) => {
        const reports = await db.report.findMany({ where: { kind: 'monthly_complaints' }, orderBy: [{ period: 'desc' }], take: 36 });
        res.json({ reports });
      },
      SUPERVISOR_ROLES,
    ),
  );

  server.get(
    '/console/api/audit',
    staffRoute(
      deps,
      async (req, res) => {
        const q = AuditQuery.parse(req.query ?? {});
        const range = q.from || q.to ? kpiRange({ from: q.from ?? q.to, to: q.to ?? q.from }, deps.clock(), deps.env.BUSINESS_TZ) : null;
        const where: Prisma.AccessAuditWhereInput = {
          ...(q.staffId ? { staffId: q.staffId } : {}),
          ...(q.ticketId ? { ticketId: q.ticketId } : {}),
          ...(q.action ? { action: { in: q.action.split(',').map((a) => a.trim()).filter(Boolean) } } : {}),
          ...(range ? { at: { gte: range.from, lt: range.to } } : {}),
          // A customer's audit includes the lists and searches that showed them.
          ...(q.customerId ? { OR: [{ customerId: q.customerId }, { detail: { path: ['customerIds'], array_contains: [q.customerId] } }] } : {}),
        };
        const [total, rows] = await Promise.all([
          db.accessAudit.count({ where }),
          db.accessAudit.findMany({ where, orderBy: [{ at: 'desc' }, { id: 'desc' }], skip: (q.page - 1) * q.size, take: q.size }),
        ]);
        const names = await actorNames(db, rows.map((r) => r.actor));
        res.json({ entries: rows.map((r) => ({ ...r, staffName: names.get(r.actor) ?? null })), total, page: q.page, size: q.size });
      },
      SUPERVISOR_ROLES,
    ),
  );
}
