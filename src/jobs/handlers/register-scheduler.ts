import { existsSync } from 'node:fs';
import type { Clock } from '../../clock.js';
import type { Env } from '../../config/env.js';
import type { Db } from '../../db/db.js';
import type { EventBus } from '../../events/event-bus.js';
import { registerFollowUpListener } from '../../events/listeners/follow-up-listener.js';
import { registerSlaListener } from '../../events/listeners/sla-listener.js';
import { registerStaffNoticeListener } from '../../events/listeners/staff-notice-listener.js';
import { registerSurveyListener } from '../../events/listeners/survey-listener.js';
import type { CheckInCaller } from '../../follow-ups/check-in-call.js';
import type { FollowUpStarter } from '../../follow-ups/follow-up-sender.js';
import type { Logger } from '../../logger.js';
import { calendarCoverage } from '../../sla/calendar-coverage.js';
import { createBusinessCalendar, type BusinessCalendar } from '../../sla/business-calendar.js';
import { loadPolicy } from '../../sla/load-policy.js';
import type { Policy } from '../../sla/policy-schema.js';
import type { SurveyStarter } from '../../surveys/survey-service.js';
import type { JobQueue } from '../job-queue.js';
import { createComplaintReportCheckJob, createComplaintReportJob } from './complaint-report-job.js';
import { createComplaintSweepJob } from './complaint-sweep-job.js';
import { createFollowUpCallJob, createFollowUpCallTimeoutJob, createFollowUpSendJob, createFollowUpSweepJob } from './follow-up-send-job.js';
import { createNotificationDeliverJob } from './notification-deliver-job.js';
import { createRetentionJob } from './retention-job.js';
import { createSlaCheckJob, createSlaSweepJob } from './sla-check-job.js';
import type { SchedulerDeps } from './scheduler-deps.js';
import { createSurveySendJob } from './survey-send-job.js';

const SHIPPED_POLICY_FILE = 'config/policy.yaml';

/**
 * The service policy for this instance: POLICY_FILE (the shipped file when left at its default and run from
 * elsewhere), with HOME_PROVINCE replacing the file's home province. Throws PolicyError naming each bad field.
 */
export function loadAppPolicy(env: Pick<Env, 'POLICY_FILE' | 'HOME_PROVINCE'>): { policy: Policy; calendar: BusinessCalendar } {
  const file = env.POLICY_FILE === SHIPPED_POLICY_FILE && !existsSync(env.POLICY_FILE) ? undefined : env.POLICY_FILE;
  const loaded = loadPolicy(file);
  const policy: Policy = env.HOME_PROVINCE ? { ...loaded, homeProvince: { name: env.HOME_PROVINCE, aliases: [] } } : loaded;
  return { policy, calendar: createBusinessCalendar(policy.calendar) };
}

/** Recurring jobs (pg-boss cron, evaluated in the business time zone). */
export const recurringJobs = [
  { name: 'sla.sweep', cron: '* * * * *' },
  { name: 'turn.sweep', cron: '* * * * *' },
  { name: 'follow_up.sweep', cron: '30 7 * * *' },
  // Investigation deadlines are 1–5 days: a quarter-hour is close enough, and a missed run is caught by the next.
  { name: 'complaint.sweep', cron: '*/15 * * * *' },
  // 09:00 on the 5th, retried hourly until 16:00 if an instance was down: done well before 17:00 (reruns are harmless).
  // Every 5th, Sundays and holidays included: the policy names a date, not a working day (src/reports/complaint-report-due.ts).
  { name: 'report.monthly_complaints', cron: '0 9-16 5 * *' },
  // 16:30 daily: on the 5th the supervisors hear of a missing or unsent report half an hour before it is due;
  // on later days a report no instance made on the 5th is made late, and they are told.
  { name: 'report.monthly_complaints_check', cron: '30 16 * * *' },
  { name: 'retention.run', cron: '30 3 * * *' },
] as const;

/**
 * Wires the service-promise machinery: listeners on the event bus (SLA clocks, surveys, follow-ups,
 * staff notices) and one handler per scheduling job.
 */
export function registerScheduler(options: {
  db: Db;
  clock: Clock;
  events: EventBus;
  jobs: JobQueue;
  policy: Policy;
  calendar: BusinessCalendar;
  env: Pick<Env, 'SUPERVISOR_EMAILS' | 'BUSINESS_TZ' | 'RETENTION_YEARS' | 'CHECK_IN_CALL_RESULT_TIMEOUT_MINUTES'>;
  startSurveyDialog?: SurveyStarter;
  /** Starts the follow-up dialog on the customer's channel (src/bot/proactive.ts); plain text without it. */
  startFollowUpDialog?: FollowUpStarter;
  /** Places automated check-in calls (channels/twilio-voice); without it every call is a staff task. */
  checkInCaller?: CheckInCaller;
  /** Warned at start-up when the official holiday calendar does not cover the next 90 days. */
  logger?: Pick<Logger, 'warn' | 'info'>;
}): void {
  const { events, jobs, policy, calendar } = options;
  const coverage = calendarCoverage(policy, options.clock());
  if (coverage.warning) options.logger?.warn({ region: coverage.region, coveredUntil: coverage.coveredUntil, file: coverage.file }, coverage.warning);
  const listenerDeps = { policy, calendar, jobs };
  registerSlaListener(events, listenerDeps);
  registerSurveyListener(events, listenerDeps);
  registerFollowUpListener(events, listenerDeps);
  registerStaffNoticeListener(events, listenerDeps);

  const deps: SchedulerDeps = {
    db: options.db,
    clock: options.clock,
    policy,
    calendar,
    jobs,
    supervisorEmails: options.env.SUPERVISOR_EMAILS,
    timeZone: options.env.BUSINESS_TZ,
  };
  jobs.handle('sla.check', createSlaCheckJob(deps));
  jobs.handle('sla.sweep', createSlaSweepJob(deps));
  jobs.handle('survey.send', createSurveySendJob({ ...deps, startDialog: options.startSurveyDialog }));
  jobs.handle('follow_up.send', createFollowUpSendJob({ ...deps, startDialog: options.startFollowUpDialog, automatedCalls: options.checkInCaller !== undefined }));
  const resultTimeoutMinutes = options.env.CHECK_IN_CALL_RESULT_TIMEOUT_MINUTES;
  jobs.handle('follow_up.call', createFollowUpCallJob({ ...deps, caller: options.checkInCaller, resultTimeoutMinutes }));
  jobs.handle('follow_up.call_timeout', createFollowUpCallTimeoutJob({ ...deps, resultTimeoutMinutes }));
  jobs.handle('follow_up.sweep', createFollowUpSweepJob(deps));
  jobs.handle('notification.deliver', createNotificationDeliverJob(deps));
  jobs.handle('complaint.sweep', createComplaintSweepJob(deps));
  jobs.handle('report.monthly_complaints', createComplaintReportJob(deps));
  jobs.handle('report.monthly_complaints_check', createComplaintReportCheckJob(deps));
  jobs.handle('retention.run', createRetentionJob({ ...deps, envYears: options.env.RETENTION_YEARS, logger: options.logger }));
}

/** Puts the recurring jobs on pg-boss's cron (once the queue has started). */
export async function scheduleRecurringJobs(jobs: JobQueue, timeZone: string): Promise<void> {
  for (const { name, cron } of recurringJobs) await jobs.schedule(name, cron, timeZone);
}
