import { z } from 'zod';
import type { FollowUp, StaffTask } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, NotFoundError } from '../errors/app-error.js';
import type { EventBus } from '../events/event-bus.js';
import type { BusinessCalendar } from '../sla/business-calendar.js';
import { markResponded } from '../sla/sla-service.js';

/** Staff task kinds that are a phone call for staff to make (follow-up-sender.ts, voicemail and survey call-backs). */
export const CALL_TASK_KINDS = ['follow_up_call', 'callback'] as const;

/** How a call went: the customer was reached, was not, or asked to be called back later. */
export const CallOutcome = z.enum(['reached', 'not_reached', 'callback_requested']);
export type CallOutcome = z.infer<typeof CallOutcome>;

/** The follow-up's outcome for each: `no_answer` as the automated call records it (check-in-call.ts). */
const FOLLOW_UP_OUTCOME: Record<CallOutcome, string> = { reached: 'reached', not_reached: 'no_answer', callback_requested: 'callback_requested' };

/** The task is done or cancelled already (another member of staff logged it first). */
export class CallTaskClosedError extends AppError {
  readonly code = 'task.closed';
  override readonly status = 409;
}

export type CallOutcomeContext = {
  now: Date;
  /** Who made the call. */
  staffId: string;
  events?: EventBus;
  calendar: Pick<BusinessCalendar, 'endOfNextWorkingDay'>;
};

/**
 * Staff made a call task's call and say how it went, in one transaction:
 * - the task is done, with the outcome, the note and who called (so a done task is a logged call);
 * - the follow-up it came from, when the automated side left it unanswered, is done with that outcome;
 * - a customer reached (or asking for a call-back, which is reaching them) counts as contacted: the quarterly
 *   cadence runs from `lastContactAt` (policy followUps.regularContact), and on the ticket the call keeps the
 *   first-response, contact and callback promises (`markResponded` with `call: true`); a customer not reached
 *   is not contacted, and the daily sweep tries again a quarter after the attempt;
 * - a call-back asked for becomes a `callback` task due by the end of the next working day;
 * - the ticket's timeline shows the outcome and the note.
 */
export async function recordCallOutcome(
  db: Db,
  taskId: string,
  input: { outcome: CallOutcome; note?: string },
  ctx: CallOutcomeContext,
): Promise<{ task: StaffTask; followUp: FollowUp | null; callback: StaffTask | null }> {
  return inTransaction(db, async (tx) => {
    await tx.$queryRaw`SELECT id FROM "StaffTask" WHERE id = ${taskId} FOR UPDATE`;
    const open = await tx.staffTask.findUnique({ where: { id: taskId } });
    if (!open || !(CALL_TASK_KINDS as readonly string[]).includes(open.kind)) throw new NotFoundError(`No call task ${taskId}`);
    if (open.status !== 'open') throw new CallTaskClosedError(`This call was already logged (${open.status}${open.outcome ? `: ${open.outcome}` : ''}).`);
    const actor = `staff:${ctx.staffId}`;
    const note = input.note?.trim() || null;
    const details = (open.details ?? {}) as Record<string, unknown>;
    const task = await tx.staffTask.update({
      where: { id: taskId },
      data: { status: 'done', doneAt: ctx.now, outcome: input.outcome, staffId: ctx.staffId, details: { ...details, callNote: note, calledBy: actor } },
    });
    const contacted = input.outcome !== 'not_reached';

    const followUpId = typeof details.followUpId === 'string' ? details.followUpId : null;
    let followUp = followUpId ? await tx.followUp.findUnique({ where: { id: followUpId } }) : null;
    // An outcome the customer keyed in on an automated call stays; the call task it left is what this settles.
    if (followUp && !followUp.outcome) {
      followUp = await tx.followUp.update({
        where: { id: followUp.id },
        data: { status: 'done', outcome: FOLLOW_UP_OUTCOME[input.outcome], doneAt: ctx.now, notes: `staff call: ${input.outcome.replace('_', ' ')}${note ? `: ${note}` : ''}` },
      });
    }
    if (contacted && open.customerId) await tx.customer.update({ where: { id: open.customerId }, data: { lastContactAt: ctx.now } });

    const callback =
      input.outcome === 'callback_requested'
        ? await tx.staffTask.create({
            data: {
              kind: 'callback',
              ticketId: open.ticketId,
              customerId: open.customerId,
              title: `Call back: the customer asked to be called back (${open.title})`,
              details: { followUpId, phone: details.phone ?? null, askedOnTask: open.id, ...(note ? { reason: note } : {}) },
              dueAt: ctx.calendar.endOfNextWorkingDay(ctx.now),
              dedupeKey: `call_task:${open.id}:callback`,
              createdAt: ctx.now,
            },
          })
        : null;

    if (open.ticketId) {
      await tx.ticketEvent.create({
        data: { ticketId: open.ticketId, at: ctx.now, actor, kind: 'call_outcome', to: input.outcome, reason: note, data: { taskId, followUpId, callbackTaskId: callback?.id ?? null } },
      });
      if (contacted) await markResponded(tx, open.ticketId, { now: ctx.now, actor, events: ctx.events, channel: 'voice', call: true });
    }
    return { task, followUp, callback };
  });
}
