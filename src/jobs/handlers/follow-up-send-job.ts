import { checkInCallTimedOut, placeCheckInCall, type CheckInCaller } from '../../follow-ups/check-in-call.js';
import { sendFollowUp, type FollowUpStarter } from '../../follow-ups/follow-up-sender.js';
import { sweepQuarterlyContacts } from '../../follow-ups/follow-up-service.js';
import type { JobHandler } from '../job-queue.js';
import { policyContext, type SchedulerDeps } from './scheduler-deps.js';

/** `follow_up.send`: one follow-up (the dialog started on the customer's channel, or a call task), once. */
export function createFollowUpSendJob(deps: SchedulerDeps & { startDialog?: FollowUpStarter; automatedCalls?: boolean }): JobHandler<'follow_up.send'> {
  return ({ followUpId }) => sendFollowUp(deps.db, followUpId, { ...policyContext(deps, deps.clock()), startDialog: deps.startDialog, automatedCalls: deps.automatedCalls });
}

/**
 * `follow_up.call`: places one automated check-in call (Twilio); a refused call, or one that still fails on
 * the queue's last attempt, becomes a staff call task.
 */
export function createFollowUpCallJob(deps: SchedulerDeps & { caller?: CheckInCaller; resultTimeoutMinutes: number }): JobHandler<'follow_up.call'> {
  return ({ followUpId }, meta) =>
    placeCheckInCall(deps.db, followUpId, deps.caller, { ...policyContext(deps, deps.clock()), lastAttempt: meta.lastAttempt === true, resultTimeoutMinutes: deps.resultTimeoutMinutes });
}

/** `follow_up.call_timeout`: a placed call Twilio never reported on counts as unanswered (a staff call task). */
export function createFollowUpCallTimeoutJob(deps: SchedulerDeps & { resultTimeoutMinutes: number }): JobHandler<'follow_up.call_timeout'> {
  return ({ followUpId, callSid }) => checkInCallTimedOut(deps.db, followUpId, { callSid, minutes: deps.resultTimeoutMinutes }, policyContext(deps, deps.clock()));
}

/** `follow_up.sweep` (cron, daily): schedules the quarterly contacts that fell due. */
export function createFollowUpSweepJob(deps: SchedulerDeps): JobHandler<'follow_up.sweep'> {
  return async () => ((await sweepQuarterlyContacts(deps.db, policyContext(deps, deps.clock()))) > 0 ? 'done' : 'skipped');
}
