import type { Server } from 'restify';
import { z } from 'zod';
import { computeKpis, kpiRange } from '../reports/kpi-service.js';
import type { ConsoleDeps } from './console-deps.js';
import { staffRoute, SUPERVISOR_ROLES } from './console-route.js';

const RangeQuery = z.object({ from: z.string().max(10).optional(), to: z.string().max(10).optional() });
const AuditQuery = z.object({ customerId: z.string().max(64).optional(), actor: z.string().max(100).optional() });

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
        const entries = await db.accessAudit.findMany({
          where: { ...(q.customerId ? { customerId: q.customerId } : {}), ...(q.actor ? { actor: q.actor } : {}) },
          orderBy: [{ at: 'desc' }],
          take: 500,
        });
        res.json({ entries });
      },
      SUPERVISOR_ROLES,
    ),
  );
}
