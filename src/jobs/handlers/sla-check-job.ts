import { checkTicketPromises, sweepDuePromises } from '../../sla/sla-service.js';
import type { JobHandler } from '../job-queue.js';
import { policyContext, type SchedulerDeps } from './scheduler-deps.js';

/** `sla.check`: one ticket's warnings and breaches, raised once each. */
export function createSlaCheckJob(deps: SchedulerDeps): JobHandler<'sla.check'> {
  return ({ ticketId }) => checkTicketPromises(deps.db, ticketId, policyContext(deps, deps.clock()));
}

/** `sla.sweep` (cron, every minute): catches any check job that was lost or ran early. */
export function createSlaSweepJob(deps: SchedulerDeps): JobHandler<'sla.sweep'> {
  return async () => ((await sweepDuePromises(deps.db, policyContext(deps, deps.clock()))) > 0 ? 'done' : 'skipped');
}
