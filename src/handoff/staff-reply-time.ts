import type { BusinessCalendar } from '../sla/business-calendar.js';
import type { Policy } from '../sla/policy-schema.js';
import { servicePromise } from '../sla/sla-rules.js';

/** When a customer handed to staff can expect a person: now or at the next opening, and at the latest by the first-response promise. */
export type StaffReplyTime = { openNow: boolean; opensAt: Date; by: Date };

export function staffReplyTime(policy: Policy, calendar: BusinessCalendar, now: Date): StaffReplyTime {
  return {
    openNow: calendar.isWithinBusinessHours(now),
    opensAt: calendar.nextBusinessOpening(now),
    by: servicePromise(policy, calendar, 'first_response', now).dueAt,
  };
}
