import type { Db } from '../../src/db/db.js';
import { inTransaction } from '../../src/db/transaction.js';
import type { EventBus } from '../../src/events/event-bus.js';
import { findOrOpenConversation } from '../../src/conversations/conversation-service.js';
import { recordInbound, recordOutbound, repliesTo } from '../../src/conversations/message-service.js';
import { findCustomerByContact, identifyCustomer } from '../../src/customers/customer-service.js';
import { applySmsKeyword, smsKeyword, type SmsKeyword } from '../../src/customers/opt-out-service.js';
import type { InboundMessage } from '../../src/messages/inbound-message.js';

const HAN = /\p{Script=Han}/u;

/** English STOP/START are answered by Twilio itself (and our reply to a STOP would be blocked): we stay silent. */
function replyText(keyword: SmsKeyword, chinese: boolean): string | null {
  if (keyword === 'help') {
    return chinese
      ? '這是售後服務專線簡訊。請直接描述問題（型號、序號、狀況），我們會建立服務單。回覆「退訂」停止主動簡訊，回覆「訂閱」恢復。'
      : 'This is the after-sales service line. Describe the problem (model, serial number, what happens) and we will open a service ticket. Reply STOP to stop messages, START to resume.';
  }
  if (!chinese) return null;
  return keyword === 'stop'
    ? '您已退訂，之後不會再收到我們的主動簡訊或滿意度調查。回覆「訂閱」可恢復。'
    : '您已恢復接收服務簡訊。回覆「退訂」可停止。';
}

/**
 * The message is a STOP/START/HELP keyword for this sender: returns what to answer (possibly nothing) after
 * updating the opt-out flags, or null when the dialog should have it. START words ("yes" among them) count
 * only while the number is opted out, so a "yes" to a dialog question still reaches the dialog.
 * Recorded like any inbound message, once per MessageSid: a retry gets the same answer.
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
    const text = replyText(keyword, HAN.test(message.text));
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
