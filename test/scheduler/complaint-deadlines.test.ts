import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeComplaint, recordInvestigation, type ComplaintContext } from '../../src/complaints/complaint-service.js';
import { createComplaintSweepJob } from '../../src/jobs/handlers/complaint-sweep-job.js';
import { aStaffMember } from '../support/fixtures.js';
import { databaseKinds } from '../support/test-database.js';
import { local, startScheduler, taipei } from './scheduler-fixture.js';

describe.each(databaseKinds)('complaint investigation deadlines on %s', (kind) => {
  let s: Awaited<ReturnType<typeof startScheduler>>;
  beforeAll(async () => {
    s = await startScheduler(kind);
  });
  afterAll(async () => {
    await s?.t.stop();
  });

  const at = (localTime: string): ComplaintContext => ({ now: taipei(localTime), actor: 'staff:test', policy: s.app.policy, calendar: s.app.calendar });
  const sweep = (localTime: string) =>
    createComplaintSweepJob({ db: s.db, clock: () => taipei(localTime), policy: s.app.policy, calendar: s.app.calendar, jobs: s.app.jobs, supervisorEmails: [], timeZone: 'Asia/Taipei' })({}, { id: 'test', retryCount: 0 });
  const notices = (ticketId: string) => s.db.staffNotification.findMany({ where: { ticketId, kind: { startsWith: 'complaint_' } }, orderBy: { createdAt: 'asc' } });

  it('warns the assignee at 75 % of a critical complaint’s day, at once even before opening hours, and the supervisors once it passes', async () => {
    const agent = await aStaffMember(s.db, { role: 'agent' });
    const { ticket } = await s.aTicket(taipei('2026-11-02T10:00'), { category: 'complaint' });
    await s.db.ticket.update({ where: { id: ticket.id }, data: { assigneeId: agent.id } });
    await gradeComplaint(s.db, ticket.id, 'critical', at('2026-11-02T11:00')); // due 11-03 11:00

    expect(await sweep('2026-11-03T04:45')).toBe('skipped');
    expect(await sweep('2026-11-03T05:00')).toBe('done');
    await sweep('2026-11-03T05:15');
    const [warning, ...none] = await notices(ticket.id);
    expect(none).toEqual([]);
    expect(warning).toMatchObject({ kind: 'complaint_warning', staffId: agent.id, text: expect.stringContaining('due 2026-11-03 11:00') });
    expect(local(warning!.deliverAfter)).toBe('2026-11-03T05:00');

    await sweep('2026-11-03T11:00');
    await sweep('2026-11-03T11:15');
    const overdue = (await notices(ticket.id)).filter((n) => n.kind === 'complaint_overdue');
    expect(overdue.map((n) => [n.role, local(n.deliverAfter)])).toEqual([['supervisor', '2026-11-03T11:00']]);
  });

  it('tells nobody about a complaint investigated in time', async () => {
    const { ticket } = await s.aTicket(taipei('2026-11-09T10:00'), { category: 'complaint' });
    await gradeComplaint(s.db, ticket.id, 'major', at('2026-11-09T10:00')); // due 11-12 10:00
    await recordInvestigation(s.db, ticket.id, { finding: 'late delivery', responsibility: 'logistics' }, at('2026-11-10T10:00'));
    await sweep('2026-11-12T10:00');
    expect(await notices(ticket.id)).toEqual([]);
  });

  it('watches the new deadline after a regrade', async () => {
    const { ticket } = await s.aTicket(taipei('2026-11-16T10:00'), { category: 'complaint' });
    await gradeComplaint(s.db, ticket.id, 'minor', at('2026-11-16T10:00')); // due 11-21 10:00
    await sweep('2026-11-16T10:15');
    await gradeComplaint(s.db, ticket.id, 'critical', at('2026-11-16T12:00')); // due 11-17 12:00, warned 11-17 06:00
    await sweep('2026-11-17T06:00');
    expect((await notices(ticket.id)).map((n) => n.text)).toEqual([expect.stringContaining('due 2026-11-17 12:00')]);
  });
});
