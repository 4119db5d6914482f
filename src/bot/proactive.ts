import type { FollowUpOptions } from '../../dialogs/follow-up/follow-up-dialog.js';
import type { ProactiveDialog } from '../../dialogs/root/root-dialog.js';
import type { SurveyOptions } from '../../dialogs/survey/survey-dialog.js';
import type { FollowUpStarter } from '../follow-ups/follow-up-sender.js';
import { followUpMessage } from '../follow-ups/follow-up-messages.js';
import { findOrOpenConversation } from '../conversations/conversation-service.js';
import { recordOutbound } from '../conversations/message-service.js';
import type { Db } from '../db/db.js';
import { inTransaction } from '../db/transaction.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { isLanguage, type ChannelKind, type Language } from '../messages/channel-kind.js';
import type { OutboundMessage } from '../messages/outbound-message.js';
import { queueOutbound } from '../outbound/outbound-service.js';
import { firstSurveyMessage } from '../surveys/survey-questions.js';
import type { SurveyStarter } from '../surveys/survey-service.js';
import { conversationReference, toOutboundMessage, type TurnAddress } from './activity-mapping.js';
import { START_DIALOG_EVENT } from './aftercare-bot.js';
import { contactsOf, conversationQueue, queueKey, runBot, type BotDeps } from './bot-runtime.js';
import { CollectingAdapter } from './collecting-adapter.js';

export type ProactiveStart = {
  channel: ChannelKind;
  /** The customer's address on the channel (phone, e-mail, chat session). */
  to: string;
  /** The thread to continue or open (SMS: the phone number; chat: the session id). */
  conversationKey: string;
  customerId: string;
  language?: Language;
} & ({ dialog: 'survey'; options: SurveyOptions } | { dialog: 'follow-up'; options: FollowUpOptions });

/**
 * Starts a survey or follow-up dialog in the customer's conversation (continueConversation style) and
 * returns its first replies, already kept in the transcript; the caller queues them with `queueOutbound`.
 * The customer's answers then arrive as ordinary messages and continue the dialog through the turn.
 * Pass `db` (a transaction) to run inside the caller's transaction; then the per-conversation queue is
 * skipped (waiting on it inside a transaction could deadlock the single embedded connection) and the
 * stored state's eTag alone guards against a concurrent turn.
 */
export async function startProactiveDialog(deps: BotDeps & { db?: Db }, start: ProactiveStart): Promise<OutboundMessage[]> {
  const run = async () => (await startNow(deps, deps.db ?? deps.database.prisma, start)).replies;
  return deps.db ? run() : conversationQueue(queueKey(start.channel, start.conversationKey), run);
}

async function startNow(deps: BotDeps, db: Db, start: ProactiveStart): Promise<{ replies: OutboundMessage[]; conversationId: string }> {
  const now = deps.clock();
  const conversation = await findOrOpenConversation(db, { channel: start.channel, threadKey: start.conversationKey, customerId: start.customerId });
  const customer = await db.customer.findUniqueOrThrow({ where: { id: start.customerId } });
  const language = start.language ?? (isLanguage(conversation.language) ? conversation.language : isLanguage(customer.language) ? customer.language : deps.env.DEFAULT_LANGUAGE);
  const address: TurnAddress = { channel: start.channel, conversationId: conversation.id, customerId: customer.id, to: start.to, conversationKey: start.conversationKey };
  const activity = CollectingAdapter.eventActivity(conversationReference(address), START_DIALOG_EVENT, { dialog: start.dialog satisfies ProactiveDialog, options: start.options });
  const activities = await runBot(deps, db, { ...activity, locale: language }, {
    now,
    timeZone: deps.policy.calendar.timeZone,
    language,
    channel: start.channel,
    customer: { id: customer.id, name: customer.name, company: customer.company, ...(await contactsOf(db, customer.id)) },
    conversation: { id: conversation.id, ticketId: conversation.ticketId },
  });
  const purpose = start.dialog === 'survey' ? 'survey' : 'follow_up';
  const replies = activities.map((a) => toOutboundMessage(a, address, purpose));
  await inTransaction(db, async (tx) => {
    await tx.conversation.update({ where: { id: conversation.id }, data: { language, lastOutboundAt: now } });
    for (const reply of replies) {
      await recordOutbound(tx, { reply, conversationId: conversation.id, customerId: customer.id, ticketId: conversation.ticketId, author: 'bot', at: now });
    }
  });
  return { replies, conversationId: conversation.id };
}

/**
 * Starts the dialog inside the job's transaction `tx` and queues its first turn through the outbox as one
 * message (an SMS or e-mail reads as one invitation with its first question), idempotent on `idempotencyKey`.
 */
async function queueFirstTurn(
  deps: BotDeps,
  tx: Prisma.TransactionClient,
  jobs: Pick<JobQueue, 'send'>,
  start: ProactiveStart,
  queued: { subject: string | undefined; meta: Record<string, unknown>; ticketId: string | null; idempotencyKey: string },
): Promise<void> {
  const { replies, conversationId } = await startNow(deps, tx, start);
  const last = replies.at(-1);
  if (!last) return;
  await queueOutbound(
    tx,
    jobs,
    { ...last, text: replies.map((r) => r.text).join('\n\n'), subject: start.channel === 'email' ? queued.subject : undefined, meta: { ...last.meta, ...queued.meta } },
    { ticketId: queued.ticketId, customerId: start.customerId, conversationId, idempotencyKey: queued.idempotencyKey },
  );
}

/** The survey job's dialog starter (see `SurveyStarter` in src/surveys/survey-service.ts): the survey dialog's first turn. */
export function createSurveyStarter(deps: BotDeps): SurveyStarter {
  return (tx, { survey, ticket, channel, reach, language }, ctx) =>
    queueFirstTurn(
      deps,
      tx,
      ctx.jobs,
      { channel, to: reach.to, conversationKey: reach.conversationKey ?? reach.to, customerId: survey.customerId, language, dialog: 'survey', options: { surveyId: survey.id, ticketNumber: ticket.number } },
      { subject: firstSurveyMessage(language, ticket.number).subject, meta: { surveyId: survey.id }, ticketId: ticket.id, idempotencyKey: `survey:${survey.id}` },
    );
}

/**
 * The follow-up job's dialog starter (see `FollowUpStarter` in src/follow-ups/follow-up-sender.ts): the
 * follow-up dialog's first turn ("is it working?"), so the customer's "yes" or "no" continues that dialog
 * instead of opening a new request.
 */
export function createFollowUpStarter(deps: BotDeps): FollowUpStarter {
  return (tx, { followUp, kind, ticket, channel, reach, language }, ctx) =>
    queueFirstTurn(
      deps,
      tx,
      ctx.jobs,
      {
        channel,
        to: reach.to,
        conversationKey: reach.conversationKey ?? reach.to,
        customerId: followUp.customerId,
        language,
        dialog: 'follow-up',
        options: { followUpId: followUp.id, kind, ticketId: ticket?.id, ticketNumber: ticket?.number },
      },
      { subject: followUpMessage(kind, language, ticket?.number ?? '').subject, meta: { followUpId: followUp.id }, ticketId: followUp.ticketId, idempotencyKey: `follow_up:${followUp.id}` },
    );
}
