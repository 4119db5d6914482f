import { DateTime } from 'luxon';
import { createFollowUpStarter } from '../../src/bot/proactive.js';
import type { Db } from '../../src/db/db.js';
import type { SchedulerDeps } from '../../src/jobs/handlers/scheduler-deps.js';
import { createComplaintReportJob } from '../../src/jobs/handlers/complaint-report-job.js';
import { createFollowUpSendJob, createFollowUpSweepJob } from '../../src/jobs/handlers/follow-up-send-job.js';
import { createNotificationDeliverJob } from '../../src/jobs/handlers/notification-deliver-job.js';
import { createSlaCheckJob, createSlaSweepJob } from '../../src/jobs/handlers/sla-check-job.js';
import { createSurveySendJob } from '../../src/jobs/handlers/survey-send-job.js';
import type { DatabaseKind } from '../../src/db/db.js';
import { openTicket, transitionTicket, type OpenTicketInput } from '../../src/tickets/ticket-service.js';
import type { TicketStatus } from '../../src/generated/prisma/enums.js';
import { aCustomer } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

export const SUPERVISOR_EMAIL = 'supervisor@example.test';

/** A Taipei local time "2026-11-25T10:00" as an instant. */
export function taipei(local: string): Date {
  return DateTime.fromISO(local, { zone: 'Asia/Taipei' }).toJSDate();
}

/** An instant as Taipei local "yyyy-MM-ddTHH:mm". */
export function local(instant: Date | null | undefined): string | null {
  return instant ? DateTime.fromJSDate(instant, { zone: 'Asia/Taipei' }).toFormat("yyyy-LL-dd'T'HH:mm") : null;
}

/**
 * The real app (listeners wired by app.ts) with jobs not worked: tests run each job handler directly
 * at an explicit time, the way pg-boss would call it.
 */
export async function startScheduler(kind: DatabaseKind, env: Record<string, string> = {}) {
  const t = await startTestApp(kind, { SUPERVISOR_EMAILS: SUPERVISOR_EMAIL, ...env }, { now: '2026-11-25T02:00:00Z' });
  const { app } = t;
  const db = app.database.prisma;
  const deps = (now: Date): SchedulerDeps => ({
    db,
    clock: () => now,
    policy: app.policy,
    calendar: app.calendar,
    jobs: app.jobs,
    supervisorEmails: app.env.SUPERVISOR_EMAILS,
    timeZone: app.env.BUSINESS_TZ,
  });
  // As app.ts wires it: a follow-up starts the follow-up dialog on the customer's channel.
  const startFollowUpDialog = (now: Date) =>
    createFollowUpStarter({ database: app.database, events: app.events, jobs: app.jobs, clock: () => now, logger: app.logger, env: app.env, policy: app.policy, calendar: app.calendar });
  const run = {
    slaCheck: (ticketId: string, now: Date) => createSlaCheckJob(deps(now))({ ticketId }, meta),
    slaSweep: (now: Date) => createSlaSweepJob(deps(now))({}, meta),
    surveySend: (surveyId: string, now: Date) => createSurveySendJob(deps(now))({ surveyId }, meta),
    followUpSend: (followUpId: string, now: Date) => createFollowUpSendJob({ ...deps(now), startDialog: startFollowUpDialog(now) })({ followUpId }, meta),
    followUpSweep: (now: Date) => createFollowUpSweepJob(deps(now))({}, meta),
    notificationDeliver: (notificationId: string, now: Date) => createNotificationDeliverJob(deps(now))({ notificationId }, meta),
    complaintReport: (now: Date, period?: string) => createComplaintReportJob(deps(now))(period ? { period } : {}, meta),
  };
  return { t, app, db, run, ...helpers(t) };
}

const meta = { id: 'test', retryCount: 0 };

function helpers(t: TestApp) {
  const db: Db = t.app.database.prisma;
  const events = t.app.events;
  return {
    async aTicket(now: Date, input: Partial<OpenTicketInput> = {}) {
      const { customer, phone } = await aCustomer(db);
      const ticket = await openTicket(db, { customerId: customer.id, category: 'fault', channel: 'sms', problem: 'printer jams', ...input }, { now, actor: 'bot', events });
      return { ticket, customer, phone };
    },
    move(ticketId: string, to: TicketStatus, now: Date) {
      return transitionTicket(db, ticketId, to, { now, actor: 'staff:test', events });
    },
    /** Rows in pg-boss's job table for one queue whose data has key = value. */
    async queued(name: string, key: string, value: string): Promise<{ startAfter: Date }[]> {
      const rows = await db.$queryRawUnsafe<{ start_after: Date }[]>(
        `SELECT start_after FROM pgboss.job WHERE name = $1 AND data->>'${key}' = $2 ORDER BY start_after`,
        name,
        value,
      );
      return rows.map((r) => ({ startAfter: new Date(r.start_after) }));
    },
  };
}
