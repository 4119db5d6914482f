import { DateTime } from 'luxon';
import { createBusinessCalendar } from '../../src/sla/business-calendar.js';
import type { BusinessCalendar } from '../../src/sla/business-calendar.js';
import { loadPolicy } from '../../src/sla/load-policy.js';
import type { CalendarPolicy, Policy } from '../../src/sla/policy-schema.js';

/** The shipped config/policy.yaml: Asia/Taipei, Mon–Sat 08:30–18:00, TW public holidays. */
export const shippedPolicy: Policy = loadPolicy();
export const shippedCalendar: BusinessCalendar = createBusinessCalendar(shippedPolicy.calendar);

/** The shipped policy with some settings replaced. */
export function policyWith(changes: Partial<Omit<Policy, 'calendar'>> & { calendar?: Partial<CalendarPolicy> } = {}): Policy {
  return { ...shippedPolicy, ...changes, calendar: { ...shippedPolicy.calendar, ...changes.calendar } };
}

export function calendarOf(policy: Policy): BusinessCalendar {
  return createBusinessCalendar(policy.calendar);
}

/** A Taipei local time "2026-11-28T17:00" as an instant. */
export function taipei(local: string): Date {
  return DateTime.fromISO(local, { zone: 'Asia/Taipei' }).toJSDate();
}

/** An instant shown as Taipei local time "yyyy-MM-dd'T'HH:mm" (seconds when not zero). */
export function local(instant: Date): string {
  const dt = DateTime.fromJSDate(instant, { zone: 'Asia/Taipei' });
  return dt.toFormat(dt.second === 0 ? "yyyy-LL-dd'T'HH:mm" : "yyyy-LL-dd'T'HH:mm:ss");
}
