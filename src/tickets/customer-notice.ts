import type { OutboundMessage } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';
import { inTransaction } from '../db/transaction.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { isLanguage, type Language } from '../messages/channel-kind.js';
import { queueOutbound } from '../outbound/outbound-service.js';
import { replyTarget } from './reply-target.js';

export type CustomerNotice = {
  ticketId: string;
  /** resolved | visit_proposal | visit_quote ... (the outbox purpose is `notification`). */
  kind: string;
  text: (language: Language) => string;
  /** Same key, one message: a retried request or job tells the customer once. */
  idempotencyKey: string;
};

/**
 * Tells a ticket's customer something on the channel they last used for it (a call is answered by SMS),
 * through the outbox, and writes it into that conversation so staff see it in the transcript. Returns
 * null when the customer has no conversation or no address to reach (the caller decides whether that matters).
 */
export async function tellCustomer(db: Db, jobs: Pick<JobQueue, 'send'>, notice: CustomerNotice, ctx: { now: Date; actor: string }): Promise<OutboundMessage | null> {
  return inTransaction(db, async (tx) => {
    const ticket = await tx.ticket.findUnique({ where: { id: notice.ticketId }, include: { customer: { include: { contacts: true } } } });
    if (!ticket) return null;
    const conversation =
      (await tx.conversation.findFirst({ where: { ticketId: ticket.id }, orderBy: [{ updatedAt: 'desc' }] })) ??
      (await tx.conversation.findFirst({ where: { customerId: ticket.customerId, channel: ticket.channel }, orderBy: [{ updatedAt: 'desc' }] }));
    if (!conversation) return null;
    const lastInbound = await tx.message.findFirst({ where: { conversationId: conversation.id, direction: 'inbound' }, orderBy: [{ seq: 'desc' }] });
    let target;
    try {
      target = replyTarget(conversation, ticket.customer.contacts, lastInbound, ticket.number);
    } catch {
      return null;
    }
    const language: Language = isLanguage(conversation.language) ? conversation.language : isLanguage(ticket.language) ? ticket.language : 'zh-Hant';
    const text = notice.text(language);
    const { row, created } = await queueOutbound(
      tx,
      jobs,
      { channel: target.channel, to: target.to, conversationKey: conversation.threadKey, text, subject: target.subject, purpose: 'notification', language, meta: { ...target.meta, notice: notice.kind } },
      { conversationId: conversation.id, ticketId: ticket.id, customerId: ticket.customerId, idempotencyKey: notice.idempotencyKey },
    );
    if (created) {
      await tx.message.create({
        data: {
          conversationId: conversation.id,
          customerId: ticket.customerId,
          ticketId: ticket.id,
          direction: 'outbound',
          channel: target.channel,
          externalId: `outbound:${row.id}`,
          author: ctx.actor,
          text,
          subject: target.subject,
          raw: { choices: [], meta: { outboundId: row.id, purpose: 'notification', notice: notice.kind } },
          createdAt: ctx.now,
        },
      });
      await tx.ticketEvent.create({ data: { ticketId: ticket.id, at: ctx.now, actor: ctx.actor, kind: 'customer_notified', to: target.channel, reason: notice.kind, data: { outboundId: row.id } } });
    }
    return row;
  });
}

const RESOLVED: Record<Language, (number: string) => string> = {
  'zh-Hant': (n) => `您的服務單 ${n} 已處理完成。如仍有問題，請直接回覆此訊息，我們會再為您處理。`,
  'zh-Hans': (n) => `您的服务单 ${n} 已处理完成。如仍有问题，请直接回复此消息，我们会再为您处理。`,
  en: (n) => `Your service request ${n} has been resolved. If anything is still wrong, just reply to this message and we will pick it up again.`,
};

/** The customer hears on their channel that their ticket is resolved (once per resolution). */
export async function tellCustomerResolved(db: Db, jobs: Pick<JobQueue, 'send'>, ticketId: string, ctx: { now: Date; actor: string }) {
  const ticket = await db.ticket.findUnique({ where: { id: ticketId }, select: { number: true, resolvedAt: true } });
  if (!ticket?.resolvedAt) return null;
  return tellCustomer(db, jobs, { ticketId, kind: 'resolved', text: (l) => RESOLVED[l](ticket.number), idempotencyKey: `resolved:${ticketId}:${ticket.resolvedAt.getTime()}` }, ctx);
}
