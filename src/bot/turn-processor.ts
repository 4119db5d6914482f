import type { Activity } from 'botbuilder';
import { commonTexts } from '../../dialogs/shared/common-texts.js';
import { detailsWhileWaiting } from '../../dialogs/handoff/waiting-details.js';
import { waitingReply, type NotedDetails } from '../../dialogs/handoff/waiting-reply.js';
import { loadKnowledgeBase } from '../../dialogs/inquiry/knowledge-base.js';
import { chooseLanguage } from '../../dialogs/shared/language.js';
import { botMayAnswer } from '../conversations/conversation-service.js';
import { AppError } from '../errors/app-error.js';
import { ticketReplyTime } from '../handoff/staff-reply-time.js';
import type { InboundMessage } from '../messages/inbound-message.js';
import type { OutboundMessage } from '../messages/outbound-message.js';
import { asksTicketStatus } from '../understanding/status-question.js';
import { correctTicketDetails, fillTicketDetails } from '../tickets/ticket-details.js';
import { understand } from '../understanding/understand.js';
import type { Understanding } from '../understanding/understanding-schema.js';
import { describeTicket } from '../../dialogs/status/status-dialog.js';
import type { Db } from '../db/db.js';
import type { Language } from '../messages/channel-kind.js';
import { ticketView } from './bot-services.js';
import { toActivity, toOutboundMessage, type TurnAddress } from './activity-mapping.js';
import { conversationQueue, queueKey, runBot, type BotDeps } from './bot-runtime.js';
import { queueLateReplies, needsLateDelivery } from './late-replies.js';
import { lazyTransaction } from './lazy-transaction.js';
import { PostgresStorage, TurnStorage } from './postgres-storage.js';
import { connectionRunner, finishTurn, isStaleTurn, loadNextTurn, stateKeyOf, transactionRunner, type PendingTurn } from './turn-sql.js';

/** A caller waiting for one message's replies; once it stops waiting, they go out by themselves. */
export type Waiting = { messageId: string; claim(): boolean };

/** How often a conversation's next message is retried after losing a race, before giving up for the sweeper. */
const MAX_STALE_RETRIES = 10;
const TRANSACTION_TIMEOUT_MS = 15_000;

/** A turn that lost the race so often that something is wrong: the message stays for the queue and the sweeper. */
export class TurnContendedError extends AppError {
  readonly code = 'bot.turn_contended';
  override readonly status = 503;
  override readonly retryable = true;
}

/**
 * Runs a conversation's stored, unprocessed messages through the bot, oldest first, one committed turn
 * each. No lock is held while the bot thinks: each turn ends with one guarded statement (turn-sql.ts) that
 * commits only if the message is still unprocessed and the dialog state is still the one read, so two
 * processors on one conversation (another instance, the queue, the sweeper) never double a turn; the loser
 * rolls back and takes the next message, so turns also keep their order.
 */
/** The status of the conversation's ticket when a message waiting for a person asks for it ("any update on my ticket?"). */
async function waitingTicketStatus(db: Db, deps: BotDeps, ticketId: string | null, text: string, language: Language, now: Date): Promise<string | undefined> {
  if (!ticketId || !asksTicketStatus(text)) return undefined;
  const ticket = await db.ticket.findUnique({ where: { id: ticketId } });
  return ticket ? describeTicket(await ticketView(db, ticket, deps.policy, deps.calendar, now), language, deps.policy.calendar.timeZone) : undefined;
}

export function createTurnProcessor(deps: BotDeps) {
  const sql = connectionRunner(deps.database.sql);

  /**
   * Processes the conversation's waiting messages. With `waiting`, stops once that message is processed
   * and returns its replies if this call produced them for the waiting caller; null otherwise (someone
   * else processed it, or the caller stopped waiting and the replies went out by themselves). `loaded` is
   * the first turn when the caller has read it already (the store did); a turn that loses a race is read afresh.
   */
  async function drain(conversationId: string, waiting?: Waiting, loaded?: PendingTurn): Promise<OutboundMessage[] | null> {
    for (let stale = 0, first = loaded; stale <= MAX_STALE_RETRIES; first = undefined) {
      const next = first ?? (await loadNextTurn(sql, conversationId));
      if (!next) return null;
      if (waiting && next.id !== waiting.messageId && !(await isOlderThanWaiting(next, waiting))) return null;
      const inline = waiting?.messageId === next.id && waiting.claim();
      try {
        const replies = await processOne(next, inline);
        if (waiting?.messageId === next.id) return inline ? replies : null;
      } catch (err) {
        if (!isStaleTurn(err) && !(await processedMeanwhile(next.id))) throw err;
        deps.logger.debug({ conversationId, messageId: next.id }, 'turn lost a race; taking the next message');
        stale += 1;
      }
    }
    throw new TurnContendedError(`Conversation ${conversationId}: the turn kept losing to concurrent writers`);
  }

  /** An older message than the waiting one is taken first (turns keep their order); a newer one is not ours. */
  async function isOlderThanWaiting(next: PendingTurn, waiting: Waiting): Promise<boolean> {
    const rows = await sql.query<{ waiting: boolean }>(`SELECT "processedAt" IS NULL AND seq > (SELECT seq FROM "Message" WHERE id = $2) AS waiting FROM "Message" WHERE id = $1`, [waiting.messageId, next.id]);
    return rows[0]?.waiting === true;
  }

  async function processedMeanwhile(messageId: string): Promise<boolean> {
    const rows = await sql.query<{ done: boolean }>(`SELECT "processedAt" IS NOT NULL AS done FROM "Message" WHERE id = $1`, [messageId]);
    return rows[0]?.done === true;
  }

  async function processOne(next: PendingTurn, inline: boolean): Promise<OutboundMessage[]> {
    const now = deps.clock();
    const envelope = next.meta ?? { from: next.threadKey, meta: {} };
    const message: InboundMessage = {
      channel: next.channel,
      externalId: next.externalId,
      from: envelope.from,
      fromName: envelope.fromName,
      conversationKey: next.threadKey,
      text: next.text,
      subject: next.subject ?? undefined,
      attachments: [],
      receivedAt: new Date(next.receivedMs),
      meta: envelope.meta ?? {},
    };
    // Relative dates in the message ("去年三月", "買咗大概一年半") count from the turn's clock, not the wall clock.
    const understanding = understand(message.text, { channel: message.channel, subject: message.subject, now, timeZone: deps.policy.calendar.timeZone }, { confidenceThreshold: deps.env.CLASSIFIER_CONFIDENCE_THRESHOLD });
    const language = chooseLanguage({ detected: understanding.language, text: message.text, current: next.conversationLanguage ?? next.customerLanguage, fallback: deps.env.DEFAULT_LANGUAGE, hint: pageLanguageOf(message), from: message.from });
    const address: TurnAddress = { channel: message.channel, conversationId: next.conversationId, customerId: next.customerId, to: message.from, conversationKey: message.conversationKey };

    let lazy = lazyTransaction(deps.database.prisma, { timeoutMs: TRANSACTION_TIMEOUT_MS });
    try {
      let activities: Partial<Activity>[] = [];
      let state: TurnStorage['change'] = null;
      if (botMayAnswer({ state: next.state as 'bot' })) {
        const storage = new TurnStorage({ key: stateKeyOf(next.channel, next.conversationId), data: next.stateData, etag: next.stateEtag }, new PostgresStorage(lazy.db));
        try {
          activities = await runBot(
            deps,
            lazy.db,
            toActivity(message, address, language),
            {
              now,
              timeZone: deps.policy.calendar.timeZone,
              language,
              channel: message.channel,
              understanding,
              customer: { id: next.customerId, name: next.customerName, company: next.company, phone: next.phone, email: next.email },
              awaitsVisitAnswer: next.awaitsVisitAnswer,
              conversation: { id: next.conversationId, ticketId: next.ticketId },
              inboundMessageId: next.id,
              linkedTicketId: typeof message.meta.linkedTicketId === 'string' ? message.meta.linkedTicketId : undefined,
            },
            storage,
          );
          state = storage.change;
        } catch (err) {
          // Retryable failures (database away, state changed by another instance) leave the message
          // unprocessed for the caller's retry, the queue or the sweeper. Anything else is answered with an
          // apology, and what the dialog did before failing is rolled back.
          if ((err instanceof AppError && err.retryable) || isStaleTurn(err)) throw err;
          deps.logger.error({ err, conversationId: next.conversationId, code: err instanceof AppError ? err.code : undefined }, 'bot turn failed');
          await lazy.rollback();
          lazy = lazyTransaction(deps.database.prisma, { timeoutMs: TRANSACTION_TIMEOUT_MS });
          activities = [{ type: 'message', text: commonTexts[language].error, locale: language }];
        }
      } else {
        const noted = next.state === 'waiting_staff' && next.ticketId ? await noteDetails(lazy.db, next.ticketId, message.text, understanding, now) : undefined;
        activities = waitingReply(
          next.state,
          language,
          await ticketReplyTime(lazy.db, deps.policy, deps.calendar, now, next.ticketId),
          deps.policy.calendar.timeZone,
          understanding.act,
          {
            ticketStatus: await waitingTicketStatus(lazy.db, deps, next.ticketId, message.text, language, now),
            text: message.text,
            channel: message.channel,
            knowledgeBase: loadKnowledgeBase(deps.env.KNOWLEDGE_BASE_FILE),
          },
          noted,
        );
        await deps.events.emit(lazy.db, 'customer.message_received', { customerId: next.customerId, conversationId: next.conversationId, channel: message.channel }, now);
      }

      const replies = activities.map((a) => toOutboundMessage(a, address));
      if (!inline && needsLateDelivery(message.channel) && replies.length > 0) {
        const conversation = await lazy.db.conversation.findUniqueOrThrow({ where: { id: next.conversationId }, select: { ticketId: true } });
        await queueLateReplies(lazy.db, deps.jobs, {
          inbound: message,
          replies,
          conversation: { id: next.conversationId, customerId: next.customerId, ticketId: conversation.ticketId },
        });
      }
      const tx = lazy.current();
      await finishTurn(tx ? transactionRunner(await tx) : sql, {
        messageId: next.id,
        conversationId: next.conversationId,
        customerId: next.customerId,
        now,
        understanding,
        language,
        replies,
        state,
      });
      await lazy.commit();
      return replies;
    } catch (err) {
      await lazy.rollback();
      throw err;
    }
  }

  /**
   * A phone, address or model sent after the handoff (a gas leak reported, then "地址是…") goes onto the ticket
   * opened at the handoff: empty fields are filled, a correction ("型號打錯了，是 RAS-50NK") replaces. The message
   * stays in the transcript either way; staff read both.
   */
  async function noteDetails(db: Db, ticketId: string, text: string, understanding: Understanding, now: Date): Promise<NotedDetails | undefined> {
    const read = detailsWhileWaiting(text, understanding.entities, { now, timeZone: deps.policy.calendar.timeZone });
    if (Object.keys(read.values).length === 0) return undefined;
    const ctx = { now, actor: 'customer' };
    const fields = read.correction ? await correctTicketDetails(db, ticketId, read.values, ctx) : await fillTicketDetails(db, ticketId, read.values, ctx);
    return { fields, values: read.values, correction: read.correction };
  }

  /** For the queue: the conversation's waiting messages, in line with this process's other turns on it. */
  async function drainQueued(conversationId: string): Promise<void> {
    const rows = await sql.query<{ channel: string; threadKey: string }>(`SELECT channel::text AS channel, "threadKey" FROM "Conversation" WHERE id = $1`, [conversationId]);
    const conversation = rows[0];
    if (!conversation) return;
    await conversationQueue(queueKey(conversation.channel, conversation.threadKey), () => drain(conversationId));
  }

  return { drain, drainQueued };
}

export type TurnProcessor = ReturnType<typeof createTurnProcessor>;

/** The language the customer picked on the channel's page (web chat), a hint for messages without letters. */
function pageLanguageOf(message: InboundMessage): string | undefined {
  return typeof message.meta.pageLanguage === 'string' ? message.meta.pageLanguage : undefined;
}
