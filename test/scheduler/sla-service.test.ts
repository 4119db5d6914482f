import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markResponded } from '../../src/sla/sla-service.js';
import { aStaffMember } from '../support/fixtures.js';
import { databaseKinds } from '../support/test-database.js';
import { local, startScheduler, SUPERVISOR_EMAIL, taipei } from './scheduler-fixture.js';

describe.each(databaseKinds)('service promises on %s', (kind) => {
  let s: Awaited<ReturnType<typeof startScheduler>>;
  beforeAll(async () => {
    s = await startScheduler(kind);
  });
  afterAll(async () => {
    await s?.t.stop();
  });

  const promise = (ticketId: string, kind: string) => s.db.slaPromise.findUniqueOrThrow({ where: { ticketId_kind: { ticketId, kind } } });
  const events = (ticketId: string, kind: string, to?: string) => s.db.ticketEvent.findMany({ where: { ticketId, kind, ...(to ? { to } : {}) } });

  it('stores each deadline when a ticket opens and queues a check at its warning and due times', async () => {
    const { ticket } = await s.aTicket(taipei('2026-11-25T10:00'), { channel: 'email' });
    const first = await promise(ticket.id, 'first_response');
    expect([local(first.warnAt), local(first.dueAt)]).toEqual(['2026-11-25T11:30', '2026-11-25T12:00']);
    expect(local((await promise(ticket.id, 'email_reply')).dueAt)).toBe('2026-11-26T18:00');
    const checks = (await s.queued('sla.check', 'ticketId', ticket.id)).map((j) => local(j.startAfter));
    expect(checks).toContain('2026-11-25T11:30');
    expect(checks).toContain('2026-11-25T12:00');
  });

  it('pauses while waiting on the customer and gives back the time that was left on resuming', async () => {
    const { ticket } = await s.aTicket(taipei('2026-11-25T10:00'));
    await s.move(ticket.id, 'waiting_customer', taipei('2026-11-25T11:00'));
    expect(local((await promise(ticket.id, 'first_response')).pausedAt)).toBe('2026-11-25T11:00');
    // Paused promises are not warned about, however late it gets.
    expect(await s.run.slaCheck(ticket.id, taipei('2026-11-25T13:00'))).toBe('skipped');
    await s.move(ticket.id, 'in_progress', taipei('2026-11-25T14:00'));
    const resumed = await promise(ticket.id, 'first_response');
    expect(resumed.pausedAt).toBeNull();
    expect([local(resumed.warnAt), local(resumed.dueAt)]).toEqual(['2026-11-25T14:30', '2026-11-25T15:00']);
  });

  it('warns the assignee once at 75 %, even when the check runs twice', async () => {
    const engineer = await aStaffMember(s.db);
    const { ticket } = await s.aTicket(taipei('2026-11-25T10:00'));
    await s.db.ticket.update({ where: { id: ticket.id }, data: { assigneeId: engineer.id } });
    expect(await s.run.slaCheck(ticket.id, taipei('2026-11-25T11:31'))).toBe('done');
    expect(await s.run.slaCheck(ticket.id, taipei('2026-11-25T11:32'))).toBe('skipped');
    await s.run.slaSweep(taipei('2026-11-25T11:33'));
    expect(await events(ticket.id, 'sla_warning', 'first_response')).toHaveLength(1);
    const notices = await s.db.staffNotification.findMany({ where: { ticketId: ticket.id, kind: 'sla_warning' } });
    expect(notices.map((n) => [n.staffId, local(n.deliverAfter)])).toEqual([[engineer.id, '2026-11-25T11:31']]);
  });

  it('escalates a breach to the supervisors once, even when checked twice and swept', async () => {
    const supervisor = await aStaffMember(s.db, { role: 'supervisor' });
    const { ticket } = await s.aTicket(taipei('2026-11-25T10:00'));
    await Promise.all([s.run.slaCheck(ticket.id, taipei('2026-11-25T12:01')), s.run.slaCheck(ticket.id, taipei('2026-11-25T12:01'))]);
    await s.run.slaSweep(taipei('2026-11-25T12:02'));
    expect(await events(ticket.id, 'sla_breach', 'first_response')).toHaveLength(1);
    expect(local((await promise(ticket.id, 'first_response')).breachedAt)).toBe('2026-11-25T12:01');
    const notices = await s.db.staffNotification.findMany({ where: { ticketId: ticket.id, kind: 'sla_breach' } });
    expect(notices.map((n) => n.staffId)).toContain(supervisor.id);
    expect(new Set(notices.map((n) => n.staffId)).size).toBe(notices.length);
  });

  it('counts a staff reply as the first response, so nothing is raised later', async () => {
    const { ticket } = await s.aTicket(taipei('2026-11-25T10:00'));
    const responded: string[] = [];
    s.app.events.on('ticket.responded', async (p) => void responded.push(p.ticketId));
    await markResponded(s.db, ticket.id, { now: taipei('2026-11-25T10:40'), actor: 'staff:someone', events: s.app.events });
    expect(local((await promise(ticket.id, 'first_response')).metAt)).toBe('2026-11-25T10:40');
    expect(responded).toEqual([ticket.id]);
    await s.run.slaCheck(ticket.id, taipei('2026-11-25T12:30'));
    expect(await events(ticket.id, 'sla_breach', 'first_response')).toHaveLength(0);
    // The progress update is due 8 business hours after the reply.
    expect(local((await promise(ticket.id, 'progress_update')).dueAt)).toBe('2026-11-26T09:10');
  });

  it('holds a breach notice found at night until the next working morning, and then e-mails the supervisors', async () => {
    const { ticket } = await s.aTicket(taipei('2026-11-24T20:00'), { channel: 'voice', category: 'inquiry' });
    expect(local((await promise(ticket.id, 'callback')).dueAt)).toBe('2026-11-25T20:00');
    await s.run.slaCheck(ticket.id, taipei('2026-11-25T20:05'));
    const notice = await s.db.staffNotification.findFirstOrThrow({ where: { ticketId: ticket.id, kind: 'sla_breach', text: { contains: 'callback' } } });
    expect(local(notice.deliverAfter)).toBe('2026-11-26T08:30');
    expect(await s.run.notificationDeliver(notice.id, taipei('2026-11-25T20:06'))).toBe('skipped');
    expect(await s.run.notificationDeliver(notice.id, taipei('2026-11-26T08:30'))).toBe('done');
    expect(await s.run.notificationDeliver(notice.id, taipei('2026-11-26T08:31'))).toBe('skipped');
    expect(local((await s.db.staffNotification.findUniqueOrThrow({ where: { id: notice.id } })).deliveredAt)).toBe('2026-11-26T08:30');
    const mails = await s.db.outboundMessage.findMany({ where: { ticketId: ticket.id, purpose: 'notification', to: SUPERVISOR_EMAIL, text: { contains: 'callback' } } });
    expect(mails.map((m) => m.channel)).toEqual(['email']);
  });

  it('sends notices for a high-urgency ticket at once, even at night', async () => {
    const { ticket } = await s.aTicket(taipei('2026-11-24T20:00'), { channel: 'voice', category: 'fault', urgency: 'high' });
    await s.run.slaCheck(ticket.id, taipei('2026-11-25T20:05'));
    const notice = await s.db.staffNotification.findFirstOrThrow({ where: { ticketId: ticket.id, kind: 'sla_breach' } });
    expect(local(notice.deliverAfter)).toBe('2026-11-25T20:05');
  });

  it('settles the promises when the ticket is resolved without contact: missed ones breached, the rest not applicable, none met', async () => {
    const { ticket } = await s.aTicket(taipei('2026-11-25T10:00'));
    await s.run.slaCheck(ticket.id, taipei('2026-11-25T12:30'));
    await s.move(ticket.id, 'resolved', taipei('2026-11-25T12:45'));
    const first = await promise(ticket.id, 'first_response');
    expect(first.breachedAt).not.toBeNull();
    expect(local(first.cancelledAt)).toBe('2026-11-25T12:45');
    const contact = await promise(ticket.id, 'contact');
    expect([contact.metAt, local(contact.cancelledAt), contact.notApplicableReason]).toEqual([null, '2026-11-25T12:45', 'resolved before the deadline without contacting the customer']);
    const before = await s.db.ticketEvent.count({ where: { ticketId: ticket.id } });
    await s.run.slaSweep(taipei('2026-11-30T12:00'));
    expect(await s.db.ticketEvent.count({ where: { ticketId: ticket.id } })).toBe(before);
  });

  describe('a reopened ticket', () => {
    /** Opened Wednesday 10:00, answered by staff at 10:30 (console reply), resolved at 11:00, reopened Thursday 09:00. */
    async function reopened() {
      const { ticket, phone } = await s.aTicket(taipei('2026-11-25T10:00'));
      await s.db.outboundMessage.create({ data: { channel: 'sms', to: phone, ticketId: ticket.id, purpose: 'staff_reply', text: 'We are on it.', createdAt: taipei('2026-11-25T10:30') } });
      await markResponded(s.db, ticket.id, { now: taipei('2026-11-25T10:30'), actor: 'staff:test', events: s.app.events });
      await s.move(ticket.id, 'resolved', taipei('2026-11-25T11:00'));
      await s.move(ticket.id, 'reopened', taipei('2026-11-26T09:00'));
      return ticket;
    }

    it('gets a new first-response deadline counted from the reopen time, with its checks queued', async () => {
      const ticket = await reopened();
      const first = await promise(ticket.id, 'first_response');
      expect([local(first.warnAt), local(first.dueAt), first.metAt, first.warnedAt, first.breachedAt, first.cancelledAt]).toEqual([
        '2026-11-26T10:30',
        '2026-11-26T11:00',
        null,
        null,
        null,
        null,
      ]);
      const checks = (await s.queued('sla.check', 'ticketId', ticket.id)).map((j) => local(j.startAfter));
      expect(checks).toContain('2026-11-26T10:30');
      expect(checks).toContain('2026-11-26T11:00');
    });

    it('keeps the first round of the promise in the ticket history', async () => {
      const ticket = await reopened();
      const [rearmed] = await events(ticket.id, 'sla_rearmed', 'first_response');
      expect(rearmed).toMatchObject({ reason: 'ticket reopened', actor: 'staff:test' });
      expect(rearmed!.data).toMatchObject({
        previous: { dueAt: taipei('2026-11-25T12:00').toISOString(), metAt: taipei('2026-11-25T10:30').toISOString(), breachedAt: null },
        dueAt: taipei('2026-11-26T11:00').toISOString(),
      });
    });

    it('raises a breach on the new deadline: a reply from before the reopen does not count', async () => {
      const ticket = await reopened();
      expect(await s.run.slaCheck(ticket.id, taipei('2026-11-26T11:01'))).toBe('done');
      expect(local((await promise(ticket.id, 'first_response')).breachedAt)).toBe('2026-11-26T11:01');
      expect(await events(ticket.id, 'sla_breach', 'first_response')).toHaveLength(1);
    });

    it('is kept by a staff reply after the reopen', async () => {
      const ticket = await reopened();
      await markResponded(s.db, ticket.id, { now: taipei('2026-11-26T09:30'), actor: 'staff:test', events: s.app.events });
      expect(local((await promise(ticket.id, 'first_response')).metAt)).toBe('2026-11-26T09:30');
      expect(await s.run.slaCheck(ticket.id, taipei('2026-11-26T11:01'))).toBe('skipped');
    });
  });
});
