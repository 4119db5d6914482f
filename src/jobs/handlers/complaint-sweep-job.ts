import { sweepComplaintDeadlines } from '../../complaints/complaint-deadlines.js';
import type { JobHandler } from '../job-queue.js';
import { policyContext, type SchedulerDeps } from './scheduler-deps.js';

/** `complaint.sweep` (cron, every 15 minutes): warns before a complaint's investigation deadline and tells the supervisors when it passes. */
export function createComplaintSweepJob(deps: SchedulerDeps): JobHandler<'complaint.sweep'> {
  return async () => {
    const { warned, overdue } = await sweepComplaintDeadlines(deps.db, policyContext(deps, deps.clock()));
    return warned + overdue > 0 ? 'done' : 'skipped';
  };
}
