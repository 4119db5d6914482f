import { DateTime } from 'luxon';
import type { BusinessCalendar } from './business-calendar.js';
import { splitTime } from './business-calendar.js';
import type { Policy, Weekday } from './policy-schema.js';

const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const HOUR_MS = 3_600_000;

/**
 * When a person is actually told about a promise coming due. Pure: time and policy are parameters.
 *
 * The warning point (`warnAt`, a fraction of the promise's time) stands when someone is reachable then: within
 * working hours, or in the policy's on-call hours. Otherwise the notice moves to the next time someone is
 * reachable if that is still before the deadline, else to the start of the last working hour before the
 * deadline (never before the promise started). When nobody is reachable between the start and the deadline
 * (a clock-time callback opened on a Saturday night), the notice is at the start and goes to the supervisors.
 */
export function noticeTime(policy: Pick<Policy, 'onCall'>, calendar: BusinessCalendar, p: { startsAt: Date; warnAt: Date; dueAt: Date }): Date {
  const reachable = (t: Date): boolean => calendar.isWithinBusinessHours(t) || isOnCallTime(policy, calendar, t);
  if (p.warnAt < p.dueAt && reachable(p.warnAt)) return p.warnAt;
  const next = nextReachable(policy, calendar, p.warnAt);
  if (next < p.dueAt) return next;
  const last = calendar.previousBusinessPeriod(p.dueAt);
  if (last !== null && last.close > p.startsAt) {
    const lastHour = new Date(Math.max(last.open.getTime(), last.close.getTime() - HOUR_MS, p.startsAt.getTime()));
    if (lastHour < p.dueAt) return lastHour;
  }
  return p.startsAt;
}

/** Whether `instant` falls in the policy's on-call hours (false without an onCall section). */
export function isOnCallTime(policy: Pick<Policy, 'onCall'>, calendar: BusinessCalendar, instant: Date): boolean {
  const onCall = policy.onCall;
  if (!onCall) return false;
  const local = DateTime.fromJSDate(instant, { zone: calendar.timeZone });
  const minute = local.hour * 60 + local.minute;
  const [sh, sm] = splitTime(onCall.start);
  const [eh, em] = splitTime(onCall.end);
  const start = sh * 60 + sm;
  const end = eh * 60 + em;
  const onDay = (d: DateTime): boolean => onCall.days.includes(WEEKDAYS[d.weekday - 1]!);
  if (start < end) return onDay(local) && minute >= start && minute < end;
  // Past midnight: the evening part belongs to today's shift, the morning part to yesterday's.
  return (minute >= start && onDay(local)) || (minute < end && onDay(local.minus({ days: 1 })));
}

/** The first instant at or after `instant` when someone is reachable: the next opening or the next on-call shift. */
export function nextReachable(policy: Pick<Policy, 'onCall'>, calendar: BusinessCalendar, instant: Date): Date {
  const opening = calendar.nextBusinessOpening(instant);
  const onCall = policy.onCall;
  if (!onCall) return opening;
  if (isOnCallTime(policy, calendar, instant)) return instant;
  const local = DateTime.fromJSDate(instant, { zone: calendar.timeZone });
  const [sh, sm] = splitTime(onCall.start);
  for (let i = 0; i <= 7; i += 1) {
    const day = local.plus({ days: i });
    if (!onCall.days.includes(WEEKDAYS[day.weekday - 1]!)) continue;
    const shift = day.startOf('day').set({ hour: sh, minute: sm }).toJSDate();
    if (shift > instant) return shift < opening ? shift : opening;
  }
  return opening;
}
