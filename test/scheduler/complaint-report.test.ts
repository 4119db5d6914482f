import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMonthlyComplaintReport, previousMonth, type ComplaintReportData } from '../../src/reports/complaint-report.js';
import { databaseKinds } from '../support/test-database.js';
import { startScheduler, SUPERVISOR_EMAIL, taipei } from './scheduler-fixture.js';

describe.each(databaseKinds)('monthly complaint report on %s', (kind) => {
  let s: Awaited<ReturnType<typeof startScheduler>>;
  beforeAll(async () => {
    s = await startScheduler(kind, { SUPERVISOR_EMAILS: `${SUPERVISOR_EMAIL}, quality@example.test` });
  });
  afterAll(async () => {
    await s?.t.stop();
  });

  it('names the previous month in the business time zone', () => {
    // 2026-11-01 00:30 in Taipei is still October 31st in UTC.
    expect(previousMonth(taipei('2026-11-01T00:30'), 'Asia/Taipei')).toBe('2026-10');
    expect(previousMonth(taipei('2026-01-05T09:00'), 'Asia/Taipei')).toBe('2025-12');
  });

  it('reports the previous month by type, status, resolution time and repeat customers, mails it, and a rerun changes nothing', async () => {
    const a = await s.aTicket(taipei('2026-10-03T10:00'), { category: 'complaint', complaintType: 'service_attitude' });
    await s.move(a.ticket.id, 'resolved', taipei('2026-10-03T16:00'));
    const again = await s.aTicket(taipei('2026-10-20T10:00'), { category: 'complaint', complaintType: 'lateness', customerId: a.customer.id });
    await s.aTicket(taipei('2026-10-31T23:30'), { category: 'complaint' });
    await s.aTicket(taipei('2026-11-01T00:30'), { category: 'complaint' }); // November: not in the report
    await s.aTicket(taipei('2026-10-10T10:00'), { category: 'fault' }); // not a complaint

    expect(await s.run.complaintReport(taipei('2026-11-05T09:00'))).toBe('done');
    const report = await s.db.report.findUniqueOrThrow({ where: { kind_period: { kind: 'monthly_complaints', period: '2026-10' } } });
    const data = report.data as unknown as ComplaintReportData;
    expect(data.total).toBe(3);
    expect(data.byType).toEqual({ service_attitude: 1, lateness: 1, unspecified: 1 });
    expect(data.byStatus).toEqual({ resolved: 1, new: 2 });
    expect(data.resolution).toMatchObject({ resolved: 1, averageHours: 6, medianHours: 6 });
    expect(data.repeatCustomers).toEqual([{ customerId: a.customer.id, name: 'Test Customer', complaints: 2 }]);
    expect(data.tickets.map((t) => t.number)).toContain(again.ticket.number);
    expect(report.mailedAt).not.toBeNull();
    const mails = await s.db.outboundMessage.findMany({ where: { purpose: 'report' }, orderBy: { to: 'asc' } });
    expect(mails.map((m) => [m.channel, m.to, m.subject])).toEqual([
      ['email', 'quality@example.test', 'Complaint report 2026-10'],
      ['email', SUPERVISOR_EMAIL, 'Complaint report 2026-10'],
    ]);
    expect(mails[0]!.text).toContain('Complaints: 3');

    await s.aTicket(taipei('2026-10-15T10:00'), { category: 'complaint' });
    expect(await s.run.complaintReport(taipei('2026-11-05T10:00'))).toBe('skipped');
    expect(await s.db.report.count({ where: { kind: 'monthly_complaints' } })).toBe(1);
    expect(await s.db.outboundMessage.count({ where: { purpose: 'report' } })).toBe(2);
    expect(((await s.db.report.findUniqueOrThrow({ where: { id: report.id } })).data as unknown as ComplaintReportData).total).toBe(3);
  });

  it('is produced once when two runs race', async () => {
    const ctx = { now: taipei('2026-10-05T09:00'), timeZone: 'Asia/Taipei', jobs: s.app.jobs, supervisorEmails: [SUPERVISOR_EMAIL] };
    const [x, y] = await Promise.all([generateMonthlyComplaintReport(s.db, ctx), generateMonthlyComplaintReport(s.db, ctx)]);
    expect([x.created, y.created].sort()).toEqual([false, true]);
    expect(await s.db.outboundMessage.count({ where: { purpose: 'report', subject: 'Complaint report 2026-09' } })).toBe(1);
  });
});
