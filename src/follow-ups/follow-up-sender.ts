import type { FollowUp, Prisma, Ticket } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';
import { inTransaction } from '../db/transaction.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { JobResult } from '../jobs/job-map.js';
import type { ChannelKind } from '../messages/channel-kind.js';
import type { PolicyContext } from '../notifications/staff-notification-service.js';
import { queueOutbound } from '../outbound/outbound-service.js';
import { outOfQuietHours } from '../sla/follow-up-rules.js';
import { surveyLanguage, type SurveyLanguage } from '../surveys/survey-questions.js';
import { hasOptedOut, reachCustomer, type Reach } from './customer-reach.js';
import { FOLLOW_UP_CALL_TITLE, followUpMessage, type FollowUpKind } from './follow-up-messages.js';

/**
 * Starts the follow-up conversation with the customer inside the sending transaction. app.ts passes the
 * bot's proactive start of the `follow-up` dialog (src/bot/proactive.ts), so the customer's answer continues
 * that dialog; without it (`sendFollowUpText`) the check-in goes out as plain text through the outbox.
 */
export type FollowUpStarter = (
  tx: Prisma.TransactionClient,
  input: { followUp: FollowUp; kind: FollowUpKind; ticket: Ticket | null; channel: ChannelKind; reach: Reach; language: SurveyLanguage },
  ctx: { now: Date; jobs: Pick<JobQueue, 'send'> },
) => Promise<void>;

export const sendFollowUpText: FollowUpStarter = async (tx, { followUp, kind, ticket, channel, reach, language }, ctx) => {
  const message = followUpMessage(kind, language, ticket?.number ?? '');
  await queueOutbound(
    tx,
    ctx.jobs,
    {
      channel,
      to: reach.to,
      conversationKey: reach.conversationKey,
      text: message.text,
      subject: channel === 'email' ? message.subject : undefined,
      language,
      purpose: 'follow_up',
      meta: { followUpId: followUp.id },
    },
    { ticketId: followUp.ticketId, customerId: followUp.customerId, conversationId: reach.conversationId, idempotencyKey: `follow_up:${followUp.id}` },
  );
};

export type SendFollowUpContext = PolicyContext & {
  startDialog?: FollowUpStarter;
  /** Automated check-in calls can be placed (Twilio voice configured): a quarterly contact by phone goes out as one. */
  automatedCalls?: boolean;
};

/**
 * The `follow_up.send` job. Re-checks first (too early or in quiet hours: back in the queue; ticket reopened,
 * customer contacted since, or opted out of the channel: cancelled), then claims the row (scheduled → sent)
 * and acts in the same transaction, so a retried job acts once: the follow-up dialog on the customer's
 * channel (`startDialog`), or a call task for staff (voice, installations, no address to write to).
 */
export async function sendFollowUp(db: Db, followUpId: string, ctx: SendFollowUpContext): Promise<JobResult> {
  return inTransaction(db, async (tx) => {
    const fu = await tx.followUp.findUnique({ where: { id: followUpId }, include: { customer: true } });
    if (!fu || fu.status !== 'scheduled') return 'skipped';
    const kind = fu.kind as FollowUpKind;
    const channel = fu.channel ?? 'voice';
    const call = channel === 'voice' || kind === 'installation_call';
    const earliest = kind === 'installation_call' ? ctx.now : fu.dueAt > ctx.now ? fu.dueAt : ctx.now;
    const notBefore = call ? earliest : outOfQuietHours(ctx.policy, ctx.calendar, earliest);
    if (notBefore > ctx.now) {
      await ctx.jobs.send('follow_up.send', { followUpId }, { tx, startAfter: notBefore, singletonKey: `follow_up:${followUpId}` });
      return 'skipped';
    }
    const ticket = fu.ticketId ? await tx.ticket.findUnique({ where: { id: fu.ticketId } }) : null;
    const reason =
      kind === 'repair_checkin' && ticket && !['resolved', 'closed'].includes(ticket.status)
        ? `ticket is ${ticket.status}`
        : kind === 'quarterly_contact' && fu.customer.lastContactAt && fu.customer.lastContactAt > fu.createdAt
          ? 'customer contacted since'
          : !call && hasOptedOut(fu.customer, channel, 'follow_up')
            ? 'customer opted out'
            : null;
    if (reason) {
      await tx.followUp.updateMany({ where: { id: followUpId, status: 'scheduled' }, data: { status: 'cancelled', notes: reason } });
      return 'skipped';
    }
    const reach = call ? null : await reachCustomer(tx, fu.customerId, channel, ticket);
    const automated = kind === 'quarterly_contact' && ctx.automatedCalls === true && (await usualChannel(tx, fu.customerId)) === 'voice' && (await phoneOf(tx, fu.customerId, ticket)) !== null;
    const claimed = await tx.followUp.updateMany({ where: { id: followUpId, status: 'scheduled' }, data: { status: 'sent', doneAt: ctx.now } });
    if (claimed.count === 0) return 'skipped';
    if (automated) {
      // The call itself is placed by its own job, after this transaction commits: a slow or failing
      // provider never holds the row, and a retry of that job cannot send the follow-up twice.
      await ctx.jobs.send('follow_up.call', { followUpId }, { tx, singletonKey: `follow_up_call:${followUpId}` });
    } else if (reach) {
      const language = surveyLanguage(fu.customer.language ?? ticket?.language);
      const start = ctx.startDialog ?? sendFollowUpText;
      await start(tx, { followUp: fu, kind, ticket, channel, reach, language }, ctx);
      await tx.customer.update({ where: { id: fu.customerId }, data: { lastContactAt: ctx.now } });
    } else {
      await createCallTask(tx, fu, ticket, ctx);
    }
    if (fu.ticketId) {
      await tx.ticketEvent.create({
        data: { ticketId: fu.ticketId, at: ctx.now, actor: 'system:follow_up', kind: 'follow_up_sent', to: automated ? 'ivr_call' : reach ? channel : 'staff_task', data: { followUpId, kind: fu.kind } },
      });
    }
    return 'done';
  });
}

/** The follow-up as a call for staff to make (`title`, `reason`: why a person has to call after all). */
export async function createCallTask(tx: Prisma.TransactionClient, fu: FollowUp, ticket: Ticket | null, ctx: PolicyContext, why?: { title: string; reason: string; key: string }): Promise<void> {
  const kind = fu.kind as FollowUpKind;
  await tx.staffTask.create({
    data: {
      kind: 'follow_up_call',
      ticketId: fu.ticketId,
      customerId: fu.customerId,
      title: why?.title ?? FOLLOW_UP_CALL_TITLE[kind] ?? `Follow-up: ${fu.kind}`,
      details: { followUpId: fu.id, kind: fu.kind, assetId: fu.assetId, phone: await phoneOf(tx, fu.customerId, ticket), ...(why ? { reason: why.reason } : {}) },
      dueAt: kind === 'installation_call' ? fu.dueAt : ctx.calendar.endOfNextWorkingDay(ctx.now),
      dedupeKey: why ? `follow_up:${fu.id}:${why.key}` : `follow_up:${fu.id}`,
      createdAt: ctx.now,
    },
  });
}

/** The channel the customer last talked to us on: a caller is called, a texter gets a person's call. */
async function usualChannel(db: Db, customerId: string): Promise<ChannelKind | null> {
  const latest = await db.conversation.findFirst({ where: { customerId }, orderBy: { updatedAt: 'desc' }, select: { channel: true } });
  return latest?.channel ?? null;
}

/** The number staff should call: the ticket's contact phone, else the customer's first phone contact point. */
export async function phoneOf(db: Db, customerId: string, ticket: Ticket | null): Promise<string | null> {
  if (ticket?.contactPhone) return ticket.contactPhone;
  const point = await db.contactPoint.findFirst({ where: { customerId, kind: 'phone' }, orderBy: { createdAt: 'asc' } });
  return point?.address ?? null;
}
