import { DateTime } from 'luxon';
import type { Db } from '../db/db.js';
import { notifyStaff, type PolicyContext } from '../notifications/staff-notification-service.js';

/**
 * The investigation deadline a complaint's severity sets (complaint-service.ts) is watched like a promise: at the
 * policy's `warningFraction` of the time from grading to the deadline the assignee is told (else the agents on duty,
 * else the supervisors), and once the deadline passes without a finding the supervisors are. Both go out at once:
 * a notice held for the next working morning could come after the deadline. One notice each per deadline (a
 * regrade sets a new one). Closed tickets are left alone, as the monthly report leaves them out of the open list.
 */
export async function sweepComplaintDeadlines(db: Db, ctx: PolicyContext): Promise<{ warned: number; overdue: number }> {
  const pending = await db.ticket.findMany({
    where: { category: 'complaint', investigatedAt: null, investigationDueAt: { not: null }, complaintGradedAt: { not: null }, status: { not: 'closed' } },
    select: { id: true, number: true, complaintSeverity: true, complaintGradedAt: true, investigationDueAt: true },
  });
  let warned = 0;
  let overdue = 0;
  for (const t of pending) {
    const due = t.investigationDueAt!;
    const graded = t.complaintGradedAt!;
    const warnAt = new Date(graded.getTime() + ctx.policy.warningFraction * (due.getTime() - graded.getTime()));
    if (ctx.now < warnAt) continue;
    const dueText = DateTime.fromJSDate(due, { zone: ctx.calendar.timeZone }).toFormat('yyyy-LL-dd HH:mm');
    const late = ctx.now >= due;
    await notifyStaff(
      db,
      late
        ? { ticketId: t.id, kind: 'complaint_overdue', urgency: 'high', to: { role: 'supervisor' }, text: `Complaint ${t.number} (${t.complaintSeverity}): the investigation was due ${dueText} and has no finding yet.`, dedupeKey: `complaint_overdue:${t.id}:${due.toISOString()}`, deliverAfter: ctx.now }
        : { ticketId: t.id, kind: 'complaint_warning', urgency: 'high', to: { assigneeOf: t.id }, text: `Complaint ${t.number} (${t.complaintSeverity}): the investigation's finding is due ${dueText}.`, dedupeKey: `complaint_warning:${t.id}:${due.toISOString()}`, deliverAfter: ctx.now },
      ctx,
    );
    if (late) overdue += 1;
    else warned += 1;
  }
  return { warned, overdue };
}
