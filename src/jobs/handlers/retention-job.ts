import type { Logger } from '../../logger.js';
import { retentionYears, runRetention } from '../../retention/retention-service.js';
import type { JobHandler } from '../job-queue.js';
import type { SchedulerDeps } from './scheduler-deps.js';

/** `retention.run` (cron, daily): anonymises the personal data of tickets closed longer than the retention period. */
export function createRetentionJob(
  deps: Pick<SchedulerDeps, 'db' | 'clock' | 'policy' | 'timeZone'> & { envYears: number | undefined; logger?: Pick<Logger, 'info'> },
): JobHandler<'retention.run'> {
  return async () => {
    const years = retentionYears(deps.envYears, deps.policy.retention.years);
    const result = await runRetention(deps.db, { now: deps.clock(), years, timeZone: deps.timeZone });
    if (!result || (result.tickets.length === 0 && result.customers.length === 0)) return 'skipped';
    deps.logger?.info({ tickets: result.tickets.length, customers: result.customers.length, years }, 'retention: personal data anonymised');
    return 'done';
  };
}
