import { DateTime } from 'luxon';
import type { Prisma, Report } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';
import { inTransaction } from '../db/transaction.js';
import { ValidationError } from '../errors/app-error.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { complaintStep } from '../complaints/complaint-service.js';
import { queueOutbound } from '../outbound/outbound-service.js';

export const MONTHLY_COMPLAINTS = 'monthly_complaints';

/** The stored content of a monthly complaint report. */
export type ComplaintReportData = {
  period: string;
  timeZone: string;
  from: string;
  to: string;
  total: number;
  byType: Record<string, number>;
  byStatus: Record<string, number>;
  resolution: { resolved: number; averageHours: number | null; medianHours: number | null; maxHours: number | null };
  /** Customers with more than one complaint in the month. */
  repeatCustomers: { customerId: string; name: string | null; complaints: number }[];
  /** Complaints this month from customers who also complained in the three months before. */
  returningComplainants: number;
  tickets: { number: string; type: string; status: string; openedAt: string; resolvedAt: string | null }[];
  /** Complaints per 100 tickets opened in the month (any category); null when none were opened. */
  complaintRate: number | null;
  ticketsOpened: number;
  bySeverity: Record<string, number>;
  byResponsibility: Record<string, number>;
  /** Investigations finished this month's complaints: how many within the severity's deadline. */
  timeliness: { investigated: number; onTime: number; rate: number | null };
  /** Revisits after the remedy: how many customers were satisfied. */
  success: { revisited: number; satisfied: number; rate: number | null };
  /** Complaints (from any month) not yet through the flow when the report is made. */
  open: { number: string; openedAt: string; step: string; severity: string | null; investigationDueAt: string | null; overdue: boolean }[];
};

export type ReportContext = { now: Date; timeZone: string; jobs: Pick<JobQueue, 'send'>; supervisorEmails: readonly string[] };

/** "2026-10" for any time in November 2026 (local): the month before `now`. */
export function previousMonth(now: Date, timeZone: string): string {
  return DateTime.fromJSDate(now, { zone: timeZone }).minus({ months: 1 }).toFormat('yyyy-LL');
}

/**
 * Builds the complaint report for `period` (default: the previous month in the business time zone),
 * stores it once (unique kind + period: a rerun reuses the stored report) and mails it to every
 * supervisor address through the outbox, once per address (idempotency key). Returns the report
 * and whether this call created it.
 */
export async function generateMonthlyComplaintReport(db: Db, ctx: ReportContext, period = previousMonth(ctx.now, ctx.timeZone)): Promise<{ report: Report; created: boolean }> {
  const start = DateTime.fromFormat(period, 'yyyy-LL', { zone: ctx.timeZone });
  if (!start.isValid) throw new ValidationError(`period: expected YYYY-MM, got "${period}"`);
  return inTransaction(db, async (tx) => {
    // Serialise concurrent runs for the same period (two instances, or a retry racing the cron).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`report:${MONTHLY_COMPLAINTS}:${period}`}))`;
    let report = await tx.report.findUnique({ where: { kind_period: { kind: MONTHLY_COMPLAINTS, period } } });
    const created = !report;
    if (!report) {
      const data = await complaintReportData(tx, start, ctx.timeZone, ctx.now);
      report = await tx.report.create({ data: { kind: MONTHLY_COMPLAINTS, period, data: data as unknown as Prisma.InputJsonValue, createdAt: ctx.now } });
    }
    if (!report.mailedAt && ctx.supervisorEmails.length > 0) {
      const data = storedComplaintReport(report.data);
      for (const to of ctx.supervisorEmails) {
        await queueOutbound(
          tx,
          ctx.jobs,
          { channel: 'email', to, subject: `Complaint report ${period}`, text: renderComplaintReport(data), purpose: 'report', meta: { reportId: report.id } },
          { idempotencyKey: `report:${MONTHLY_COMPLAINTS}:${period}:${to}` },
        );
      }
      report = await tx.report.update({ where: { id: report.id }, data: { mailedAt: ctx.now } });
    }
    return { report, created };
  });
}

async function complaintReportData(db: Db, start: DateTime, timeZone: string, now: Date): Promise<ComplaintReportData> {
  const from = start.toJSDate();
  const to = start.plus({ months: 1 }).toJSDate();
  const tickets = await db.ticket.findMany({
    where: { category: 'complaint', createdAt: { gte: from, lt: to } },
    orderBy: { createdAt: 'asc' },
    include: { customer: { select: { name: true } } },
  });
  const count = (values: string[]) => values.reduce<Record<string, number>>((acc, v) => ({ ...acc, [v]: (acc[v] ?? 0) + 1 }), {});
  const hours = tickets
    .filter((t) => t.resolvedAt)
    .map((t) => (t.resolvedAt!.getTime() - t.createdAt.getTime()) / 3_600_000)
    .sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  const perCustomer = new Map<string, { name: string | null; complaints: number }>();
  for (const t of tickets) {
    const entry = perCustomer.get(t.customerId) ?? { name: t.customer.name, complaints: 0 };
    entry.complaints += 1;
    perCustomer.set(t.customerId, entry);
  }
  const earlier = await db.ticket.findMany({
    where: { category: 'complaint', customerId: { in: [...perCustomer.keys()] }, createdAt: { gte: start.minus({ months: 3 }).toJSDate(), lt: from } },
    select: { customerId: true },
    distinct: ['customerId'],
  });
  const iso = (d: Date) => DateTime.fromJSDate(d, { zone: timeZone }).toISO() ?? d.toISOString();
  const ticketsOpened = await db.ticket.count({ where: { createdAt: { gte: from, lt: to } } });
  const investigated = tickets.filter((t) => t.investigatedAt);
  const onTime = investigated.filter((t) => !t.investigationDueAt || t.investigatedAt! <= t.investigationDueAt).length;
  const revisited = tickets.filter((t) => t.revisitedAt);
  const satisfied = revisited.filter((t) => t.revisitOutcome === 'satisfied').length;
  const ratio = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 10 : null);
  const open = await db.ticket.findMany({ where: { category: 'complaint', revisitedAt: null, status: { not: 'closed' }, createdAt: { lt: now } }, orderBy: { createdAt: 'asc' }, take: 500 });
  return {
    complaintRate: ratio(tickets.length, ticketsOpened),
    ticketsOpened,
    bySeverity: count(tickets.map((t) => t.complaintSeverity ?? 'ungraded')),
    byResponsibility: count(tickets.filter((t) => t.complaintResponsibility).map((t) => t.complaintResponsibility!)),
    timeliness: { investigated: investigated.length, onTime, rate: ratio(onTime, investigated.length) },
    success: { revisited: revisited.length, satisfied, rate: ratio(satisfied, revisited.length) },
    open: open.map((t) => ({
      number: t.number,
      openedAt: iso(t.createdAt),
      step: complaintStep(t),
      severity: t.complaintSeverity,
      investigationDueAt: t.investigationDueAt ? iso(t.investigationDueAt) : null,
      overdue: !t.investigatedAt && !!t.investigationDueAt && t.investigationDueAt < now,
    })),
    period: start.toFormat('yyyy-LL'),
    timeZone,
    from: iso(from),
    to: iso(to),
    total: tickets.length,
    byType: count(tickets.map((t) => t.complaintType ?? 'unspecified')),
    byStatus: count(tickets.map((t) => t.status)),
    resolution: {
      resolved: hours.length,
      averageHours: hours.length ? round(hours.reduce((a, b) => a + b, 0) / hours.length) : null,
      medianHours: hours.length ? round(hours.length % 2 ? hours[(hours.length - 1) / 2]! : (hours[hours.length / 2 - 1]! + hours[hours.length / 2]!) / 2) : null,
      maxHours: hours.length ? round(hours[hours.length - 1]!) : null,
    },
    repeatCustomers: [...perCustomer.entries()]
      .filter(([, v]) => v.complaints > 1)
      .map(([customerId, v]) => ({ customerId, name: v.name, complaints: v.complaints }))
      .sort((a, b) => b.complaints - a.complaints),
    returningComplainants: earlier.length,
    tickets: tickets.map((t) => ({ number: t.number, type: t.complaintType ?? 'unspecified', status: t.status, openedAt: iso(t.createdAt), resolvedAt: t.resolvedAt ? iso(t.resolvedAt) : null })),
  };
}

/**
 * A stored report as this version reads it: reports stored before the complaint flow (severity,
 * responsibility, timeliness, success, open complaints) get those sections empty instead of failing.
 */
export function storedComplaintReport(data: unknown): ComplaintReportData {
  const d = data as Partial<ComplaintReportData> & Pick<ComplaintReportData, 'period' | 'timeZone' | 'from' | 'to' | 'total'>;
  return {
    byType: {},
    byStatus: {},
    resolution: { resolved: 0, averageHours: null, medianHours: null, maxHours: null },
    repeatCustomers: [],
    returningComplainants: 0,
    tickets: [],
    complaintRate: null,
    ticketsOpened: 0,
    bySeverity: {},
    byResponsibility: {},
    timeliness: { investigated: 0, onTime: 0, rate: null },
    success: { revisited: 0, satisfied: 0, rate: null },
    open: [],
    ...d,
  };
}

/** Plain-text body of the report e-mail. */
export function renderComplaintReport(d: ComplaintReportData): string {
  const lines = (rec: Record<string, number>) =>
    Object.entries(rec)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `  ${k}: ${v}`);
  const r = d.resolution;
  return [
    `Complaint report for ${d.period} (${d.timeZone})`,
    '',
    `Complaints: ${d.total}${d.complaintRate === null ? '' : ` (${d.complaintRate} per 100 of ${d.ticketsOpened} tickets opened)`}`,
    'By severity:',
    ...lines(d.bySeverity),
    'By responsibility:',
    ...lines(d.byResponsibility),
    `Investigated within the deadline: ${d.timeliness.onTime} of ${d.timeliness.investigated}${d.timeliness.rate === null ? '' : ` (${d.timeliness.rate} %)`}`,
    `Revisits with the customer satisfied: ${d.success.satisfied} of ${d.success.revisited}${d.success.rate === null ? '' : ` (${d.success.rate} %)`}`,
    'By type:',
    ...lines(d.byType),
    'By status:',
    ...lines(d.byStatus),
    `Resolved: ${r.resolved}; resolution time (hours) average ${r.averageHours ?? '-'}, median ${r.medianHours ?? '-'}, longest ${r.maxHours ?? '-'}`,
    `Repeat customers this month: ${d.repeatCustomers.length}${d.repeatCustomers.map((c) => `\n  ${c.name ?? c.customerId}: ${c.complaints}`).join('')}`,
    `Customers who also complained in the previous three months: ${d.returningComplainants}`,
    '',
    'Tickets:',
    ...d.tickets.map((t) => `  ${t.number}  ${t.type}  ${t.status}  opened ${t.openedAt}${t.resolvedAt ? `  resolved ${t.resolvedAt}` : ''}`),
    '',
    `Open complaints: ${d.open.length}`,
    ...d.open.map((t) => `  ${t.number}  ${t.step}  ${t.severity ?? 'ungraded'}  opened ${t.openedAt}${t.overdue ? '  INVESTIGATION OVERDUE' : ''}`),
  ].join('\n');
}
