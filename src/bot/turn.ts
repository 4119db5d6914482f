import type { Turn, TurnResult } from '../../channels/channel-adapter.js';
import { parseTicketReference } from '../../dialogs/shared/answers.js';
import { findOrOpenConversation } from '../conversations/conversation-service.js';
import { recordInbound, repliesTo } from '../conversations/message-service.js';
import { normaliseAddress } from '../customers/contact-address.js';
import { addContactPoint, contactKindOf, findCustomerByContact, identifyCustomer } from '../customers/customer-service.js';
import type { Db } from '../db/db.js';
import type { Customer } from '../generated/prisma/client.js';
import { InboundMessage } from '../messages/inbound-message.js';
import { isLanguage } from '../messages/channel-kind.js';
import type { OutboundMessage } from '../messages/outbound-message.js';
import { storedReply } from './activity-mapping.js';
import { conversationQueue, queueKey, type BotDeps } from './bot-runtime.js';
import { lateRepliesQueued } from './late-replies.js';
import { createTurnProcessor, type TurnProcessor, type Waiting } from './turn-processor.js';
import { storeFromKnownSender, type StoredInbound } from './turn-sql.js';

export type { BotDeps };

/** How long after a deferred turn the queue looks at the conversation (the turn in memory usually finished). */
const DEFERRED_CHECK_AFTER_MS = 30_000;

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

/**
 * Commits the message before anything else happens to it: one statement for a known sender on their open
 * conversation; otherwise the customer and conversation are found or made first. Idempotent on the
 * provider's id, so a redelivery stores nothing and learns whether the first copy was processed.
 */
async function storeInbound(deps: BotDeps, message: InboundMessage): Promise<StoredInbound> {
  const kind = contactKindOf[message.channel];
  const address = normaliseAddress(kind, message.from);
  const fast = address ? await storeFromKnownSender(deps.database.sql, message, { kind, address }) : null;
  if (fast) return fast;
  const db = deps.database.prisma;
  const customer = await identifySender(db, message);
  const conversation = await findOrOpenConversation(db, { channel: message.channel, threadKey: message.conversationKey, customerId: customer.id });
  const { message: row, duplicate } = await recordInbound(db, { message, conversationId: conversation.id, customerId: customer.id, ticketId: conversation.ticketId });
  return { id: row.id, conversationId: row.conversationId, duplicate, processed: row.processedAt !== null };
}

/** A message processed before (or by someone else): its stored replies, unless they went out by themselves. */
async function storedResult(deps: BotDeps, message: InboundMessage, stored: StoredInbound): Promise<TurnResult> {
  const db = deps.database.prisma;
  if (await lateRepliesQueued(db, message.channel, message.externalId)) return { replies: [], duplicate: true };
  const conversation = await db.conversation.findUniqueOrThrow({ where: { id: stored.conversationId }, include: { customer: { select: { language: true } } } });
  const known = conversation.language ?? conversation.customer?.language;
  const language = isLanguage(known) ? known : deps.env.DEFAULT_LANGUAGE;
  const rows = await repliesTo(db, stored.id);
  return { replies: rows.map((row) => storedReply(row, { channel: message.channel, to: message.from, conversationKey: message.conversationKey }, language)), duplicate: true };
}

/** The caller's side of a reply budget: whoever decides first (the turn claiming, the timer giving up) wins. */
function waiter(messageId: string): Waiting & { giveUp(): boolean } {
  let state: 'waiting' | 'claimed' | 'gone' = 'waiting';
  return {
    messageId,
    claim: () => {
      if (state === 'waiting') state = 'claimed';
      return state === 'claimed';
    },
    giveUp: () => {
      if (state === 'waiting') state = 'gone';
      return state === 'gone';
    },
  };
}

/**
 * The one pipeline every channel calls. Store first, then think: the message is committed before the
 * bot sees it, so once the channel acknowledges it, it can no longer be lost. Then the conversation's
 * unprocessed messages run through the bot in order (src/bot/turn-processor.ts). A caller with a reply
 * budget that runs out gets `deferred`: the turn finishes in the background, a queued `turn.process` job
 * repeats it should this process die, and the sweeper catches whatever is left; the replies then go out
 * through the outbox. Turns of one conversation run one at a time in this process (and across instances
 * the guarded closing statement decides).
 */
export function createTurn(deps: BotDeps, processor: TurnProcessor = createTurnProcessor(deps)): Turn {
  return async (input, options = {}) => {
    const message = InboundMessage.parse(input);
    const stored = await storeInbound(deps, message);
    if (stored.processed) return storedResult(deps, message, stored);
    const waiting = waiter(stored.id);
    const key = queueKey(message.channel, message.conversationKey);
    // The turn the store read is only as fresh as its statement: with another task of this conversation
    // queued here (an earlier turn, a proactive start), the turn is loaded again once that one is done.
    const loaded = conversationQueue.busy(key) ? undefined : (stored.turn ?? undefined);
    const work = conversationQueue(key, () => processor.drain(stored.conversationId, waiting, loaded));
    const budget = options.replyWithinMs;
    const settled = async (replies: OutboundMessage[] | null): Promise<TurnResult> => (replies ? { replies, duplicate: false } : storedResult(deps, message, stored));
    if (budget === undefined) return settled(await work);

    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), budget);
    });
    try {
      const outcome = await Promise.race([work, late]);
      if (outcome !== 'late') return await settled(outcome);
      if (!waiting.giveUp()) return await settled(await work);
    } catch (err) {
      // The message is stored and nothing of the failed turn was committed: finishing it is the queue's and
      // the sweeper's job now (replies through the outbox), not the provider's to resend.
      waiting.giveUp();
      deps.logger.warn({ err, messageId: stored.id }, 'turn failed after the message was stored; the queue retries it');
    } finally {
      clearTimeout(timer);
    }
    work.catch((err: unknown) => deps.logger.warn({ err, messageId: stored.id }, 'deferred turn failed; the queue retries it'));
    await deps.jobs.send('turn.process', { conversationId: stored.conversationId }, { startAfter: new Date(Date.now() + DEFERRED_CHECK_AFTER_MS) });
    return { replies: [], duplicate: false, deferred: true };
  };
}
