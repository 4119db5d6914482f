import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeComplaint, recordInvestigation, recordRemedy, recordRevisit, type ComplaintContext } from '../../src/complaints/complaint-service.js';
import type { ComplaintReportData } from '../../src/reports/complaint-report.js';
import { databaseKinds } from '../support/test-database.js';
import { local, startScheduler, taipei } from './scheduler-fixture.js';

describe.each(databaseKinds)('complaint handling on %s', (kind) => {
  let s: Awaited<ReturnType<typeof startScheduler>>;
  beforeAll(async () => {
    s = await startScheduler(kind);
  });
  afterAll(async () => {
    await s?.t.stop();
  });

  const at = (localTime: string): ComplaintContext => ({ now: taipei(localTime), actor: 'staff:test', policy: s.app.policy, calendar: s.app.calendar });
  const complaint = (opened: string) => s.aTicket(taipei(opened), { category: 'complaint', complaintType: 'service_attitude', contactPhone: '+886912000111' });

  it('grades severity and sets the investigation deadline by severity from the policy', async () => {
    const { ticket } = await complaint('2026-11-02T10:00');
    const critical = await gradeComplaint(s.db, ticket.id, 'critical', at('2026-11-02T11:00'));
    expect([critical.complaintSeverity, local(critical.investigationDueAt)]).toEqual(['critical', '2026-11-03T11:00']);
    const minor = await gradeComplaint(s.db, ticket.id, 'minor', at('2026-11-02T12:00'));
    expect([minor.complaintSeverity, local(minor.investigationDueAt)]).toEqual(['minor', '2026-11-07T12:00']);
  });

  it('goes record → grade → investigate → remedy → revisit, refusing steps out of order, each on the timeline', async () => {
    const { ticket } = await complaint('2026-11-09T10:00');
    await expect(recordInvestigation(s.db, ticket.id, { finding: 'rude on the phone', responsibility: 'service_staff' }, at('2026-11-09T11:00'))).rejects.toThrow(/recorded/);
    await gradeComplaint(s.db, ticket.id, 'major', at('2026-11-09T11:00'));
    await expect(recordRemedy(s.db, ticket.id, { remedy: 'apology' }, at('2026-11-09T12:00'))).rejects.toThrow(/graded/);
    await recordInvestigation(s.db, ticket.id, { finding: 'rude on the phone', responsibility: 'service_staff' }, at('2026-11-10T09:00'));
    await expect(gradeComplaint(s.db, ticket.id, 'minor', at('2026-11-10T10:00'))).rejects.toThrow(/investigated/);
    await expect(recordRevisit(s.db, ticket.id, { outcome: 'satisfied' }, at('2026-11-10T10:00'))).rejects.toThrow(/investigated/);

    // Remedy on Wednesday: the call back is a staff task due by the close of the third day (Saturday, open 08:30–18:00).
    await recordRemedy(s.db, ticket.id, { remedy: 'apology and a free maintenance visit' }, at('2026-11-11T15:00'));
    const task = await s.db.staffTask.findFirstOrThrow({ where: { ticketId: ticket.id, kind: 'complaint_revisit' } });
    expect([task.status, local(task.dueAt)]).toEqual(['open', '2026-11-14T18:00']);
    expect(task.details).toMatchObject({ phone: '+886912000111' });

    const done = await recordRevisit(s.db, ticket.id, { outcome: 'satisfied', note: 'happy with the visit' }, at('2026-11-13T10:00'));
    expect(done).toMatchObject({ complaintSeverity: 'major', complaintResponsibility: 'service_staff', complaintRemedy: 'apology and a free maintenance visit', revisitOutcome: 'satisfied' });
    expect((await s.db.staffTask.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('done');
    const events = await s.db.ticketEvent.findMany({ where: { ticketId: ticket.id, kind: { startsWith: 'complaint_' } }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => [e.kind, e.to])).toEqual([
      ['complaint_graded', 'major'],
      ['complaint_investigated', 'service_staff'],
      ['complaint_remedied', null],
      ['complaint_revisited', 'satisfied'],
    ]);
  });

  it('refuses a responsibility outside product, service staff, logistics, customer, other, and a ticket that is not a complaint', async () => {
    const { ticket } = await complaint('2026-11-16T10:00');
    await gradeComplaint(s.db, ticket.id, 'minor', at('2026-11-16T10:30'));
    await expect(recordInvestigation(s.db, ticket.id, { finding: 'x', responsibility: 'weather' as never }, at('2026-11-16T11:00'))).rejects.toThrow();
    const fault = await s.aTicket(taipei('2026-11-16T10:00'));
    await expect(gradeComplaint(s.db, fault.ticket.id, 'minor', at('2026-11-16T10:30'))).rejects.toThrow(/not a complaint/);
  });

  it('reports the complaint rate, severity, responsibility, timeliness, success and open complaints for the month', async () => {
    const a = await complaint('2026-12-01T10:00');
    await gradeComplaint(s.db, a.ticket.id, 'critical', at('2026-12-01T10:30'));
    await recordInvestigation(s.db, a.ticket.id, { finding: 'late engineer', responsibility: 'service_staff' }, at('2026-12-01T16:00')); // on time
    await recordRemedy(s.db, a.ticket.id, { remedy: 'apology' }, at('2026-12-02T10:00'));
    await recordRevisit(s.db, a.ticket.id, { outcome: 'satisfied' }, at('2026-12-05T10:00'));
    const b = await complaint('2026-12-03T10:00');
    await gradeComplaint(s.db, b.ticket.id, 'minor', at('2026-12-03T10:30'));
    await recordInvestigation(s.db, b.ticket.id, { finding: 'damaged in transit', responsibility: 'logistics' }, at('2026-12-10T10:00')); // 2 days late
    await recordRemedy(s.db, b.ticket.id, { remedy: 'replacement' }, at('2026-12-11T10:00'));
    await recordRevisit(s.db, b.ticket.id, { outcome: 'unsatisfied' }, at('2026-12-14T10:00'));
    const c = await complaint('2026-12-20T10:00');
    await gradeComplaint(s.db, c.ticket.id, 'major', at('2026-12-20T10:30')); // never investigated: overdue, open
    await s.aTicket(taipei('2026-12-21T10:00'), { category: 'fault' });

    expect(await s.run.complaintReport(taipei('2027-01-05T09:00'))).toBe('done');
    const report = await s.db.report.findUniqueOrThrow({ where: { kind_period: { kind: 'monthly_complaints', period: '2026-12' } } });
    const data = report.data as unknown as ComplaintReportData;
    expect(data.total).toBe(3);
    expect([data.ticketsOpened, data.complaintRate]).toEqual([4, 75]);
    expect(data.bySeverity).toEqual({ critical: 1, minor: 1, major: 1 });
    expect(data.byResponsibility).toEqual({ service_staff: 1, logistics: 1 });
    expect(data.timeliness).toEqual({ investigated: 2, onTime: 1, rate: 50 });
    expect(data.success).toEqual({ revisited: 2, satisfied: 1, rate: 50 });
    const open = data.open.find((o) => o.number === c.ticket.number);
    expect(open).toMatchObject({ step: 'graded', severity: 'major', overdue: true });
    expect(data.open.map((o) => o.number)).not.toContain(a.ticket.number);
    const mail = await s.db.outboundMessage.findFirstOrThrow({ where: { purpose: 'report', subject: 'Complaint report 2026-12' } });
    expect(mail.text).toContain('Investigated within the deadline: 1 of 2 (50 %)');
    expect(mail.text).toContain(`${c.ticket.number}  graded  major`);
  });
});
