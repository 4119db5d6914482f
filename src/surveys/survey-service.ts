import type { Prisma, Survey, Ticket } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';
import { inTransaction } from '../db/transaction.js';
import { NotFoundError, ValidationError } from '../errors/app-error.js';
import type { EventBus } from '../events/event-bus.js';
import { hasOptedOut, reachCustomer, type Reach } from '../follow-ups/customer-reach.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { JobResult } from '../jobs/job-map.js';
import type { ChannelKind } from '../messages/channel-kind.js';
import type { PolicyContext } from '../notifications/staff-notification-service.js';
import { queueOutbound } from '../outbound/outbound-service.js';
import { outOfQuietHours, surveySendAt } from '../sla/follow-up-rules.js';
import { reopenTicket } from '../tickets/ticket-service.js';
import { isComplaintLike } from './complaint-like.js';
import { firstSurveyMessage, surveyLanguage, type SurveyLanguage } from './survey-questions.js';

/** Survey rows move scheduled → sent → partial → completed; scheduled ones may be cancelled. */
export type SurveyStatus = 'scheduled' | 'sent' | 'partial' | 'completed' | 'cancelled';

export type SurveyAnswers = {
  attitude?: number;
  skill?: number;
  punctuality?: number;
  itemsCompleted?: number;
  overall?: number;
  suggestion?: string;
};

/**
 * Starts the survey conversation with the customer inside the sending transaction. The default sends
 * the first question through the outbox; the bot's proactive dialog start can be swapped in (app.ts).
 */
export type SurveyStarter = (
  tx: Prisma.TransactionClient,
  input: { survey: Survey; ticket: Ticket; channel: ChannelKind; reach: Reach; language: SurveyLanguage },
  ctx: { now: Date; jobs: Pick<JobQueue, 'send'> },
) => Promise<void>;

export const sendFirstSurveyQuestion: SurveyStarter = async (tx, { survey, ticket, channel, reach, language }, ctx) => {
  const message = firstSurveyMessage(language, ticket.number);
  await queueOutbound(
    tx,
    ctx.jobs,
    {
      channel,
      to: reach.to,
      conversationKey: reach.conversationKey,
      text: message.text,
      subject: channel === 'email' ? message.subject : undefined,
      choices: message.choices,
      language,
      purpose: 'survey',
      meta: { surveyId: survey.id },
    },
    { ticketId: ticket.id, customerId: survey.customerId, conversationId: reach.conversationId, idempotencyKey: `survey:${survey.id}` },
  );
};

/**
 * Schedules the satisfaction survey for a ticket whose service was completed: the next round, on the
 * ticket's channel, at `surveySendAt` (the day after, 10:00 local, out of quiet hours). Returns the
 * survey already waiting when there is one, and null when the customer opted out of surveys.
 */
export async function scheduleSurvey(db: Db, ticketId: string, ctx: PolicyContext): Promise<Survey | null> {
  return inTransaction(db, async (tx) => {
    const ticket = await tx.ticket.findUnique({ where: { id: ticketId }, include: { customer: true } });
    if (!ticket) throw new NotFoundError(`No ticket with id ${ticketId}`);
    const waiting = await tx.survey.findFirst({ where: { ticketId, status: 'scheduled' } });
    if (waiting) return waiting;
    if (ticket.customer.optOutSurveys) return null;
    const last = await tx.survey.findFirst({ where: { ticketId }, orderBy: { round: 'desc' } });
    const scheduledFor = surveySendAt(ctx.policy, ctx.calendar, ctx.now);
    const survey = await tx.survey.create({
      data: { ticketId, customerId: ticket.customerId, round: (last?.round ?? 0) + 1, channel: ticket.channel, scheduledFor, createdAt: ctx.now },
    });
    await ctx.jobs.send('survey.send', { surveyId: survey.id }, { tx, startAfter: scheduledFor, singletonKey: `survey:${survey.id}` });
    return survey;
  });
}

/**
 * Closes the surveys a customer who opted out (on one channel or all) is in the middle of: sent, or partly
 * answered. The answers given are kept; the status becomes `cancelled`, so no later message counts as a score
 * (a "5" after START), and the survey dialog lets such a message go (surveyCancelled). Returns how many.
 */
export async function closeOpenSurveys(db: Db, scope: { customerId: string; channel?: ChannelKind }): Promise<number> {
  const { count } = await db.survey.updateMany({
    where: { customerId: scope.customerId, ...(scope.channel ? { channel: scope.channel } : {}), status: { in: ['sent', 'partial'] } },
    data: { status: 'cancelled' },
  });
  return count;
}

/** Cancels surveys not sent yet: for a reopened ticket, or a customer who opted out (on one channel or all). */
export async function cancelScheduledSurveys(
  db: Db,
  scope: { ticketId: string } | { customerId: string; channel?: ChannelKind },
): Promise<number> {
  const where = 'ticketId' in scope ? { ticketId: scope.ticketId } : { customerId: scope.customerId, ...(scope.channel ? { channel: scope.channel } : {}) };
  const { count } = await db.survey.updateMany({ where: { ...where, status: 'scheduled' }, data: { status: 'cancelled' } });
  return count;
}

export type SendSurveyContext = PolicyContext & { startDialog: SurveyStarter };

/**
 * The `survey.send` job. Re-checks before acting: the ticket is still resolved or closed, the customer has
 * not opted out (surveys, or the channel) and can be reached; otherwise the survey is cancelled. The claim
 * (scheduled → sent) and its effect commit together, so a retried or duplicated job sends once. On voice
 * the survey is a call task for staff; on other channels the dialog starts proactively.
 */
export async function sendSurvey(db: Db, surveyId: string, ctx: SendSurveyContext): Promise<JobResult> {
  return inTransaction(db, async (tx) => {
    const survey = await tx.survey.findUnique({ where: { id: surveyId }, include: { ticket: true, customer: true } });
    if (!survey || survey.status !== 'scheduled') return 'skipped';
    const notBefore = outOfQuietHours(ctx.policy, ctx.calendar, survey.scheduledFor > ctx.now ? survey.scheduledFor : ctx.now);
    if (notBefore > ctx.now) {
      await ctx.jobs.send('survey.send', { surveyId }, { tx, startAfter: notBefore, singletonKey: `survey:${surveyId}` });
      return 'skipped';
    }
    const { ticket, customer } = survey;
    const reach = await reachCustomer(tx, customer.id, survey.channel, ticket);
    const reason = !['resolved', 'closed'].includes(ticket.status)
      ? `ticket is ${ticket.status}`
      : hasOptedOut(customer, survey.channel, 'survey')
        ? 'customer opted out'
        : !reach
          ? `no ${survey.channel} address`
          : null;
    if (reason || !reach) {
      await tx.survey.updateMany({ where: { id: surveyId, status: 'scheduled' }, data: { status: 'cancelled' } });
      await tx.ticketEvent.create({ data: { ticketId: ticket.id, at: ctx.now, actor: 'system:survey', kind: 'survey_cancelled', reason, data: { surveyId } } });
      return 'skipped';
    }
    const claimed = await tx.survey.updateMany({ where: { id: surveyId, status: 'scheduled' }, data: { status: 'sent', sentAt: ctx.now } });
    if (claimed.count === 0) return 'skipped';
    if (survey.channel === 'voice') {
      await tx.staffTask.create({
        data: {
          kind: 'survey_call',
          ticketId: ticket.id,
          customerId: customer.id,
          title: `Satisfaction call for ${ticket.number} (round ${survey.round})`,
          details: { surveyId, phone: reach.to },
          dueAt: surveyCallDue(ctx, survey.scheduledFor),
          dedupeKey: `survey:${surveyId}`,
          createdAt: ctx.now,
        },
      });
    } else {
      await ctx.startDialog(tx, { survey, ticket, channel: survey.channel, reach, language: surveyLanguage(customer.language ?? ticket.language) }, ctx);
    }
    await tx.ticketEvent.create({
      data: { ticketId: ticket.id, at: ctx.now, actor: 'system:survey', kind: 'survey_sent', to: survey.channel, data: { surveyId, round: survey.round } },
    });
    return 'done';
  });
}

const SCORE_KEYS = ['attitude', 'skill', 'punctuality', 'itemsCompleted', 'overall'] as const;
/** A score at or below this, in any dimension, reopens the ticket for a redo and alerts a supervisor. */
const DISSATISFIED_AT = 2;

/**
 * Keeps the customer's answers (partial ones too: status `partial`; `complete` → `completed`).
 * Any score ≤ 2 (attitude, skill, punctuality, completeness or overall), or a complaint-like suggestion,
 * marks the survey dissatisfied; the first time that
 * happens the resolved ticket is reopened ("until the customer is satisfied"); its next resolution schedules
 * a new survey round (survey listener). `survey.answered` is emitted when the survey completes or turns
 * dissatisfied; the staff-notice listener then notifies the supervisors (once per survey).
 */
export async function recordSurveyAnswer(
  db: Db,
  input: { surveyId: string; answers: SurveyAnswers; complete: boolean },
  ctx: { now: Date; events: EventBus; jobs: JobQueue },
): Promise<{ dissatisfied: boolean }> {
  for (const key of SCORE_KEYS) {
    const v = input.answers[key];
    if (v !== undefined && !(Number.isInteger(v) && v >= 1 && v <= 5)) throw new ValidationError(`${key}: expected a whole number from 1 to 5, got ${v}`);
  }
  return inTransaction(db, async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Survey" WHERE id = ${input.surveyId} FOR UPDATE`;
    const survey = await tx.survey.findUnique({ where: { id: input.surveyId }, include: { ticket: true } });
    if (!survey) throw new NotFoundError(`No survey with id ${input.surveyId}`);
    // Closed by an opt-out while the customer was answering: a late answer changes nothing.
    if (survey.status === 'cancelled') return { dissatisfied: survey.dissatisfied === true };
    const answers: SurveyAnswers = {};
    for (const key of SCORE_KEYS) if (input.answers[key] !== undefined) answers[key] = input.answers[key];
    const suggestion = input.answers.suggestion?.trim();
    if (suggestion) answers.suggestion = suggestion.slice(0, 4000);

    // Any dimension at 2 or below is a service to redo, not only the overall score.
    const low = SCORE_KEYS.map((key) => [key, answers[key] ?? survey[key]] as const).filter(([, v]) => typeof v === 'number' && v <= DISSATISFIED_AT);
    const complaint = answers.suggestion !== undefined && (await isComplaintLike(answers.suggestion, survey.channel));
    const dissatisfied = survey.dissatisfied === true || low.length > 0 || complaint;
    const newlyDissatisfied = dissatisfied && survey.dissatisfied !== true;
    const status: SurveyStatus = input.complete || survey.status === 'completed' ? 'completed' : 'partial';
    await tx.survey.update({
      where: { id: survey.id },
      data: { ...answers, status, respondedAt: ctx.now, dissatisfied: dissatisfied ? true : (survey.dissatisfied ?? (input.complete ? false : null)) },
    });

    if (newlyDissatisfied) {
      const why = complaint ? `complaint in survey suggestion: ${answers.suggestion}` : low.map(([key, v]) => `${key} ${v}/5`).join(', ');
      if (survey.ticket.status === 'resolved' || survey.ticket.status === 'closed') {
        await reopenTicket(tx, survey.ticketId, { now: ctx.now, actor: 'system:survey', events: ctx.events, reason: `dissatisfied survey: ${why}` });
      }
    }
    if (newlyDissatisfied || (input.complete && survey.status !== 'completed')) {
      await ctx.events.emit(tx, 'survey.answered', { surveyId: survey.id, ticketId: survey.ticketId, dissatisfied }, ctx.now);
    }
    return { dissatisfied };
  });
}

/**
 * A voice survey is a call due by the close of the day it is scheduled for (the day after service), or of the
 * next working day when that day is closed; a job running later than that gives staff until the next close.
 */
function surveyCallDue(ctx: Pick<PolicyContext, 'calendar' | 'now'>, scheduledFor: Date): Date {
  const due = ctx.calendar.endOfWorkingDayAfter(ctx.calendar.atLocalTime(scheduledFor, -1, '12:00'), 1);
  return due > ctx.now ? due : ctx.calendar.endOfNextWorkingDay(ctx.now);
}
