import { z } from 'zod';
import { Category, ChannelKind, Complexity, Urgency } from '../understanding/understanding-schema.js';
import type { BusinessCalendar } from './business-calendar.js';
import { noticeTime } from './notice-time.js';
import type { Duration, Policy, PromisesPolicy, TimeMeasure } from './policy-schema.js';
import { isHomeProvince, normaliseProvince } from './province.js';

/** Every timed promise a ticket can carry. */
export const PromiseKind = z.enum([
  'first_response', // every ticket
  'email_reply', // channel email
  'callback', // channel voice
  'contact', // complexity general: contact + estimated completion time
  'progress_update', // complexity general: recurring, see nextProgressUpdate
  'expert_engaged', // complexity complex
  'on_site_arrival', // triage says a visit on site is needed (input.onSiteRequired)
  'on_site_repair', // once arrived on site (input.arrivedOnSiteAt or onSiteRepairPromise)
]);
export type PromiseKind = z.infer<typeof PromiseKind>;

/** What the rules look at; parse job payloads or JSON with this schema. */
export const SlaInput = z.object({
  openedAt: z.date(),
  category: Category,
  /** Picks the policy's `urgencyTargets` for this urgency (a line-down fault gets shorter targets). */
  urgency: Urgency,
  channel: ChannelKind,
  complexity: Complexity.optional(),
  /** The site's province, as written; null/absent = unknown (out of province for on-site arrival). */
  province: z.string().nullish(),
  /** The site's address, searched for the policy's remote areas. */
  siteAddress: z.string().nullish(),
  /** Triage says a visit on site is needed (如需現場): adds the on_site_arrival promise. */
  onSiteRequired: z.boolean().optional(),
  /** When the technician arrived on site; adds the on_site_repair promise. */
  arrivedOnSiteAt: z.date().nullish(),
});
export type SlaInput = z.infer<typeof SlaInput>;

/** What the rules read from a stored ticket; `openedAt` is when its clock starts (creation, or a reopen). */
export function slaInputOf(
  ticket: Pick<SlaInput, 'category' | 'urgency' | 'channel' | 'complexity' | 'province' | 'siteAddress' | 'onSiteRequired'>,
  openedAt: Date,
): SlaInput {
  return {
    openedAt,
    category: ticket.category,
    urgency: ticket.urgency,
    channel: ticket.channel,
    complexity: ticket.complexity,
    province: ticket.province,
    siteAddress: ticket.siteAddress,
    onSiteRequired: ticket.onSiteRequired,
  };
}

/** Where the promise is kept, for the targets that depend on it. */
export type SiteOptions = { urgency?: Urgency; inHomeProvince?: boolean; remoteArea?: boolean };

/** The site options of a ticket: its urgency, whether its province is the home province, whether it is a remote area. */
export function siteOptionsOf(policy: Policy, input: Pick<SlaInput, 'urgency' | 'province' | 'siteAddress'>): SiteOptions {
  const province = input.province?.trim() ?? '';
  return { urgency: input.urgency, inHomeProvince: province !== '' && isHomeProvince(policy, province), remoteArea: isRemoteArea(policy, input) };
}

/** The ticket's province is one of the policy's remote areas, or its site address names one. */
export function isRemoteArea(policy: Policy, input: Pick<SlaInput, 'province' | 'siteAddress'>): boolean {
  const areas = policy.promises.onSiteRepair.remoteAreas?.areas ?? [];
  const province = input.province?.trim() ? normaliseProvince(input.province) : null;
  const address = input.siteAddress ? normaliseProvince(input.siteAddress) : '';
  return areas.some((a) => {
    const area = normaliseProvince(a);
    return area === province || (address !== '' && address.includes(area));
  });
}

/** The promises with the urgency's own targets in place. */
export function targetsFor(policy: Policy, urgency: Urgency | undefined): PromisesPolicy {
  const own = urgency === undefined ? undefined : policy.urgencyTargets[urgency];
  if (!own) return policy.promises;
  const { onSiteRepair, ...durations } = own;
  const defined = Object.fromEntries(Object.entries(durations).filter(([, v]) => v !== undefined));
  return { ...policy.promises, ...defined, onSiteRepair: { ...policy.promises.onSiteRepair, ...onSiteRepair } };
}

/**
 * One promise with its stored deadline. `measure` says how its time runs (business minutes or clock time);
 * `warnAt` is `warningFraction` of the span [startsAt, dueAt] in that same measure; `noticeAt` is when a person
 * is actually told (see `noticeTime`), always before `dueAt` — the stored warning time.
 */
export type ServicePromise = {
  kind: PromiseKind;
  measure: TimeMeasure;
  startsAt: Date;
  dueAt: Date;
  warnAt: Date;
  noticeAt: Date;
};
export type Deadlines = ServicePromise[];

/**
 * Every promise that applies to a new ticket, in PromiseKind order, with the targets of its urgency:
 * first_response always; email_reply for e-mail; callback for voice; contact + progress_update for
 * general complexity; expert_engaged for complex; on_site_arrival when triage says a visit on site is needed
 * (in-province span for the home province, else out-of-province); on_site_repair once `arrivedOnSiteAt` is known
 * (the remote-area target for a remote site).
 */
export function deadlines(policy: Policy, calendar: BusinessCalendar, input: SlaInput): Deadlines {
  const at = input.openedAt;
  const kinds: PromiseKind[] = ['first_response'];
  if (input.channel === 'email') kinds.push('email_reply');
  if (input.channel === 'voice') kinds.push('callback');
  if (input.complexity === 'general') kinds.push('contact', 'progress_update');
  if (input.complexity === 'complex') kinds.push('expert_engaged');
  if (input.onSiteRequired) kinds.push('on_site_arrival');

  const site = siteOptionsOf(policy, input);
  const list = kinds.map((kind) => servicePromise(policy, calendar, kind, at, site));
  if (input.arrivedOnSiteAt) list.push(onSiteRepairPromise(policy, calendar, input.arrivedOnSiteAt, site));
  return list;
}

/**
 * The promise of one kind, counted from `startsAt`. Use it for promises that start later than the ticket:
 * on_site_repair from arrival, progress_update from the last update, on_site_arrival once triage asks for a visit.
 * `urgency` picks its targets; `inHomeProvince` only matters for on_site_arrival (default false = the longer
 * out-of-province span), `remoteArea` only for on_site_repair.
 */
export function servicePromise(policy: Policy, calendar: BusinessCalendar, kind: PromiseKind, startsAt: Date, options: SiteOptions = {}): ServicePromise {
  const p = targetsFor(policy, options.urgency);
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
    case 'on_site_repair': {
      const remote = options.remoteArea ? p.onSiteRepair.remoteAreas?.workingDays : undefined;
      const days = Math.max(p.onSiteRepair.workingDays, remote ?? 0);
      return fromBusinessMinutes(policy, calendar, kind, startsAt, calendar.addBusinessMinutes(startsAt, days * calendar.workingDayMinutes));
    }
    case 'email_reply':
      return fromBusinessMinutes(policy, calendar, kind, startsAt, calendar.endOfWorkingDayAfter(startsAt, p.emailReply.workingDaysAfterReceipt));
  }
}

/** The next progress update after one given at `lastUpdateAt` (general problems). */
export function nextProgressUpdate(policy: Policy, calendar: BusinessCalendar, lastUpdateAt: Date, options: SiteOptions = {}): ServicePromise {
  return servicePromise(policy, calendar, 'progress_update', lastUpdateAt, options);
}

/** Repair finished within `onSiteRepair.workingDays` (remote areas: `remoteAreas.workingDays`) of business time after arriving on site. */
export function onSiteRepairPromise(policy: Policy, calendar: BusinessCalendar, arrivedAt: Date, options: SiteOptions = {}): ServicePromise {
  return servicePromise(policy, calendar, 'on_site_repair', arrivedAt, options);
}

/**
 * A promise after the ticket waited on the customer during [pausedFrom, resumedAt): the time that was
 * left at `pausedFrom` (in the promise's own measure) starts again at `resumedAt`. So a business-time
 * promise is not moved by a pause outside working hours, and a clock promise moves by the full pause.
 * A deadline (or warning) already passed when the pause began stays where it was: the pause cannot undo a breach.
 */
export function shiftForPause(
  promise: ServicePromise,
  pausedFrom: Date,
  resumedAt: Date,
  calendar: BusinessCalendar,
  policy?: Pick<Policy, 'onCall'>,
): ServicePromise {
  const from = Math.max(pausedFrom.getTime(), promise.startsAt.getTime());
  if (resumedAt.getTime() <= from) return promise;
  const pauseStart = new Date(from);
  const shift = (target: Date): Date => {
    if (target.getTime() <= from) return target;
    if (promise.measure === 'clock') return new Date(resumedAt.getTime() + (target.getTime() - from));
    return calendar.addBusinessMinutes(resumedAt, calendar.businessMinutesBetween(pauseStart, target));
  };
  const shifted = { ...promise, dueAt: shift(promise.dueAt), warnAt: shift(promise.warnAt) };
  // A notice already due when the pause began stays; a later one is found again from the shifted times.
  const noticeAt = promise.noticeAt.getTime() <= from ? promise.noticeAt : noticeTime(policy ?? {}, calendar, { startsAt: resumedAt, warnAt: shifted.warnAt, dueAt: shifted.dueAt });
  return { ...shifted, noticeAt };
}

/** `shiftForPause` for every promise of a ticket. */
export function resume(
  promises: readonly ServicePromise[],
  pausedFrom: Date,
  resumedAt: Date,
  calendar: BusinessCalendar,
  policy?: Pick<Policy, 'onCall'>,
): ServicePromise[] {
  return promises.map((p) => shiftForPause(p, pausedFrom, resumedAt, calendar, policy));
}

function fromDuration(policy: Policy, calendar: BusinessCalendar, kind: PromiseKind, startsAt: Date, d: Duration): ServicePromise {
  if (d.measure === 'clock') {
    const span = d.hours * 3_600_000;
    const dueAt = new Date(startsAt.getTime() + span);
    const warnAt = new Date(startsAt.getTime() + span * policy.warningFraction);
    return { kind, measure: 'clock', startsAt, dueAt, warnAt, noticeAt: noticeTime(policy, calendar, { startsAt, warnAt, dueAt }) };
  }
  return fromBusinessMinutes(policy, calendar, kind, startsAt, calendar.addBusinessMinutes(startsAt, d.hours * 60));
}

function fromBusinessMinutes(policy: Policy, calendar: BusinessCalendar, kind: PromiseKind, startsAt: Date, dueAt: Date): ServicePromise {
  const span = calendar.businessMinutesBetween(startsAt, dueAt);
  const warnAt = calendar.addBusinessMinutes(startsAt, span * policy.warningFraction);
  return { kind, measure: 'business', startsAt, dueAt, warnAt, noticeAt: noticeTime(policy, calendar, { startsAt, warnAt, dueAt }) };
}
