import type { Response, Server } from 'restify';
import { z } from 'zod';
import type { Prisma } from '../generated/prisma/client.js';
import { NotFoundError } from '../errors/app-error.js';
import { MONTHLY_COMPLAINTS, renderComplaintReport, storedComplaintReport } from '../reports/complaint-report.js';
import { computeKpis, kpiRange } from '../reports/kpi-service.js';
import { complaintReportCsv, kpiCsv } from './kpi-csv.js';
import { actorNames } from './staff-service.js';
import type { ConsoleDeps } from './console-deps.js';
import { audit, param, staffRoute, SUPERVISOR_ROLES } from './console-route.js';

const KpiQuery = z.object({
  from: z.string().max(10).optional(),
  to: z.string().max(10).optional(),
  bucket: z.enum(['day', 'week']).optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
const ReportQuery = z.object({ format: z.enum(['json', 'csv', 'text']).default('json') });
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
      async (req, res, staff) => {
        const q = KpiQuery.parse(req.query ?? {});
        const range = kpiRange(q, deps.clock(), deps.env.BUSINESS_TZ);
        const kpis = deps.calendar ? await computeKpis(db, range, { calendar: deps.calendar, timeZone: deps.env.BUSINESS_TZ, bucket: q.bucket }) : null;
        if (q.format === 'csv') {
          if (!kpis) throw new NotFoundError('KPI export needs the service calendar.');
          await audit(deps, req, staff, { action: 'export_report', detail: { kind: 'kpis', from: range.from.toISOString(), to: range.to.toISOString() } });
          sendFile(res, `kpis-${q.from ?? 'last-30-days'}-${q.to ?? 'today'}.csv`, 'text/csv; charset=utf-8', kpiCsv(kpis));
          return;
        }
        res.json(kpis ?? (await computeKpis(db, range)));
      },
      SUPERVISOR_ROLES,
    ),
  );

  server.get(
    '/console/api/reports',
    staffRoute(
      deps,
      async (_req, res) => {
        const reports = await db.report.findMany({ where: { kind: MONTHLY_COMPLAINTS }, orderBy: [{ period: 'desc' }], take: 36 });
        res.json({ reports });
      },
      SUPERVISOR_ROLES,
    ),
  );

  /** One monthly complaint report: JSON with its text, or a download as CSV (its tickets) or plain text. */
  server.get(
    '/console/api/reports/:period',
    staffRoute(
      deps,
      async (req, res, staff) => {
        const { format } = ReportQuery.parse(req.query ?? {});
        const period = param(req, 'period');
        const report = await db.report.findUnique({ where: { kind_period: { kind: MONTHLY_COMPLAINTS, period } } });
        if (!report) throw new NotFoundError(`No complaint report for ${period}`);
        const data = storedComplaintReport(report.data);
        await audit(deps, req, staff, { action: 'export_report', detail: { kind: MONTHLY_COMPLAINTS, period, format } });
        if (format === 'csv') return sendFile(res, `complaints-${period}.csv`, 'text/csv; charset=utf-8', complaintReportCsv(data));
        if (format === 'text') return sendFile(res, `complaints-${period}.txt`, 'text/plain; charset=utf-8', renderComplaintReport(data));
        res.json({ report, text: renderComplaintReport(data) });
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

/** A download: the browser saves it under `filename`; a UTF-8 BOM so spreadsheets read Chinese correctly. */
function sendFile(res: Response, filename: string, contentType: string, body: string): void {
  res.setHeader('content-type', contentType);
  res.setHeader('content-disposition', `attachment; filename="${filename}"`);
  res.writeHead(200);
  res.end(`\uFEFF${body}`);
}
