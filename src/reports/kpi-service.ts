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

export async function computeKpis(db: Db, range: KpiRange): Promise<Kpis> {
  const created = { gte: range.from, lt: range.to };
  const [tickets, surveys, promises] = await Promise.all([
    db.ticket.findMany({ where: { createdAt: created }, select: { category: true, status: true, createdAt: true, firstRespondedAt: true } }),
    db.survey.findMany({ where: { respondedAt: created, overall: { not: null } }, select: { overall: true } }),
    db.slaPromise.findMany({
      where: { kind: { startsWith: 'on_site' }, dueAt: created, cancelledAt: null },
      select: { dueAt: true, metAt: true, breachedAt: true },
    }),
  ]);

  const total = tickets.length;
  const resolved = tickets.filter((t) => t.status === 'resolved' || t.status === 'closed').length;
  const complaints = tickets.filter((t) => t.category === 'complaint').length;
  const responseMinutes = tickets
    .filter((t) => t.firstRespondedAt)
    .map((t) => (t.firstRespondedAt!.getTime() - t.createdAt.getTime()) / 60_000);
  const scores = surveys.map((s) => s.overall!);
  const breached = promises.filter((p) => p.breachedAt || (p.metAt && p.metAt > p.dueAt)).length;
  const met = promises.filter((p) => p.metAt && p.metAt <= p.dueAt && !p.breachedAt).length;
  const medianMinutes = median(responseMinutes);

  return {
    range: { from: range.from.toISOString(), to: range.to.toISOString() },
    tickets: total,
    satisfaction: { responses: scores.length, averageOverall: scores.length ? round(scores.reduce((a, b) => a + b, 0) / scores.length, 2) : null },
    resolution: { resolved, total, rate: ratio(resolved, total) },
    firstResponse: {
      responded: responseMinutes.length,
      medianMinutes: medianMinutes === null ? null : round(medianMinutes, 1),
      averageMinutes: responseMinutes.length ? round(responseMinutes.reduce((a, b) => a + b, 0) / responseMinutes.length, 1) : null,
    },
    complaints: { complaints, total, rate: ratio(complaints, total) },
    onTimeRepair: { met, breached, rate: ratio(met, met + breached) },
  };
}
