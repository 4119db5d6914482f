import type { BusinessCalendar } from './business-calendar.js';

/**
 * What the console and the KPIs read from stored promises and tickets. Response times are business time:
 * a ticket opened Saturday 17:30 and answered Monday 08:45 took 45 business minutes, not 39 hours.
 */

/** Business minutes from `openedAt` to `respondedAt` in the policy's calendar; null while unanswered. */
export function businessResponseMinutes(calendar: BusinessCalendar, openedAt: Date, respondedAt: Date | null | undefined): number | null {
  if (!respondedAt) return null;
  return Math.max(0, calendar.businessMinutesBetween(openedAt, respondedAt));
}

/**
 * The honest state of one promise: `met` only by the act it promises (on time), `met_late` after a breach,
 * `breached` (missed, still open or closed off), `not_applicable` (closed off before its deadline without the
 * act, see `notApplicableReason`), `paused` (waiting on the customer) or `open`.
 */
export type PromiseState = 'met' | 'met_late' | 'breached' | 'not_applicable' | 'paused' | 'open';

export function promiseState(row: {
  metAt: Date | null;
  breachedAt: Date | null;
  cancelledAt: Date | null;
  pausedAt: Date | null;
  notApplicableReason?: string | null;
}): PromiseState {
  if (row.metAt) return row.breachedAt ? 'met_late' : 'met';
  if (row.breachedAt) return 'breached';
  if (row.cancelledAt) return 'not_applicable';
  return row.pausedAt ? 'paused' : 'open';
}
