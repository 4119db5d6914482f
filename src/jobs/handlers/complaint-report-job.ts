import { generateMonthlyComplaintReport } from '../../reports/complaint-report.js';
import type { JobHandler } from '../job-queue.js';
import type { SchedulerDeps } from './scheduler-deps.js';

/** `report.monthly_complaints` (cron on the 5th): the previous month's report, stored and mailed once. */
export function createComplaintReportJob(deps: SchedulerDeps): JobHandler<'report.monthly_complaints'> {
  return async ({ period }) => {
    const ctx = { now: deps.clock(), timeZone: deps.timeZone, jobs: deps.jobs, supervisorEmails: deps.supervisorEmails };
    const { created } = await generateMonthlyComplaintReport(deps.db, ctx, period);
    return created ? 'done' : 'skipped';
  };
}
