import { DateTime } from 'luxon';
import type { Urgency } from '../understanding/understanding-schema.js';
import type { BusinessCalendar } from './business-calendar.js';
import { splitTime } from './business-calendar.js';
import { nextReachable } from './notice-time.js';
import type { Policy } from './policy-schema.js';

/**
 * When follow-ups, surveys and staff notices happen. Pure: time and policy are parameters.
 * Customer-facing send times avoid quiet hours; they may fall on weekends and holidays
 * (the bot sends, no staff needed). Month arithmetic is local calendar months (Jan 31 + 1 month = Feb 28).
 */

/** `instant` itself, or the end of the quiet hours it falls in (quiet hours are [start, end) local, may wrap midnight). */
export function outOfQuietHours(policy: Pick<Policy, 'quietHours'>, calendar: BusinessCalendar, instant: Date): Date {
  const local = DateTime.fromJSDate(instant, { zone: calendar.timeZone });
  const minute = local.hour * 60 + local.minute;
  const [sh, sm] = splitTime(policy.quietHours.start);
  const [eh, em] = splitTime(policy.quietHours.end);
  const start = sh * 60 + sm;
  const end = eh * 60 + em;
  if (start === end) return instant;
  const wraps = start > end;
  const quiet = wraps ? minute >= start || minute < end : minute >= start && minute < end;
  if (!quiet) return instant;
  const endDay = wraps && minute >= start ? local.plus({ days: 1 }) : local;
  return endDay.startOf('day').set({ hour: eh, minute: em }).toJSDate();
}

/** True when proactive customer messages must wait. */
export function isQuietTime(policy: Pick<Policy, 'quietHours'>, calendar: BusinessCalendar, instant: Date): boolean {
  return outOfQuietHours(policy, calendar, instant).getTime() !== instant.getTime();
}

/** Repair check-in: `afterDays` calendar days after the unit was returned, at `sendAt` local time (out of quiet hours). */
export function repairCheckInAt(policy: Policy, calendar: BusinessCalendar, returnedAt: Date): Date {
  const { afterDays, sendAt } = policy.followUps.repairCheckIn;
  return outOfQuietHours(policy, calendar, calendar.atLocalTime(returnedAt, afterDays, sendAt));
}

/** Deadline for the first call after a new installation: `withinMonths` local calendar months after it. */
export function installationFirstCallBy(policy: Policy, calendar: BusinessCalendar, installedAt: Date): Date {
  return plusMonths(calendar, installedAt, policy.followUps.installationFirstCall.withinMonths);
}

/**
 * When the customer must next be contacted: `regularContact.everyMonths` after the last contact (3 months
 * covers "at least once a quarter"); project customers also never more than `projectCustomerContact.maxGapMonths`.
 */
export function nextQuarterlyContactDue(policy: Policy, calendar: BusinessCalendar, lastContactAt: Date, isProjectCustomer: boolean): Date {
  const { regularContact, projectCustomerContact } = policy.followUps;
  const months = isProjectCustomer ? Math.min(regularContact.everyMonths, projectCustomerContact.maxGapMonths) : regularContact.everyMonths;
  return plusMonths(calendar, lastContactAt, months);
}

/** Satisfaction survey: `survey.delayDays` calendar days after completion at `survey.sendAt` local, moved out of quiet hours. */
export function surveySendAt(policy: Policy, calendar: BusinessCalendar, serviceCompletedAt: Date): Date {
  const { delayDays, sendAt } = policy.survey;
  let at = calendar.atLocalTime(serviceCompletedAt, delayDays, sendAt);
  // delayDays 0 with a send time already past: send now (or when quiet hours end).
  if (at.getTime() < serviceCompletedAt.getTime()) at = serviceCompletedAt;
  return outOfQuietHours(policy, calendar, at);
}

/**
 * When a staff notice (warning, escalation, new assignment) should go out: at once within business hours,
 * in the policy's on-call hours, or for an urgency in `staffNotifications.immediateUrgencies` (high by default);
 * otherwise when someone is next reachable (the next opening or on-call shift).
 */
export function staffNotificationTime(policy: Policy, calendar: BusinessCalendar, instant: Date, urgency: Urgency): Date {
  if (policy.staffNotifications.immediateUrgencies.includes(urgency)) return instant;
  return nextReachable(policy, calendar, instant);
}

function plusMonths(calendar: BusinessCalendar, instant: Date, months: number): Date {
  return DateTime.fromJSDate(instant, { zone: calendar.timeZone }).plus({ months }).toJSDate();
}
