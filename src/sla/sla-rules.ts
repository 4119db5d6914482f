import { z } from 'zod';
import { Category, ChannelKind, Complexity, Urgency } from '../understanding/understanding-schema.js';
import type { BusinessCalendar } from './business-calendar.js';
import type { Duration, Policy, TimeMeasure } from './policy-schema.js';
import { isHomeProvince } from './province.js';

/** Every timed promise a ticket can carry. */
export const PromiseKind = z.enum([
  'first_response', // every ticket
  'email_reply', // channel email
  'callback', // channel voice
  'contact', // complexity general: contact + estimated completion time
  'progress_update', // complexity general: recurring, see nextProgressUpdate
  'expert_engaged', // complexity complex
  'on_site_arrival', // category fault with a known province
  'on_site_repair', // once arrived on site (input.arrivedOnSiteAt or onSiteRepairPromise)
]);
export type PromiseKind = z.infer<typeof PromiseKind>;

/** What the rules look at; parse job payloads or JSON with this schema. */
export const SlaInput = z.object({
  openedAt: z.date(),
  category: Category,
  /** Does not change any deadline in the rules; used for staff notification timing. */
  urgency: Urgency,
  channel: ChannelKind,
  complexity: Complexity.optional(),
  /** The site's province, as written; null/absent = unknown (no on-site promise). */
  province: z.string().nullish(),
  /** When the technician arrived on site; adds the on_site_repair promise. */
  arrivedOnSiteAt: z.date().nullish(),
});
export type SlaInput = z.infer<typeof SlaInput>;

/** What the rules read from a stored ticket; `openedAt` is when its clock starts (creation, or a reopen). */
export function slaInputOf(
  ticket: Pick<SlaInput, 'category' | 'urgency' | 'channel' | 'complexity' | 'province'>,
  openedAt: Date,
): SlaInput {
  return {
    openedAt,
    category: ticket.category,
    urgency: ticket.urgency,
    channel: ticket.channel,
    complexity: ticket.complexity,
    province: ticket.province,
  };
}

/**
 * One promise with its stored deadline. `measure` says how its time runs (business minutes or clock time);
 * `warnAt` is `warningFraction` of the span [startsAt, dueAt] in that same measure.
 */
export type ServicePromise = {
  kind: PromiseKind;
  measure: TimeMeasure;
  startsAt: Date;
  dueAt: Date;
  warnAt: Date;
};
export type Deadlines = ServicePromise[];

/**
 * Every promise that applies to a new ticket, in PromiseKind order:
 * first_response always; email_reply for e-mail; callback for voice; contact + progress_update for
 * general complexity; expert_engaged for complex; on_site_arrival for faults whose province is known
 * (in-province or out-of-province span); on_site_repair once `arrivedOnSiteAt` is known.
 */
export function deadlines(policy: Policy, calendar: BusinessCalendar, input: SlaInput): Deadlines {
  const at = input.openedAt;
  const kinds: PromiseKind[] = ['first_response'];
  if (input.channel === 'email') kinds.push('email_reply');
  if (input.channel === 'voice') kinds.push('callback');
  if (input.complexity === 'general') kinds.push('contact', 'progress_update');
  if (input.complexity === 'complex') kinds.push('expert_engaged');
  const province = input.province?.trim();
  const onSite = input.category === 'fault' && province !== undefined && province !== '';
  if (onSite) kinds.push('on_site_arrival');

  const list = kinds.map((kind) => servicePromise(policy, calendar, kind, at, { inHomeProvince: onSite && isHomeProvince(policy, province) }));
  if (input.arrivedOnSiteAt) list.push(onSiteRepairPromise(policy, calendar, input.arrivedOnSiteAt));
  return list;
}

/**
 * The promise of one kind, counted from `startsAt`. Use it for promises that start later than the ticket:
 * on_site_repair from arrival, progress_update from the last update, on_site_arrival once the province is known.
 * `inHomeProvince` only matters for on_site_arrival (default false = the longer out-of-province span).
 */
export function servicePromise(
  policy: Policy,
  calendar: BusinessCalendar,
  kind: PromiseKind,
  startsAt: Date,
  options: { inHomeProvince?: boolean } = {},
): ServicePromise {
  const p = policy.promises;
  switch (kind) {
    case 'first_response':
      return fromDuration(policy, calendar, kind, startsAt, p.firstResponse);
    case 'callback':
      return fromDuration(policy, calendar, kind, startsAt, p.callback);
    case 'contact':
      return fromDuration(policy, calendar, kind, startsAt, p.contact);
    case 'progress_update':
      return fromDuration(policy, calendar, kind, startsAt, p.progressUpdate);
    case 'expert_engaged':
      return fromDuration(policy, calendar, kind, startsAt, p.expertEngaged);
    case 'on_site_arrival':
      return fromDuration(policy, calendar, kind, startsAt, options.inHomeProvince ? p.onSiteArrival.inProvince : p.onSiteArrival.outOfProvince);
    case 'on_site_repair':
      return fromBusinessMinutes(policy, calendar, kind, startsAt, calendar.addBusinessMinutes(startsAt, p.onSiteRepair.workingDays * calendar.workingDayMinutes));
    case 'email_reply':
      return fromBusinessMinutes(policy, calendar, kind, startsAt, calendar.endOfWorkingDayAfter(startsAt, p.emailReply.workingDaysAfterReceipt));
  }
}

/** The next progress update after one given at `lastUpdateAt` (general problems). */
export function nextProgressUpdate(policy: Policy, calendar: BusinessCalendar, lastUpdateAt: Date): ServicePromise {
  return servicePromise(policy, calendar, 'progress_update', lastUpdateAt);
}

/** Repair finished within `onSiteRepair.workingDays` working days of business time after arriving on site. */
export function onSiteRepairPromise(policy: Policy, calendar: BusinessCalendar, arrivedAt: Date): ServicePromise {
  return servicePromise(policy, calendar, 'on_site_repair', arrivedAt);
}

/**
 * A promise after the ticket waited on the customer during [pausedFrom, resumedAt): the time that was
 * left at `pausedFrom` (in the promise's own measure) starts again at `resumedAt`. So a business-time
 * promise is not moved by a pause outside working hours, and a clock promise moves by the full pause.
 * A deadline (or warning) already passed when the pause began stays where it was: the pause cannot undo a breach.
 */
export function shiftForPause(promise: ServicePromise, pausedFrom: Date, resumedAt: Date, calendar: BusinessCalendar): ServicePromise {
  const from = Math.max(pausedFrom.getTime(), promise.startsAt.getTime());
  if (resumedAt.getTime() <= from) return promise;
  const pauseStart = new Date(from);
  const shift = (target: Date): Date => {
    if (target.getTime() <= from) return target;
    if (promise.measure === 'clock') return new Date(resumedAt.getTime() + (target.getTime() - from));
    return calendar.addBusinessMinutes(resumedAt, calendar.businessMinutesBetween(pauseStart, target));
  };
  return { ...promise, dueAt: shift(promise.dueAt), warnAt: shift(promise.warnAt) };
}

/** `shiftForPause` for every promise of a ticket. */
export function resume(promises: readonly ServicePromise[], pausedFrom: Date, resumedAt: Date, calendar: BusinessCalendar): ServicePromise[] {
  return promises.map((p) => shiftForPause(p, pausedFrom, resumedAt, calendar));
}

function fromDuration(policy: Policy, calendar: BusinessCalendar, kind: PromiseKind, startsAt: Date, d: Duration): ServicePromise {
  if (d.measure === 'clock') {
    const span = d.hours * 3_600_000;
    return {
      kind,
      measure: 'clock',
      startsAt,
      dueAt: new Date(startsAt.getTime() + span),
      warnAt: new Date(startsAt.getTime() + span * policy.warningFraction),
    };
  }
  return fromBusinessMinutes(policy, calendar, kind, startsAt, calendar.addBusinessMinutes(startsAt, d.hours * 60));
}

function fromBusinessMinutes(policy: Policy, calendar: BusinessCalendar, kind: PromiseKind, startsAt: Date, dueAt: Date): ServicePromise {
  const span = calendar.businessMinutesBetween(startsAt, dueAt);
  return { kind, measure: 'business', startsAt, dueAt, warnAt: calendar.addBusinessMinutes(startsAt, span * policy.warningFraction) };
}
