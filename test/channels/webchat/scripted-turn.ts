import type { Turn } from '../../../channels/channel-adapter.js';
import type { Clock } from '../../../src/clock.js';
import { botMayAnswer, findOrOpenConversation, setConversationState } from '../../../src/conversations/conversation-service.js';
import { recordInbound, recordOutbound, repliesTo } from '../../../src/conversations/message-service.js';
import { contactKindOf, identifyCustomer } from '../../../src/customers/customer-service.js';
import type { Db } from '../../../src/db/db.js';
import type { OutboundMessage } from '../../../src/messages/outbound-message.js';

export type ScriptReply = { text: string; choices?: string[] };

/**
 * A stand-in for the dialog engine's turn with the same storage behaviour (customer, conversation,
 * inbound once per externalId, replies linked to it, silence while staff own the conversation), so the
 * channel and console can be tested before and independently of the dialogs.
 * "agent" hands the conversation to staff.
 */
export function scriptedTurn(db: Db, clock: Clock, script: (text: string) => ScriptReply[] = echo): Turn & { calls: number } {
  const turn = (async (message) => {
    turn.calls += 1;
    const { customer } = await identifyCustomer(db, { kind: contactKindOf[message.channel], address: message.from });
    const conversation = await findOrOpenConversation(db, { channel: message.channel, threadKey: message.conversationKey, customerId: customer.id });
    const { message: inbound, duplicate } = await recordInbound(db, { message, conversationId: conversation.id, customerId: customer.id, ticketId: conversation.ticketId });
    const asReply = (text: string, choices?: string[]): OutboundMessage => ({
      channel: message.channel, to: message.from, conversationKey: message.conversationKey, text, choices, purpose: 'reply', meta: {},
    });
    if (duplicate) {
      const stored = await repliesTo(db, inbound.id);
      return { duplicate: true, replies: stored.map((m) => asReply(m.text, ((m.raw ?? {}) as { choices?: string[] }).choices)) };
    }
    // Marked processed as the real turn does, so the sweeper leaves it alone.
    await db.message.update({ where: { id: inbound.id }, data: { processedAt: message.receivedAt } });
    await db.conversation.update({ where: { id: conversation.id }, data: { lastInboundAt: message.receivedAt } });
    if (!botMayAnswer(conversation)) return { duplicate: false, replies: [] };
    let replies = script(message.text);
    if (/\bagent\b|人工/i.test(message.text)) {
      await setConversationState(db, conversation.id, 'waiting_staff', { handoffReason: 'customer asked for a person' });
      replies = [{ text: 'Connecting you to a member of staff.' }];
    }
    const out = replies.map((r) => asReply(r.text, r.choices));
    for (const reply of out) {
      await recordOutbound(db, { reply, conversationId: conversation.id, customerId: customer.id, ticketId: conversation.ticketId, inReplyToId: inbound.id, author: 'bot', at: clock() });
    }
    return { duplicate: false, replies: out };
  }) as Turn & { calls: number };
  turn.calls = 0;
  return turn;
}

function echo(text: string): ScriptReply[] {
  return [{ text: `You said: ${text}`, choices: ['Yes', 'No'] }];
}
