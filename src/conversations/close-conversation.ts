import type { Conversation, OutboundMessage } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';
import { inTransaction } from '../db/transaction.js';
import { NotFoundError } from '../errors/app-error.js';
import type { EventBus } from '../events/event-bus.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { isLanguage, type Language } from '../messages/channel-kind.js';
import { queueOutbound } from '../outbound/outbound-service.js';

const GOODBYE: Record<Language, string> = {
  'zh-Hant': '本次對話已結束，感謝您的耐心。如還有其他問題，隨時在這裡留言，我們會繼續為您服務。',
  'zh-Hans': '本次对话已结束，感谢您的耐心。如还有其他问题，随时在这里留言，我们会继续为您服务。',
  en: 'This conversation is now closed. Thank you for your patience. If there is anything else, just write here again and we will pick it up.',
};

/**
 * Whether the customer hears that the conversation was closed. Only in a web chat a person took part in
 * (handed to staff, or owned by them): the customer is looking at a live window and should know nobody is
 * typing any more. An SMS or e-mail saying "closed" is noise that costs money, and a closed ticket already
 * tells the customer itself (Chatwoot's "resolve" sends nothing either unless configured).
 */
export function tellsCustomerOnClose(conversation: Pick<Conversation, 'channel' | 'state'>): boolean {
  return conversation.channel === 'chat' && (conversation.state === 'staff' || conversation.state === 'waiting_staff');
}

export type CloseContext = { now: Date; actor: string; events: EventBus; jobs: Pick<JobQueue, 'send'> };

/**
 * Closes a conversation: it leaves the staff queue, the bot answers the customer's next message (which opens
 * it again), its ticket's timeline says so, and, where `tellsCustomerOnClose`, the customer gets a polite line
 * in their language on their channel. Closing a closed conversation changes nothing.
 */
export async function closeConversation(db: Db, conversationId: string, ctx: CloseContext): Promise<{ conversation: Conversation; told: OutboundMessage | null }> {
  return inTransaction(db, async (tx) => {
    const conversation = await tx.conversation.findUnique({ where: { id: conversationId }, include: { customer: { select: { language: true } }, ticket: { select: { language: true } } } });
    if (!conversation) throw new NotFoundError(`No conversation ${conversationId}`);
    const { customer, ticket, ...row } = conversation;
    if (row.state === 'closed') return { conversation: row, told: null };
    let told: OutboundMessage | null = null;
    if (tellsCustomerOnClose(row)) {
      const wanted = row.language ?? customer?.language ?? ticket?.language;
      const language: Language = isLanguage(wanted) ? wanted : 'zh-Hant';
      const text = GOODBYE[language];
      const { row: outbound } = await queueOutbound(
        tx,
        ctx.jobs,
        { channel: 'chat', to: row.threadKey, conversationKey: row.threadKey, text, purpose: 'notification', language, meta: { threadKey: row.threadKey, notice: 'conversation_closed' } },
        { conversationId, ticketId: row.ticketId, customerId: row.customerId, idempotencyKey: `conversation_closed:${conversationId}:${ctx.now.getTime()}` },
      );
      await tx.message.create({
        data: {
          conversationId,
          customerId: row.customerId,
          ticketId: row.ticketId,
          direction: 'outbound',
          channel: 'chat',
          externalId: `outbound:${outbound.id}`,
          author: ctx.actor,
          text,
          raw: { choices: [], meta: { outboundId: outbound.id, purpose: 'notification', notice: 'conversation_closed' } },
          createdAt: ctx.now,
        },
      });
      told = outbound;
    }
    const closed = await tx.conversation.update({
      where: { id: conversationId },
      data: { state: 'closed', assignedStaffId: null, handoffReason: null, ...(told ? { lastOutboundAt: ctx.now } : {}) },
    });
    if (row.ticketId) {
      await tx.ticketEvent.create({
        data: { ticketId: row.ticketId, at: ctx.now, actor: ctx.actor, kind: 'conversation_closed', from: row.state, to: 'closed', data: { conversationId, customerTold: !!told } },
      });
    }
    await ctx.events.emit(tx, 'conversation.closed', { conversationId, actor: ctx.actor }, ctx.now);
    return { conversation: closed, told };
  });
}
