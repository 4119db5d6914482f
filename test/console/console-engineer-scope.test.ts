import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aHandedOffConversation, aSignedInStaff } from './console-fixtures.js';

describe.each(databaseKinds)('an engineer sees only their own tickets and visits in the console on %s', (kind) => {
  let t: TestApp;
  let engineer: Awaited<ReturnType<typeof aSignedInStaff>>;
  let agent: Awaited<ReturnType<typeof aSignedInStaff>>;
  /** Assigned to the engineer; another engineer's visit on someone else's; nobody's. */
  let own: Awaited<ReturnType<typeof aHandedOffConversation>>;
  let visited: Awaited<ReturnType<typeof aHandedOffConversation>>;
  let others: Awaited<ReturnType<typeof aHandedOffConversation>>;
  beforeAll(async () => {
    t = await startTestApp(kind);
    const prisma = t.app.database.prisma;
    engineer = await aSignedInStaff(prisma, 'engineer', 'Eric Field');
    agent = await aSignedInStaff(prisma, 'agent', 'Amy Desk');
    const colleague = await aSignedInStaff(prisma, 'engineer', 'Other Engineer');
    let phone = 200;
    const aCase = () => {
      const address = `+8869120${String(++phone).padStart(5, '0')}`;
      return aHandedOffConversation(prisma, { channel: 'sms', threadKey: address, contacts: [{ kind: 'phone', address }], at: t.clock() });
    };
    own = await aCase();
    visited = await aCase();
    others = await aCase();
    await prisma.ticket.update({ where: { id: own.ticket.id }, data: { assigneeId: engineer.staff.id, status: 'assigned' } });
    await prisma.ticket.update({ where: { id: visited.ticket.id }, data: { assigneeId: agent.staff.id, status: 'assigned' } });
    await prisma.visit.create({ data: { ticketId: visited.ticket.id, engineerId: engineer.staff.id, scheduledAt: new Date('2026-11-26T01:00:00Z') } });
    await prisma.ticket.update({ where: { id: others.ticket.id }, data: { assigneeId: colleague.staff.id, status: 'assigned' } });
    await prisma.visit.create({ data: { ticketId: others.ticket.id, engineerId: colleague.staff.id, scheduledAt: new Date('2026-11-26T02:00:00Z') } });
  });
  afterAll(async () => {
    await t?.stop();
  });
  const get = async (path: string, headers: Record<string, string>) => {
    const res = await fetch(`${t.url}${path}`, { headers });
    return { status: res.status, body: await res.json() };
  };
  const post = async (path: string, headers: Record<string, string>, body: unknown = {}) => {
    const res = await fetch(`${t.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };

  it("refuses an engineer another engineer's ticket with 403 and the reason", async () => {
    const res = await get(`/console/api/tickets/${others.ticket.id}`, engineer.headers);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('ticket.not_assigned');
    expect(res.body.error.message).toMatch(/assigned to them/);
    expect((await get(`/console/api/tickets/${others.ticket.id}/notes`, engineer.headers)).status).toBe(403);
  });

  it('opens the tickets assigned to the engineer and those with a visit of theirs', async () => {
    for (const ticket of [own.ticket, visited.ticket]) {
      const res = await get(`/console/api/tickets/${ticket.id}`, engineer.headers);
      expect(res.status, ticket.number).toBe(200);
      expect(res.body.ticket.id).toBe(ticket.id);
    }
  });

  it('still answers 404 for a ticket that does not exist', async () => {
    expect((await get('/console/api/tickets/no-such-ticket', engineer.headers)).status).toBe(404);
  });

  it("lets an agent open any ticket, the engineers' included", async () => {
    for (const ticket of [own.ticket, visited.ticket, others.ticket]) expect((await get(`/console/api/tickets/${ticket.id}`, agent.headers)).status).toBe(200);
  });

  it("leaves other people's tickets out of the engineer's ticket list and queue", async () => {
    const list = await get('/console/api/tickets', engineer.headers);
    expect(list.body.tickets.map((x: { id: string }) => x.id).sort()).toEqual([own.ticket.id, visited.ticket.id].sort());
    const queue = await get('/console/api/queue', engineer.headers);
    expect(queue.body.items.map((x: { ticketId: string }) => x.ticketId).sort()).toEqual([own.ticket.id, visited.ticket.id].sort());
    expect(queue.body.total).toBe(2);
    const agentList = await get('/console/api/tickets', agent.headers);
    expect(agentList.body.tickets.map((x: { id: string }) => x.id)).toContain(others.ticket.id);
  });

  it("leaves conversations about other people's tickets out of the engineer's inbox, and refuses to open or answer them", async () => {
    const inbox = await get('/console/api/inbox', engineer.headers);
    const ids = inbox.body.conversations.map((c: { id: string }) => c.id);
    expect(ids).toEqual(expect.arrayContaining([own.conversation.id, visited.conversation.id]));
    expect(ids).not.toContain(others.conversation.id);
    expect((await get(`/console/api/conversations/${others.conversation.id}`, engineer.headers)).status).toBe(403);
    expect((await post(`/console/api/conversations/${others.conversation.id}/take`, engineer.headers)).status).toBe(403);
    expect((await post(`/console/api/conversations/${others.conversation.id}/reply`, engineer.headers, { text: 'hello' })).status).toBe(403);
    expect((await get(`/console/api/conversations/${own.conversation.id}`, engineer.headers)).status).toBe(200);
  });

  it("refuses an engineer changes to another engineer's ticket, and changes nothing", async () => {
    const note = await post(`/console/api/tickets/${others.ticket.id}/notes`, engineer.headers, { text: 'not mine' });
    expect(note.status).toBe(403);
    expect((await post(`/console/api/tickets/${others.ticket.id}/transition`, engineer.headers, { to: 'in_progress' })).status).toBe(403);
    expect((await post(`/console/api/tickets/${others.ticket.id}/visits`, engineer.headers, { scheduledAt: '2026-11-27T09:00:00+08:00' })).status).toBe(403);
    const unchanged = await t.app.database.prisma.ticket.findUniqueOrThrow({ where: { id: others.ticket.id }, include: { events: true, visits: true } });
    expect(unchanged.status).toBe('assigned');
    expect(unchanged.events.filter((e) => e.kind === 'note')).toEqual([]);
    expect(unchanged.visits).toHaveLength(1);
  });

  it("shows an engineer no outbox message or notification about another engineer's ticket", async () => {
    const prisma = t.app.database.prisma;
    for (const c of [own, others]) {
      await prisma.outboundMessage.create({ data: { channel: 'sms', to: c.conversation.threadKey, customerId: c.customer.id, ticketId: c.ticket.id, purpose: 'staff_reply', text: `about ${c.ticket.number}`, status: 'outbox' } });
      await prisma.staffNotification.create({ data: { role: 'engineer', ticketId: c.ticket.id, kind: 'sla_warning', text: `notice ${c.ticket.number}`, deliverAfter: t.clock() } });
    }
    const outbox = await get('/console/api/outbox', engineer.headers);
    expect(outbox.body.messages.map((m: { ticketId: string }) => m.ticketId)).toEqual([own.ticket.id]);
    const notices = await get('/console/api/notifications', engineer.headers);
    expect(notices.body.notifications.map((n: { ticketId: string }) => n.ticketId)).toEqual([own.ticket.id]);
  });
});
