import type { Activity } from 'botbuilder';
import type { Turn, TurnResult } from '../../channels/channel-adapter.js';
import { commonTexts } from '../../dialogs/shared/common-texts.js';
import { waitingReply } from '../../dialogs/handoff/waiting-reply.js';
import { chooseLanguage } from '../../dialogs/shared/language.js';
import { parseTicketReference } from '../../dialogs/shared/answers.js';
import { botMayAnswer, findOrOpenConversation } from '../conversations/conversation-service.js';
import { recordInbound, recordOutbound, repliesTo } from '../conversations/message-service.js';
import { normaliseAddress } from '../customers/contact-address.js';
import { staffReplyTime } from '../handoff/staff-reply-time.js';
import { addContactPoint, contactKindOf, findCustomerByContact, identifyCustomer } from '../customers/customer-service.js';
import type { Db } from '../db/db.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../errors/app-error.js';
import type { Customer, Prisma } from '../generated/prisma/client.js';
import { InboundMessage, type InboundMessageInput } from '../messages/inbound-message.js';
import type { OutboundMessage } from '../messages/outbound-message.js';
import { understand } from '../understanding/understand.js';
import type { Understanding } from '../understanding/understanding-schema.js';
import { storedReply, toActivity, toOutboundMessage, type TurnAddress } from './activity-mapping.js';
import { contactsOf, conversationQueue, queueKey, runBot, type BotDeps } from './bot-runtime.js';

export type { BotDeps };

/**
 * The sender's customer record; a new one for an unknown address. A sender we do not know yet who quotes
 * a ticket whose contact details are this very address (an e-mail after an SMS report) is that ticket's
 * customer: the address joins their record first. A known sender costs one lookup.
 */
async function identifySender(db: Db, message: InboundMessage): Promise<Customer> {
  const kind = contactKindOf[message.channel];
  const known = await findCustomerByContact(db, kind, message.from);
  if (known) return known;
  if (kind !== 'chat') await recogniseByTicketNumber(db, message, kind);
  return (await identifyCustomer(db, { kind, address: message.from, name: message.fromName })).customer;
}

async function recogniseByTicketNumber(db: Db, message: InboundMessage, kind: 'phone' | 'email'): Promise<void> {
  const number = parseTicketReference(`${message.subject ?? ''} ${message.text}`);
  if (!number) return;
  const ticket = await db.ticket.findUnique({ where: { number } });
  const address = normaliseAddress(kind, message.from);
  const written = ticket && (kind === 'phone' ? ticket.contactPhone : ticket.contactEmail);
  if (ticket && address && written && normaliseAddress(kind, written) === address) await addContactPoint(db, ticket.customerId, kind, address);
}

/** The language the customer picked on the channel's page (web chat), a hint for messages without letters. */
function pageLanguageOf(message: InboundMessage): string | undefined {
  return typeof message.meta.pageLanguage === 'string' ? message.meta.pageLanguage : undefined;
}

/**
 * The one pipeline every channel calls: identify the customer, find the conversation, store the message
 * once, understand it once, let the bot answer (unless a person owns the conversation), store the replies.
 * A redelivered message that was processed gets the stored replies; one that was stored but not processed
 * (a crash mid-turn) is processed now. Turns of one conversation run one at a time in this process, and the
 * eTag on the stored dialog state stops two instances from interleaving.
 */
export function createTurn(deps: BotDeps): Turn {
  return (input: InboundMessageInput) => {
    const message = InboundMessage.parse(input);
    return conversationQueue(queueKey(message.channel, message.conversationKey), () => handle(deps, message));
  };
}

async function handle(deps: BotDeps, message: InboundMessage): Promise<TurnResult> {
  const db = deps.database.prisma;
  const now = deps.clock();
  const customer = await identifySender(db, message);
  let conversation = await findOrOpenConversation(db, { channel: message.channel, threadKey: message.conversationKey, customerId: customer.id });
  const address: TurnAddress = { channel: message.channel, conversationId: conversation.id, customerId: customer.id, to: message.from, conversationKey: message.conversationKey };
  const { message: stored, duplicate } = await recordInbound(db, { message, conversationId: conversation.id, customerId: customer.id, ticketId: conversation.ticketId });
  if (duplicate && stored.processedAt) {
    const language = (conversation.language ?? customer.language ?? deps.env.DEFAULT_LANGUAGE) as OutboundMessage['language'];
    const rows = await repliesTo(db, stored.id);
    return { replies: rows.map((row) => storedReply(row, address, language)), duplicate: true };
  }

  const understanding: Understanding = understand(message.text, { channel: message.channel, subject: message.subject }, { confidenceThreshold: deps.env.CLASSIFIER_CONFIDENCE_THRESHOLD });
  const language = chooseLanguage({ detected: understanding.language, text: message.text, current: conversation.language ?? customer.language, fallback: deps.env.DEFAULT_LANGUAGE, hint: pageLanguageOf(message) });
  await db.message.update({ where: { id: stored.id }, data: { understanding: understanding as unknown as Prisma.InputJsonValue } });
  conversation = await db.conversation.update({ where: { id: conversation.id }, data: { language, lastInboundAt: now } });
  await db.customer.update({ where: { id: customer.id }, data: { language, lastContactAt: now } });

  let activities: Partial<Activity>[];
  if (botMayAnswer(conversation)) {
    const contacts = await contactsOf(db, customer.id);
    try {
      activities = await runBot(deps, db, toActivity(message, address, language), {
        now,
        timeZone: deps.policy.calendar.timeZone,
        language,
        channel: message.channel,
        understanding,
        customer: { id: customer.id, name: customer.name, company: customer.company, ...contacts },
        conversation: { id: conversation.id, ticketId: conversation.ticketId },
        inboundMessageId: stored.id,
        linkedTicketId: typeof message.meta.linkedTicketId === 'string' ? message.meta.linkedTicketId : undefined,
      });
    } catch (err) {
      // Retryable failures (database away, state changed by another instance) go back to the channel,
      // which lets the provider redeliver; the message stays unprocessed and is handled then.
      if (err instanceof AppError && err.retryable) throw err;
      deps.logger.error({ err, conversationId: conversation.id, code: err instanceof AppError ? err.code : undefined }, 'bot turn failed');
      activities = [{ type: 'message', text: commonTexts[language].error, locale: language }];
    }
  } else {
    activities = waitingReply(conversation.state, language, staffReplyTime(deps.policy, deps.calendar, now), deps.policy.calendar.timeZone);
    await inTransaction(db, (tx) =>
      deps.events.emit(tx, 'customer.message_received', { customerId: customer.id, conversationId: conversation.id, channel: message.channel }, now),
    );
  }

  const replies = activities.map((a) => toOutboundMessage(a, address));
  await inTransaction(db, async (tx) => {
    const current = await tx.conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    for (const reply of replies) {
      await recordOutbound(tx, { reply, conversationId: conversation.id, customerId: customer.id, ticketId: current.ticketId, inReplyToId: stored.id, author: 'bot', at: now });
    }
    await tx.message.update({ where: { id: stored.id }, data: { processedAt: now, ticketId: stored.ticketId ?? current.ticketId } });
    if (replies.length > 0) await tx.conversation.update({ where: { id: conversation.id }, data: { lastOutboundAt: now } });
  });
  return { replies, duplicate: false };
}
