import { generateMonthlyComplaintReport } from '../../reports/complaint-report.js';
import { checkComplaintReport } from '../../reports/complaint-report-due.js';
import type { JobHandler } from '../job-queue.js';
import { policyContext, type SchedulerDeps } from './scheduler-deps.js';

/** `report.monthly_complaints` (cron on the 5th): the previous month's report, stored and mailed once. */
export function createComplaintReportJob(deps: SchedulerDeps): JobHandler<'report.monthly_complaints'> {
  return async ({ period }) => {
    const ctx = { now: deps.clock(), timeZone: deps.timeZone, jobs: deps.jobs, supervisorEmails: deps.supervisorEmails };
    const { created } = await generateMonthlyComplaintReport(deps.db, ctx, period);
    return created ? 'done' : 'skipped';
  };
}

/** `report.monthly_complaints_check` (cron, daily 16:30): on the 5th, half an hour before the report is due. */
export function createComplaintReportCheckJob(deps: SchedulerDeps): JobHandler<'report.monthly_complaints_check'> {
  return async ({ period }) => {
    const ctx = { ...policyContext(deps, deps.clock()), timeZone: deps.timeZone, supervisorEmails: deps.supervisorEmails };
    return (await checkComplaintReport(deps.db, ctx, period)).result;
  };
}
