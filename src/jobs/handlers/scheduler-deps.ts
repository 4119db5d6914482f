import type { Clock } from '../../clock.js';
import type { Db } from '../../db/db.js';
import type { PolicyContext } from '../../notifications/staff-notification-service.js';
import type { BusinessCalendar } from '../../sla/business-calendar.js';
import type { Policy } from '../../sla/policy-schema.js';
import type { JobQueue } from '../job-queue.js';

/** What the scheduling jobs and listeners share: the database, the time, the policy and the queue. */
export type SchedulerDeps = {
  db: Db;
  clock: Clock;
  policy: Policy;
  calendar: BusinessCalendar;
  jobs: Pick<JobQueue, 'send'>;
  supervisorEmails: readonly string[];
  timeZone: string;
};

export function policyContext(deps: Pick<SchedulerDeps, 'policy' | 'calendar' | 'jobs'>, now: Date): PolicyContext {
  return { now, policy: deps.policy, calendar: deps.calendar, jobs: deps.jobs };
}
