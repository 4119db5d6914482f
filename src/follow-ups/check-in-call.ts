import type { FollowUp } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../errors/app-error.js';
import type { JobResult } from '../jobs/job-map.js';
import type { PolicyContext } from '../notifications/staff-notification-service.js';
import { surveyLanguage, type SurveyLanguage } from '../surveys/survey-questions.js';
import { createCallTask, phoneOf } from './follow-up-sender.js';

/**
 * The quarterly contact as an automated phone call (電話回訪 by IVR): `follow_up.send` queues
 * `follow_up.call` for a customer who talks to us by phone when calls can be placed; this places the call,
 * and the voice routes record the answer the customer keys in. Whatever a machine cannot settle (a problem,
 * a wish to talk to a person, nobody answering, a call the provider refused) becomes a staff call task.
 */

/** What the customer answered on the call: 1 all good, 2 a problem, 0 a person; or nobody answered. */
export type CheckInAnswer = 'fine' | 'problem' | 'person' | 'no_answer';

/** Places the call; the channel builds the URLs its provider calls back on. Errors say whether a retry may help. */
export type CheckInCaller = {
  placeCall(input: { followUpId: string; to: string; language: SurveyLanguage }): Promise<{ callSid: string }>;
};

const TASK: Record<Exclude<CheckInAnswer, 'fine'>, { title: string; reason: string }> = {
  problem: { title: 'Call back: the customer reported a problem on the quarterly check-in call', reason: 'customer pressed 2 (a problem)' },
  person: { title: 'Call back: the customer asked for a person on the quarterly check-in call', reason: 'customer pressed 0 (a person)' },
  no_answer: { title: 'Regular customer contact (quarterly): the automated call was not answered', reason: 'no answer to the automated call' },
};

const NOTES: Record<CheckInAnswer, string> = {
  fine: 'automated call: customer says all is well',
  problem: 'automated call: customer reports a problem',
  person: 'automated call: customer asked for a person',
  no_answer: 'automated call: no answer',
};

/**
 * `lastAttempt`: the queue will not retry this job, so a failure now must not leave the contact undone.
 * `resultTimeoutMinutes`: how long after placing the call a result from Twilio must have come in
 * (CHECK_IN_CALL_RESULT_TIMEOUT_MINUTES); past it the attempt counts as unanswered.
 */
export type PlaceCallContext = PolicyContext & { lastAttempt?: boolean; resultTimeoutMinutes: number };

/**
 * The `follow_up.call` job. Re-checks first (an answer, a call or a hand-off to staff already recorded:
 * skipped), then places the call and stores its CallSid. A refusal a retry cannot fix (a bad number, a
 * blocked destination) or no number at all hands the contact to staff as a call task; a transient failure
 * throws for the queue's retry, except on the last attempt, which hands it to staff as well.
 */
export async function placeCheckInCall(db: Db, followUpId: string, caller: CheckInCaller | undefined, ctx: PlaceCallContext): Promise<JobResult> {
  const fu = await db.followUp.findUnique({ where: { id: followUpId }, include: { customer: true } });
  if (!fu || fu.status !== 'sent' || fu.callSid || fu.outcome) return 'skipped';
  if (await handedToStaff(db, followUpId)) return 'skipped';
  const ticket = fu.ticketId ? await db.ticket.findUnique({ where: { id: fu.ticketId } }) : null;
  const phone = await phoneOf(db, fu.customerId, ticket);
  if (!phone) return handToStaff(db, fu, { title: TASK.no_answer.title, reason: 'no phone number to call', key: 'no_phone' }, ctx);
  // Twilio was configured when the follow-up was sent, and no longer is (a restart with other settings).
  if (!caller) return handToStaff(db, fu, { title: TASK.no_answer.title, reason: 'automated calls are not configured', key: 'no_caller' }, ctx);
  let callSid: string;
  try {
    ({ callSid } = await caller.placeCall({ followUpId, to: phone, language: surveyLanguage(fu.customer.language ?? ticket?.language) }));
  } catch (err) {
    if (err instanceof AppError && !err.retryable) return handToStaff(db, fu, { title: TASK.no_answer.title, reason: `automated call refused: ${err.message}`, key: 'call_refused' }, ctx);
    // Twilio down through all the queue's retries (15 to 30 minutes of backoff): a person calls instead of nobody.
    if (ctx.lastAttempt) return handToStaff(db, fu, { title: TASK.no_answer.title, reason: `automated call failed on every attempt: ${(err as Error).message}`, key: 'call_failed' }, ctx);
    throw err;
  }
  // The timeout is queued with the CallSid in one transaction: a stored call always has its deadline, so a
  // status callback that never arrives (Twilio could not reach us, a lost request) cannot leave it pending.
  await inTransaction(db, async (tx) => {
    await tx.followUp.update({ where: { id: followUpId }, data: { callSid } });
    const startAfter = new Date(ctx.now.getTime() + ctx.resultTimeoutMinutes * 60_000);
    await ctx.jobs.send('follow_up.call_timeout', { followUpId, callSid }, { tx, startAfter, singletonKey: `follow_up_call_timeout:${followUpId}` });
    if (fu.ticketId) {
      await tx.ticketEvent.create({ data: { ticketId: fu.ticketId, at: ctx.now, actor: 'system:follow_up', kind: 'follow_up_call_placed', to: phone, data: { followUpId, callSid } } });
    }
  });
  return 'done';
}

/**
 * The `follow_up.call_timeout` job: the call placed `minutes` ago. No answer recorded and no status heard
 * means Twilio's webhooks never reached us: the attempt counts as unanswered, as a call nobody picks up
 * (a staff call task). A customer put through to the staff phone whose dial result never came is treated
 * as nobody having picked up there (the call-back task). Anything already settled: skipped.
 */
export async function checkInCallTimedOut(db: Db, followUpId: string, call: { callSid: string; minutes: number }, ctx: PolicyContext): Promise<JobResult> {
  const fu = await db.followUp.findUnique({ where: { id: followUpId } });
  if (!fu || fu.callSid !== call.callSid) return 'skipped';
  const silence = `no result from Twilio within ${call.minutes} minutes of placing the call`;
  if (!fu.outcome) {
    const done = await recordCheckInAnswer(db, followUpId, 'no_answer', ctx, { reason: silence });
    return done?.notes?.includes(silence) ? 'done' : 'skipped';
  }
  if (fu.outcome === 'person' && fu.notes === PUT_THROUGH_NOTES.ringing) {
    await checkInTransferEnded(db, followUpId, { answered: false, reason: `no dial result from Twilio within ${call.minutes} minutes of placing the call` }, ctx);
    return 'done';
  }
  return 'skipped';
}

/** A call task was already made for this follow-up (its job ran again after handing it over). */
async function handedToStaff(db: Db, followUpId: string): Promise<boolean> {
  return (await db.staffTask.count({ where: { kind: 'follow_up_call', dedupeKey: { startsWith: `follow_up:${followUpId}:` } } })) > 0;
}

async function handToStaff(db: Db, fu: FollowUp, why: { title: string; reason: string; key: string }, ctx: PolicyContext): Promise<JobResult> {
  await inTransaction(db, async (tx) => {
    const ticket = fu.ticketId ? await tx.ticket.findUnique({ where: { id: fu.ticketId } }) : null;
    await tx.followUp.update({ where: { id: fu.id }, data: { notes: why.reason } });
    await createCallTask(tx, fu, ticket, ctx, why);
  });
  return 'done';
}

/**
 * The answer keyed in on the call (or that nobody answered): the follow-up is done with its outcome, a
 * customer who picked up counts as contacted, and anything but "all good" leaves a call task for staff.
 * `putThrough`: a "person" answer is being put through to staff on the call, so the task waits for
 * `checkInTransferEnded` to say nobody picked up. Recording it again (Twilio retries a webhook) changes
 * nothing. Null when the follow-up does not exist.
 */
export async function recordCheckInAnswer(
  db: Db,
  followUpId: string,
  answer: CheckInAnswer,
  ctx: PolicyContext,
  options: { putThrough?: boolean; reason?: string } = {},
): Promise<FollowUp | null> {
  const putThrough = answer === 'person' && options.putThrough === true;
  return inTransaction(db, async (tx) => {
    await tx.$queryRaw`SELECT id FROM "FollowUp" WHERE id = ${followUpId} FOR UPDATE`;
    const fu = await tx.followUp.findUnique({ where: { id: followUpId } });
    if (!fu || fu.outcome) return fu;
    const notes = putThrough ? PUT_THROUGH_NOTES.ringing : options.reason ? `${NOTES[answer]} (${options.reason})` : NOTES[answer];
    const done = await tx.followUp.update({ where: { id: followUpId }, data: { status: 'done', outcome: answer, doneAt: ctx.now, notes } });
    if (answer !== 'no_answer') await tx.customer.update({ where: { id: fu.customerId }, data: { lastContactAt: ctx.now } });
    if (answer !== 'fine' && !putThrough) {
      const ticket = fu.ticketId ? await tx.ticket.findUnique({ where: { id: fu.ticketId } }) : null;
      await createCallTask(tx, fu, ticket, ctx, { ...TASK[answer], ...(options.reason ? { reason: options.reason } : {}), key: answer });
    }
    if (fu.ticketId) {
      await tx.ticketEvent.create({ data: { ticketId: fu.ticketId, at: ctx.now, actor: 'customer', kind: 'follow_up_answered', to: answer, data: { followUpId, callSid: fu.callSid } } });
    }
    return done;
  });
}

const PUT_THROUGH_NOTES = {
  ringing: 'automated call: customer asked for a person, put through to staff',
  answered: 'automated call: customer asked for a person and talked to staff',
  missed: 'automated call: customer asked for a person, nobody at the staff phone answered',
};

/**
 * The staff phone rang for a customer who pressed 0 (Twilio's `<Dial>` action). Answered: the note says so.
 * Not answered: the call-back task the answer would have left at once, made here and only once (Twilio
 * retries a webhook it got no answer to).
 */
export async function checkInTransferEnded(db: Db, followUpId: string, input: { answered: boolean; reason?: string }, ctx: PolicyContext): Promise<void> {
  await inTransaction(db, async (tx) => {
    await tx.$queryRaw`SELECT id FROM "FollowUp" WHERE id = ${followUpId} FOR UPDATE`;
    const fu = await tx.followUp.findUnique({ where: { id: followUpId } });
    if (!fu || fu.outcome !== 'person' || fu.notes !== PUT_THROUGH_NOTES.ringing) return;
    await tx.followUp.update({ where: { id: followUpId }, data: { notes: input.answered ? PUT_THROUGH_NOTES.answered : PUT_THROUGH_NOTES.missed } });
    if (input.answered) return;
    const ticket = fu.ticketId ? await tx.ticket.findUnique({ where: { id: fu.ticketId } }) : null;
    await createCallTask(tx, fu, ticket, ctx, { ...TASK.person, reason: `${TASK.person.reason}; ${input.reason ?? 'nobody answered the staff phone'}`, key: 'person' });
  });
}

/** Twilio's final call states in which nobody took the call. */
const NOT_ANSWERED = new Set(['busy', 'failed', 'no-answer', 'canceled']);

/**
 * The call ended (Twilio's status callback). A call that was never answered, or answered and hung up
 * before a key was pressed, leaves the contact to staff; an answered call keeps what the customer keyed in.
 */
export async function checkInCallEnded(db: Db, followUpId: string, input: { callSid: string; status: string }, ctx: PolicyContext): Promise<void> {
  const fu = await db.followUp.findUnique({ where: { id: followUpId } });
  if (!fu || fu.callSid !== input.callSid || fu.outcome) return;
  if (NOT_ANSWERED.has(input.status) || input.status === 'completed') await recordCheckInAnswer(db, followUpId, 'no_answer', ctx);
}
