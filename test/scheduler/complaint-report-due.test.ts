import cronParser from 'cron-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobQueue } from '../../src/jobs/job-queue.js';
import { recurringJobs } from '../../src/jobs/handlers/register-scheduler.js';
import { checkComplaintReport, complaintReportDue } from '../../src/reports/complaint-report-due.js';
import { databaseKinds } from '../support/test-database.js';
import { local, startScheduler, SUPERVISOR_EMAIL, taipei } from './scheduler-fixture.js';

const TZ = 'Asia/Taipei';

/** When pg-boss would start a recurring job on one local day (its cron, evaluated in the business time zone). */
function runsOn(job: (typeof recurringJobs)[number]['name'], day: string): string[] {
  const { cron } = recurringJobs.find((j) => j.name === job)!;
  const runs = cronParser.parseExpression(cron, { currentDate: taipei(`${day}T00:00`), endDate: taipei(`${day}T23:59`), tz: TZ });
  const times: string[] = [];
  while (runs.hasNext()) times.push(local(runs.next().toDate())!);
  return times;
}

describe('when the monthly complaint report is due', () => {
  it('is due at 17:00 local on the 5th of the month after its period', () => {
    expect(local(complaintReportDue('2026-10', TZ))).toBe('2026-11-05T17:00');
    expect(local(complaintReportDue('2026-12', TZ))).toBe('2027-01-05T17:00');
  });

  it.each([
    { day: '2026-11-05', what: 'a Thursday' },
    { day: '2026-04-05', what: 'a Sunday that is also 清明節' },
    { day: '2027-04-05', what: 'a Monday holiday (清明節)' },
    { day: '2027-09-05', what: 'a Sunday' },
  ])('is made on the 5th itself before 17:00 when the 5th is $what, and checked before 17:00 after the last try', ({ day }) => {
    const made = runsOn('report.monthly_complaints', day);
    const checked = runsOn('report.monthly_complaints_check', day);
    expect(made[0]).toBe(`${day}T09:00`);
    expect(made.at(-1)! < `${day}T17:00`).toBe(true);
    expect(checked).toEqual([`${day}T16:30`]);
    expect(checked[0]! > made.at(-1)!).toBe(true);
  });

  it('makes no report before the 5th, even when the 5th is closed', () => {
    for (const day of ['2026-04-01', '2026-04-02', '2026-04-03', '2026-04-04']) expect(runsOn('report.monthly_complaints', day)).toEqual([]);
  });
});

describe.each(databaseKinds)('checking the monthly complaint report on %s', (kind) => {
  let s: Awaited<ReturnType<typeof startScheduler>>;
  beforeAll(async () => {
    s = await startScheduler(kind);
  });
  afterAll(async () => {
    await s?.t.stop();
  });

  const warnings = (period: string) => s.db.staffNotification.findMany({ where: { kind: 'report_overdue', text: { contains: `for ${period}` } }, orderBy: { createdAt: 'asc' } });
  const check = (now: Date, jobs: Pick<JobQueue, 'send'> = s.app.jobs) =>
    checkComplaintReport(s.db, { now, policy: s.app.policy, calendar: s.app.calendar, jobs, timeZone: TZ, supervisorEmails: [SUPERVISOR_EMAIL] });

  it('on a Sunday 5th the report is made at 09:00 and mailed, and the 16:30 check tells nobody', async () => {
    await s.aTicket(taipei('2026-06-10T10:00'), { category: 'complaint' });
    expect(await s.run.complaintReport(taipei('2026-07-05T09:00'))).toBe('done');
    await s.db.outboundMessage.updateMany({ where: { purpose: 'report', subject: 'Complaint report 2026-06' }, data: { status: 'sent' } });
    expect((await check(taipei('2026-07-05T16:30'))).check).toEqual({ state: 'ok' });
    expect(await warnings('2026-06')).toEqual([]);
  });

  it('warns the supervisors at 16:30 on a Sunday holiday 5th, not the next working morning, when the report cannot be made', async () => {
    // The outbox is down: mailing the report fails, so nothing is stored.
    const outboxDown: Pick<JobQueue, 'send'> = {
      send: async (name, data, options) => {
        if (name === 'message.send') throw new Error('outbox unavailable');
        return s.app.jobs.send(name, data, options);
      },
    };
    const now = taipei('2026-04-05T16:30');
    expect(s.app.calendar.isWorkingDay(now)).toBe(false);
    expect((await check(now, outboxDown)).check).toEqual({ state: 'missing', error: 'outbox unavailable' });
    expect(await s.db.report.count({ where: { period: '2026-03' } })).toBe(0);
    const [warning, ...more] = await warnings('2026-03');
    expect(more).toEqual([]);
    expect(warning).toMatchObject({ role: 'supervisor', text: expect.stringContaining('due 2026-04-05 17:00') });
    expect(local(warning!.deliverAfter)).toBe('2026-04-05T16:30');

    expect(await s.run.notificationDeliver(warning!.id, now)).toBe('done');
    const mailed = await s.db.outboundMessage.findMany({ where: { purpose: 'notification', text: { contains: 'report for 2026-03' } } });
    expect(mailed.map((m) => m.to)).toEqual([SUPERVISOR_EMAIL]);

    await check(taipei('2026-04-05T16:45'), outboxDown);
    expect(await warnings('2026-03')).toHaveLength(1);
  });

  it('makes the report at the 16:30 check when every hourly run failed, and tells nobody since it is still on time', async () => {
    const { check: found } = await check(taipei('2026-09-05T16:30'));
    expect(found).toEqual({ state: 'ok' });
    expect(local((await s.db.report.findUniqueOrThrow({ where: { kind_period: { kind: 'monthly_complaints', period: '2026-08' } } })).createdAt)).toBe('2026-09-05T16:30');
    expect(await warnings('2026-08')).toEqual([]);
  });

  it('tells the supervisors when the report was made but its mail has not gone out by 16:30', async () => {
    expect(await s.run.complaintReport(taipei('2026-11-05T09:00'))).toBe('done');
    expect((await check(taipei('2026-11-05T16:30'))).check).toEqual({ state: 'undelivered', addresses: [SUPERVISOR_EMAIL] });
    expect((await warnings('2026-10')).map((w) => w.text)).toEqual([expect.stringContaining(`mail to ${SUPERVISOR_EMAIL} has not gone out`)]);
  });

  it('makes the report of a month before the first ticket quietly: a new installation is not late', async () => {
    // No test here opens a ticket before June 2026, so May's report is due before this deployment had any.
    expect((await check(taipei('2026-06-08T16:30'))).check).toEqual({ state: 'ok' });
    expect(await s.db.report.count({ where: { period: '2026-05' } })).toBe(1);
    expect(await warnings('2026-05')).toEqual([]);
  });

  it('makes a report no instance made on the 5th the next day, and tells the supervisors it is late', async () => {
    await s.aTicket(taipei('2026-11-10T10:00'), { category: 'complaint' });
    expect((await check(taipei('2026-12-06T16:30'))).check).toMatchObject({ state: 'late' });
    expect(await s.db.report.count({ where: { period: '2026-11' } })).toBe(1);
    expect((await warnings('2026-11')).map((w) => w.text)).toEqual([expect.stringContaining('was due 2026-12-05 17:00 and was only produced now')]);
  });
});
