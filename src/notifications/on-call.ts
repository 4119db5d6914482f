import type { Db } from '../db/db.js';
import type { BusinessCalendar } from '../sla/business-calendar.js';
import { isOnCallTime } from '../sla/notice-time.js';
import type { Policy } from '../sla/policy-schema.js';
import type { Recipients } from './staff-notification-service.js';

/**
 * Who is on call at `now`: the policy's on-call staff (by e-mail, active ones) or role, outside working hours
 * and inside the on-call shift; null when nobody is (no onCall section, working hours, or outside the shift).
 */
export async function onCallRecipients(db: Db, policy: Pick<Policy, 'onCall'>, calendar: BusinessCalendar, now: Date): Promise<Recipients | null> {
  const onCall = policy.onCall;
  if (!onCall || calendar.isWithinBusinessHours(now) || !isOnCallTime(policy, calendar, now)) return null;
  if (onCall.staffEmails?.length) {
    const staff = await db.staff.findMany({ where: { email: { in: onCall.staffEmails }, active: true }, select: { id: true } });
    if (staff.length > 0) return { staffIds: staff.map((s) => s.id) };
  }
  return onCall.role ? { role: onCall.role } : null;
}

/** The notice kind of an urgent ticket paged to the on-call people (e-mailed to them, not only shown in the console). */
export const ON_CALL_NOTICE = 'on_call';
