import type { StaffNotification } from '../generated/prisma/client.js';
import type { StaffRole, Urgency } from '../generated/prisma/enums.js';
import type { Db } from '../db/db.js';
import { inTransaction } from '../db/transaction.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { JobResult } from '../jobs/job-map.js';
import { queueOutbound } from '../outbound/outbound-service.js';
import type { BusinessCalendar } from '../sla/business-calendar.js';
import { staffNotificationTime } from '../sla/follow-up-rules.js';
import { onDutyStaff } from './duty-rota.js';
import { ON_CALL_NOTICE } from './on-call.js';
import type { Policy } from '../sla/policy-schema.js';

/** What every scheduling service needs besides the database: time, the policy and the job queue. */
export type PolicyContext = { now: Date; policy: Policy; calendar: BusinessCalendar; jobs: Pick<JobQueue, 'send'> };

/**
 * Named staff members, everyone active in a role, or the ticket's assignee (else the agents on duty, else
 * the supervisors: a notice for an unassigned ticket never waits for an agent who is off duty).
 */
export type Recipients = { staffIds: readonly string[] } | { role: StaffRole } | { assigneeOf: string };

export type StaffNotice = {
  ticketId?: string | null;
  /** handoff | sla_warning | sla_breach | dissatisfied | complaint ... */
  kind: string;
  text: string;
  /** Urgencies in the policy's `immediateUrgencies` go out at once; others wait for the next working morning. */
  urgency: Urgency;
  to: Recipients;
  /** One notice per recipient per key: raising the same notice twice is harmless. */
  dedupeKey: string;
  /** When to deliver, decided by the caller (an SLA warning raised at its notice time goes at once); default by urgency. */
  deliverAfter?: Date;
};

/**
 * Stores one StaffNotification per recipient and enqueues its delivery at `deliverAfter`: now within
 * business hours or for urgent tickets, else the next working morning. A role with nobody in it gets
 * one notification addressed to the role (the console shows it to whoever holds the role later).
 */
export async function notifyStaff(db: Db, notice: StaffNotice, ctx: PolicyContext): Promise<StaffNotification[]> {
  const deliverAfter = notice.deliverAfter ?? staffNotificationTime(ctx.policy, ctx.calendar, ctx.now, notice.urgency);
  return inTransaction(db, async (tx) => {
    const { staffIds, role } = await resolveRecipients(tx, notice.to, ctx);
    const rows =
      staffIds.length > 0
        ? staffIds.map((staffId) => ({ staffId, role, key: `${notice.dedupeKey}:${staffId}` }))
        : [{ staffId: null, role, key: `${notice.dedupeKey}:${role ?? 'staff'}` }];
    await tx.staffNotification.createMany({
      data: rows.map((r) => ({
        staffId: r.staffId,
        role: r.role,
        ticketId: notice.ticketId ?? null,
        kind: notice.kind,
        text: notice.text,
        deliverAfter,
        dedupeKey: r.key,
        createdAt: ctx.now,
      })),
      skipDuplicates: true,
    });
    const stored = await tx.staffNotification.findMany({ where: { dedupeKey: { in: rows.map((r) => r.key) } } });
    for (const n of stored) {
      if (n.deliveredAt) continue;
      await ctx.jobs.send('notification.deliver', { notificationId: n.id }, { tx, startAfter: n.deliverAfter, singletonKey: `notification:${n.id}` });
    }
    return stored;
  });
}

async function resolveRecipients(db: Db, to: Recipients, ctx: PolicyContext): Promise<{ staffIds: string[]; role: StaffRole | null }> {
  if ('staffIds' in to) return { staffIds: [...to.staffIds], role: null };
  if ('role' in to) {
    const staff = await db.staff.findMany({ where: { role: to.role, active: true }, select: { id: true }, orderBy: { createdAt: 'asc' } });
    return { staffIds: staff.map((s) => s.id), role: to.role };
  }
  const ticket = await db.ticket.findUnique({ where: { id: to.assigneeOf }, select: { assigneeId: true } });
  if (ticket?.assigneeId) return { staffIds: [ticket.assigneeId], role: null };
  const agents = await onDutyStaff(db, 'agent', ctx.now, ctx.calendar.timeZone);
  if (agents.length > 0) return { staffIds: agents.map((s) => s.id), role: 'agent' };
  const supervisors = await db.staff.findMany({ where: { role: { in: ['supervisor', 'admin'] }, active: true }, select: { id: true }, orderBy: { createdAt: 'asc' } });
  return { staffIds: supervisors.map((s) => s.id), role: 'supervisor' };
}

export type DeliverContext = { now: Date; jobs: Pick<JobQueue, 'send'>; supervisorEmails: readonly string[] };

/**
 * The `notification.deliver` job: marks the notification delivered once (the console shows it from then on)
 * and e-mails notices for supervisors to SUPERVISOR_EMAILS and the supervisor's own address (once per notice and address).
 * A job that runs before `deliverAfter` puts itself back in the queue.
 */
export async function deliverNotification(db: Db, notificationId: string, ctx: DeliverContext): Promise<JobResult> {
  return inTransaction(db, async (tx) => {
    const n = await tx.staffNotification.findUnique({ where: { id: notificationId }, include: { staff: true } });
    if (!n || n.deliveredAt) return 'skipped';
    if (ctx.now < n.deliverAfter) {
      await ctx.jobs.send('notification.deliver', { notificationId }, { tx, startAfter: n.deliverAfter, singletonKey: `notification:${n.id}` });
      return 'skipped';
    }
    const claimed = await tx.staffNotification.updateMany({ where: { id: notificationId, deliveredAt: null }, data: { deliveredAt: ctx.now } });
    if (claimed.count === 0) return 'skipped';
    const supervisor = n.role === 'supervisor' || n.staff?.role === 'supervisor';
    // Someone on call out of hours is not watching the console: the page reaches them by e-mail.
    const onCall = n.kind === ON_CALL_NOTICE;
    if (!supervisor && !onCall) return 'done';
    // One mail per notice and address, however many supervisor rows the notice has.
    const notice = n.dedupeKey ? n.dedupeKey.slice(0, n.dedupeKey.lastIndexOf(':')) : n.id;
    const addresses = new Set([...(supervisor ? ctx.supervisorEmails : []), ...(n.staff?.email ? [n.staff.email] : [])]);
    for (const to of addresses) {
      await queueOutbound(
        tx,
        ctx.jobs,
        { channel: 'email', to, subject: `[aftercare] ${n.kind.replace(/_/g, ' ')}`, text: n.text, purpose: 'notification' },
        { ticketId: n.ticketId, idempotencyKey: `staff-notice:${notice}:${to}` },
      );
    }
    return 'done';
  });
}
