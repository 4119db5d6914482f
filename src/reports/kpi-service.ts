import { DateTime } from 'luxon';
import type { Db } from '../db/db.js';
import { ValidationError } from '../errors/app-error.js';

/** [from, to): instants. */
export type KpiRange = { from: Date; to: Date };

export type Kpis = {
  range: { from: string; to: string };
  tickets: number;
  /** Average overall score (1–5) of surveys answered in the range. */
  satisfaction: { responses: number; averageOverall: number | null };
  /** Tickets opened in the range that are resolved or closed now. */
  resolution: { resolved: number; total: number; rate: number | null };
  /** Minutes from opening to the first staff/bot response, for tickets opened in the range. */
  firstResponse: { responded: number; medianMinutes: number | null; averageMinutes: number | null };
  complaints: { complaints: number; total: number; rate: number | null };
  /** On-site promises (arrival, repair) due in the range: met in time vs breached. Open ones do not count yet. */
  onTimeRepair: { met: number; breached: number; rate: number | null };
};

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const ratio = (part: number, whole: number) => (whole === 0 ? null : round(part / whole, 4));

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Reads "YYYY-MM-DD" dates as whole local days in the business time zone, `to` included.
 * Without dates: the 30 days up to and including today.
 */
export function kpiRange(input: { from?: string; to?: string }, now: Date, timeZone: string): KpiRange {
  const day = (text: string, name: string) => {
    const parsed = DateTime.fromISO(text, { zone: timeZone });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || !parsed.isValid) throw new ValidationError(`${name}: expected a date as YYYY-MM-DD`);
    return parsed.startOf('day');
  };
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  const to = input.to ? day(input.to, 'to') : today;
  const from = input.from ? day(input.from, 'from') : to.minus({ days: 29 });
  if (from > to) throw new ValidationError('from: must not be after to');
  return { from: from.toJSDate(), to: to.plus({ days: 1 }).toJSDate() };
}

/** The figures of one slice of tickets (a channel, a category, a staff member, a day or week). */
export type KpiSlice = {
  key: string;
  label: string;
  tickets: number;
  resolved: number;
  resolutionRate: number | null;
  complaints: number;
  complaintRate: number | null;
  satisfactionResponses: number;
  satisfactionAverage: number | null;
  firstResponseMedianBusinessMinutes: number | null;
};

export type KpiBreakdowns = {
  satisfactionDistribution: Record<'1' | '2' | '3' | '4' | '5', number>;
  /** First response in business minutes (the service calendar's hours, holidays excluded). */
  firstResponseBusiness: { medianMinutes: number | null; averageMinutes: number | null };
  /** Every promise due in the range that is settled: kept in time vs breached or kept late. */
  slaMet: { met: number; breached: number; rate: number | null };
  onTimeOnSite: { met: number; breached: number; rate: number | null };
  onTimeRepairOnly: { met: number; breached: number; rate: number | null };
  bucket: 'day' | 'week';
  byChannel: KpiSlice[];
  byCategory: KpiSlice[];
  byStaff: KpiSlice[];
  overTime: KpiSlice[];
};

type BusinessMinutes = { businessMinutesBetween(a: Date, b: Date): number };

export async function computeKpis(db: Db, range: KpiRange): Promise<Kpis>;
export async function computeKpis(db: Db, range: KpiRange, detail: { calendar: BusinessMinutes; timeZone: string; bucket?: 'day' | 'week' }): Promise<Kpis & KpiBreakdowns>;
export async function computeKpis(db: Db, range: KpiRange, detail?: { calendar: BusinessMinutes; timeZone: string; bucket?: 'day' | 'week' }): Promise<Kpis | (Kpis & KpiBreakdowns)> {
  const created = { gte: range.from, lt: range.to };
  const [tickets, surveys, promises] = await Promise.all([
    db.ticket.findMany({
      where: { createdAt: created },
      select: { id: true, category: true, status: true, channel: true, assigneeId: true, createdAt: true, firstRespondedAt: true, assignee: { select: { name: true } } },
    }),
    db.survey.findMany({ where: { respondedAt: created, overall: { not: null } }, select: { overall: true, ticketId: true, respondedAt: true } }),
    db.slaPromise.findMany({ where: { dueAt: created, cancelledAt: null }, select: { kind: true, dueAt: true, metAt: true, breachedAt: true } }),
  ]);

  const total = tickets.length;
  const isResolved = (t: { status: string }) => t.status === 'resolved' || t.status === 'closed';
  const resolved = tickets.filter(isResolved).length;
  const complaints = tickets.filter((t) => t.category === 'complaint').length;
  const responseMinutes = tickets
    .filter((t) => t.firstRespondedAt)
    .map((t) => (t.firstRespondedAt!.getTime() - t.createdAt.getTime()) / 60_000);
  const scores = surveys.map((s) => s.overall!);
  const onSite = promises.filter((p) => p.kind.startsWith('on_site'));
  const medianMinutes = median(responseMinutes);
  const average = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
  const rounded = (value: number | null, digits: number) => (value === null ? null : round(value, digits));

  const kpis: Kpis = {
    range: { from: range.from.toISOString(), to: range.to.toISOString() },
    tickets: total,
    satisfaction: { responses: scores.length, averageOverall: rounded(average(scores), 2) },
    resolution: { resolved, total, rate: ratio(resolved, total) },
    firstResponse: { responded: responseMinutes.length, medianMinutes: rounded(medianMinutes, 1), averageMinutes: rounded(average(responseMinutes), 1) },
    complaints: { complaints, total, rate: ratio(complaints, total) },
    onTimeRepair: onTime(onSite),
  };
  if (!detail) return kpis;

  const business = new Map(tickets.filter((t) => t.firstRespondedAt).map((t) => [t.id, detail.calendar.businessMinutesBetween(t.createdAt, t.firstRespondedAt!)]));
  const scoresByTicket = new Map<string, number[]>();
  for (const s of surveys) scoresByTicket.set(s.ticketId, [...(scoresByTicket.get(s.ticketId) ?? []), s.overall!]);
  const slice = (key: string, label: string, rows: typeof tickets): KpiSlice => {
    const done = rows.filter(isResolved).length;
    const complained = rows.filter((t) => t.category === 'complaint').length;
    const sliceScores = rows.flatMap((t) => scoresByTicket.get(t.id) ?? []);
    return {
      key,
      label,
      tickets: rows.length,
      resolved: done,
      resolutionRate: ratio(done, rows.length),
      complaints: complained,
      complaintRate: ratio(complained, rows.length),
      satisfactionResponses: sliceScores.length,
      satisfactionAverage: rounded(average(sliceScores), 2),
      firstResponseMedianBusinessMinutes: rounded(median(rows.flatMap((t) => (business.has(t.id) ? [business.get(t.id)!] : []))), 1),
    };
  };
  const groupBy = (keyOf: (t: (typeof tickets)[number]) => string, labelOf: (t: (typeof tickets)[number]) => string) => {
    const groups = new Map<string, typeof tickets>();
    for (const t of tickets) groups.set(keyOf(t), [...(groups.get(keyOf(t)) ?? []), t]);
    return [...groups.entries()].map(([key, rows]) => slice(key, labelOf(rows[0]!), rows)).sort((a, b) => b.tickets - a.tickets || a.key.localeCompare(b.key));
  };
  const days = (range.to.getTime() - range.from.getTime()) / 86_400_000;
  const bucket = detail.bucket ?? (days > 62 ? 'week' : 'day');
  const bucketOf = (at: Date) => DateTime.fromJSDate(at, { zone: detail.timeZone }).startOf(bucket).toISODate()!;
  const overTime: KpiSlice[] = [];
  for (let start = DateTime.fromJSDate(range.from, { zone: detail.timeZone }).startOf(bucket); start.toJSDate() < range.to; start = start.plus(bucket === 'day' ? { days: 1 } : { weeks: 1 })) {
    const key = start.toISODate()!;
    overTime.push(slice(key, key, tickets.filter((t) => bucketOf(t.createdAt) === key)));
  }
  const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  for (const score of scores) if (String(score) in distribution) distribution[String(score) as keyof typeof distribution] += 1;
  const businessMinutes = [...business.values()];

  return {
    ...kpis,
    satisfactionDistribution: distribution,
    firstResponseBusiness: { medianMinutes: rounded(median(businessMinutes), 1), averageMinutes: rounded(average(businessMinutes), 1) },
    slaMet: onTime(promises),
    onTimeOnSite: onTime(onSite.filter((p) => p.kind === 'on_site_arrival')),
    onTimeRepairOnly: onTime(onSite.filter((p) => p.kind === 'on_site_repair')),
    bucket,
    byChannel: groupBy((t) => t.channel, (t) => t.channel),
    byCategory: groupBy((t) => t.category, (t) => t.category),
    byStaff: groupBy((t) => t.assigneeId ?? 'unassigned', (t) => t.assignee?.name ?? 'unassigned'),
    overTime,
  };
}

/** Settled promises: kept in time vs breached (or kept late). Open ones do not count yet. */
function onTime(promises: { dueAt: Date; metAt: Date | null; breachedAt: Date | null }[]) {
  const breached = promises.filter((p) => p.breachedAt || (p.metAt && p.metAt > p.dueAt)).length;
  const met = promises.filter((p) => p.metAt && p.metAt <= p.dueAt && !p.breachedAt).length;
  return { met, breached, rate: ratio(met, met + breached) };
}
