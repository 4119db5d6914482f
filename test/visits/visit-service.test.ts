import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidTransitionError } from '../../src/errors/ticket-errors.js';
import { ValidationError } from '../../src/errors/app-error.js';
import { recordVisitArrival, scheduleVisit, type VisitContext } from '../../src/visits/visit-service.js';
import { aStaffMember } from '../support/fixtures.js';
import { databaseKinds } from '../support/test-database.js';
import { local, startScheduler, taipei } from '../scheduler/scheduler-fixture.js';

describe.each(databaseKinds)('on-site visits on %s', (kind) => {
  let s: Awaited<ReturnType<typeof startScheduler>>;
  beforeAll(async () => {
    s = await startScheduler(kind);
  });
  afterAll(async () => {
    await s?.t.stop();
  });

  const ctx = (now: Date): VisitContext => ({ now, actor: 'staff:test', events: s.app.events, policy: s.app.policy, calendar: s.app.calendar, jobs: s.app.jobs });
  const promise = (ticketId: string, kind: string) => s.db.slaPromise.findUniqueOrThrow({ where: { ticketId_kind: { ticketId, kind } } });

  /** A fault in the home province opened Wednesday 10:00 (arrival due in 24 h), a visit booked for Thursday 09:00. */
  async function bookedVisit() {
    const engineer = await aStaffMember(s.db);
    const { ticket } = await s.aTicket(taipei('2026-11-25T10:00'), { province: 'Taipei' });
    const visit = await scheduleVisit(s.db, { ticketId: ticket.id, engineerId: engineer.id, scheduledAt: taipei('2026-11-26T09:00') }, ctx(taipei('2026-11-25T11:00')));
    return { engineer, ticket, visit };
  }

  it('books a visit on a new ticket: the engineer is assigned and the ticket is scheduled', async () => {
    const { engineer, ticket, visit } = await bookedVisit();
    expect(visit).toMatchObject({ ticketId: ticket.id, engineerId: engineer.id, arrivedAt: null });
    expect(await s.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: 'scheduled', assigneeId: engineer.id });
    expect((await s.db.ticketEvent.findMany({ where: { ticketId: ticket.id, kind: 'visit_scheduled' } })).map((e) => e.data)).toEqual([{ visitId: visit.id, engineerId: engineer.id }]);
  });

  it('keeps the on-site arrival promise and starts a one-working-day repair promise when the engineer arrives', async () => {
    const { ticket, visit } = await bookedVisit();
    const arrived = await recordVisitArrival(s.db, visit.id, taipei('2026-11-26T09:15'), ctx(taipei('2026-11-26T09:20')));
    expect(local(arrived.arrivedAt)).toBe('2026-11-26T09:15');
    const arrival = await promise(ticket.id, 'on_site_arrival');
    expect([local(arrival.metAt), arrival.breachedAt]).toEqual(['2026-11-26T09:15', null]);
    const repair = await promise(ticket.id, 'on_site_repair');
    expect([local(repair.createdAt), local(repair.dueAt), repair.metAt]).toEqual(['2026-11-26T09:15', '2026-11-27T09:15', null]);
    expect((await s.queued('sla.check', 'ticketId', ticket.id)).map((j) => local(j.startAfter))).toContain('2026-11-27T09:15');
    expect((await s.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('in_progress');
  });

  it('meets the repair promise when the ticket is resolved in time', async () => {
    const { ticket, visit } = await bookedVisit();
    await recordVisitArrival(s.db, visit.id, taipei('2026-11-26T09:15'), ctx(taipei('2026-11-26T09:20')));
    await s.move(ticket.id, 'resolved', taipei('2026-11-26T15:00'));
    const repair = await promise(ticket.id, 'on_site_repair');
    expect([local(repair.metAt), repair.breachedAt, repair.cancelledAt]).toEqual(['2026-11-26T15:00', null, null]);
  });

  it('records a late repair as met when the ticket is resolved, keeping the breach', async () => {
    const { ticket, visit } = await bookedVisit();
    await recordVisitArrival(s.db, visit.id, taipei('2026-11-26T09:15'), ctx(taipei('2026-11-26T09:20')));
    await s.move(ticket.id, 'resolved', taipei('2026-11-27T10:00'));
    const repair = await promise(ticket.id, 'on_site_repair');
    expect([local(repair.breachedAt), local(repair.metAt), repair.cancelledAt]).toEqual(['2026-11-27T10:00', '2026-11-27T10:00', null]);
    expect(await s.db.ticketEvent.count({ where: { ticketId: ticket.id, kind: 'sla_breach', to: 'on_site_repair' } })).toBe(1);
  });

  it('records an arrival only once', async () => {
    const { ticket, visit } = await bookedVisit();
    await recordVisitArrival(s.db, visit.id, taipei('2026-11-26T09:15'), ctx(taipei('2026-11-26T09:20')));
    const again = await recordVisitArrival(s.db, visit.id, taipei('2026-11-26T09:40'), ctx(taipei('2026-11-26T09:45')));
    expect(local(again.arrivedAt)).toBe('2026-11-26T09:15');
    expect(await s.db.ticketEvent.count({ where: { ticketId: ticket.id, kind: { in: ['visit_arrived', 'sla_met'] } } })).toBe(2);
  });

  it('refuses an arrival time in the future', async () => {
    const { visit } = await bookedVisit();
    await expect(recordVisitArrival(s.db, visit.id, taipei('2026-11-26T10:00'), ctx(taipei('2026-11-26T09:00')))).rejects.toBeInstanceOf(ValidationError);
    expect((await s.db.visit.findUniqueOrThrow({ where: { id: visit.id } })).arrivedAt).toBeNull();
  });

  it('refuses to book a visit on a resolved ticket', async () => {
    const { ticket } = await s.aTicket(taipei('2026-11-25T10:00'), { province: 'Taipei' });
    await s.move(ticket.id, 'resolved', taipei('2026-11-25T11:00'));
    await expect(scheduleVisit(s.db, { ticketId: ticket.id, scheduledAt: taipei('2026-11-26T09:00') }, ctx(taipei('2026-11-25T12:00')))).rejects.toBeInstanceOf(
      InvalidTransitionError,
    );
    expect(await s.db.visit.count({ where: { ticketId: ticket.id } })).toBe(0);
  });
});
