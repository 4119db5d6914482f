import type { Db } from '../../src/db/db.js';
import { inTransaction } from '../../src/db/transaction.js';
import type { EventBus } from '../../src/events/event-bus.js';
import { findOrOpenConversation } from '../../src/conversations/conversation-service.js';
import { recordInbound, recordOutbound, repliesTo } from '../../src/conversations/message-service.js';
import { findCustomerByContact, identifyCustomer } from '../../src/customers/customer-service.js';
import { applySmsKeyword, smsKeyword } from '../../src/customers/opt-out-service.js';
import type { InboundMessage } from '../../src/messages/inbound-message.js';
import { keywordReply } from './sms-keyword-texts.js';

/**
 * The message is a STOP/START/HELP keyword for this sender: returns what to answer (possibly nothing) after
 * updating the opt-out flags, or null when the dialog should have it. START words ("yes" among them) count
 * only while the number is opted out, so a "yes" to a dialog question still reaches the dialog.
 * Recorded like any inbound message, once per MessageSid: a retry gets the same answer. The answer comes in
 * the keyword's own script, or the customer's language (sms-keyword-texts.ts).
 */
export async function answerSmsKeyword(
  db: Db,
  message: InboundMessage,
  ctx: { now: Date; events: EventBus },
): Promise<{ replies: string[] } | null> {
  const keyword = smsKeyword(message.text);
  if (!keyword || message.attachments.length > 0) return null;
  if (keyword === 'start') {
    const known = await findCustomerByContact(db, 'phone', message.from);
    if (!known?.optOutSms) return null;
  }
  return inTransaction(db, async (tx) => {
    const { customer } = await identifyCustomer(tx, { kind: 'phone', address: message.from });
    const conversation = await findOrOpenConversation(tx, { channel: 'sms', threadKey: message.conversationKey, customerId: customer.id });
    const recorded = await recordInbound(tx, { message, conversationId: conversation.id, customerId: customer.id });
    if (recorded.duplicate) {
      return { replies: (await repliesTo(tx, recorded.message.id)).map((m) => m.text) };
    }
    if (keyword !== 'help') await applySmsKeyword(tx, { phone: message.from, keyword }, { now: ctx.now, events: ctx.events });
    const conversationLanguage = conversation.language ?? customer.language;
    const text = keywordReply(keyword, message.text, conversationLanguage);
    if (text) {
      await recordOutbound(tx, {
        reply: { channel: 'sms', to: message.from, text, purpose: 'reply', meta: { keyword } },
        conversationId: conversation.id,
        customerId: customer.id,
        inReplyToId: recorded.message.id,
        author: 'system',
        at: ctx.now,
      });
    }
    await tx.message.update({ where: { id: recorded.message.id }, data: { processedAt: ctx.now } });
    return { replies: text ? [text] : [] };
  });
}
