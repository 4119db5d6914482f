import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebchatAdapter } from '../../channels/webchat/webchat-adapter.js';
import { scriptedTurn } from '../channels/webchat/scripted-turn.js';
import { databaseKinds } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aHandedOffConversation, aSignedInStaff } from './console-fixtures.js';

describe.each(databaseKinds)('customer archive access and the access audit on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { CONSOLE_ARCHIVE_APPROVAL_MINUTES: '60' });
    (t.app.channels.get('chat') as WebchatAdapter).useTurn(scriptedTurn(t.app.database.prisma, t.clock));
  });
  afterAll(async () => {
    await t?.stop();
  });
  const prisma = () => t.app.database.prisma;
  const get = async (path: string, headers: Record<string, string>) => {
    const res = await fetch(`${t.url}${path}`, { headers });
    return { status: res.status, body: await res.json() };
  };
  const post = async (path: string, headers: Record<string, string>, body: unknown = {}) => {
    const res = await fetch(`${t.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };
  let phoneCounter = 100;
  const aCustomer = () => {
    const phone = `+8869120${String(++phoneCounter).padStart(5, '0')}`;
    return aHandedOffConversation(prisma(), { channel: 'sms', threadKey: phone, contacts: [{ kind: 'phone', address: phone }], at: t.clock() });
  };

  it('refuses an agent the archive until a supervisor approves a request with a reason, and again once the approval expires', async () => {
    const agent = await aSignedInStaff(prisma(), 'agent', '陳小華');
    const supervisor = await aSignedInStaff(prisma(), 'supervisor', '林主管');
    const { customer } = await aCustomer();
    const before = await get(`/console/api/customers/${customer.id}`, agent.headers);
    expect(before.status).toBe(403);
    expect(before.body.error.code).toBe('archive.approval_required');

    expect((await post(`/console/api/customers/${customer.id}/access`, agent.headers, {})).status).toBe(400);
    const asked = await post(`/console/api/customers/${customer.id}/access`, agent.headers, { reason: 'customer called about SR-2026-000123' });
    expect(asked.status).toBe(202);
    expect(asked.body.access.status).toBe('requested');
    expect((await get(`/console/api/customers/${customer.id}`, agent.headers)).status).toBe(403);

    expect((await post(`/console/api/access-requests/${asked.body.access.id}/approve`, agent.headers)).status).toBe(403);
    const pending = await get('/console/api/access-requests', supervisor.headers);
    expect(pending.body.requests).toContainEqual(expect.objectContaining({ id: asked.body.access.id, staffName: '陳小華', reason: 'customer called about SR-2026-000123' }));
    const approved = await post(`/console/api/access-requests/${asked.body.access.id}/approve`, supervisor.headers, { minutes: 30 });
    expect(approved.body.access).toMatchObject({ status: 'approved', decidedBy: `staff:${supervisor.staff.id}` });

    const open = await get(`/console/api/customers/${customer.id}`, agent.headers);
    expect(open.status).toBe(200);
    expect(open.body.access.reason).toBe('customer called about SR-2026-000123');
    const audit = await prisma().accessAudit.findFirstOrThrow({ where: { action: 'view_customer', staffId: agent.staff.id } });
    expect(audit).toMatchObject({ customerId: customer.id, reason: 'customer called about SR-2026-000123' });

    t.clock.advance(30 * 60_000);
    expect((await get(`/console/api/customers/${customer.id}`, agent.headers)).status).toBe(403);
    t.clock.set('2026-11-25T02:00:00Z');
  });

  it('refuses an engineer without approval too, and shows a denied request as denied', async () => {
    const engineer = await aSignedInStaff(prisma(), 'engineer');
    const supervisor = await aSignedInStaff(prisma(), 'supervisor');
    const { customer } = await aCustomer();
    const asked = await post(`/console/api/customers/${customer.id}/access`, engineer.headers, { reason: 'visit tomorrow, need the address' });
    const denied = await post(`/console/api/access-requests/${asked.body.access.id}/deny`, supervisor.headers);
    expect(denied.body.access.status).toBe('denied');
    expect((await get(`/console/api/customers/${customer.id}`, engineer.headers)).status).toBe(403);
    expect((await post(`/console/api/access-requests/${asked.body.access.id}/approve`, supervisor.headers)).status).toBe(409);
  });

  it('lets a supervisor open an archive once they give a reason, and records it', async () => {
    const supervisor = await aSignedInStaff(prisma(), 'supervisor');
    const { customer } = await aCustomer();
    expect((await get(`/console/api/customers/${customer.id}`, supervisor.headers)).status).toBe(403);
    const given = await post(`/console/api/customers/${customer.id}/access`, supervisor.headers, { reason: 'complaint review' });
    expect(given.status).toBe(201);
    expect((await get(`/console/api/customers/${customer.id}`, supervisor.headers)).status).toBe(200);
    expect(await prisma().accessAudit.count({ where: { staffId: supervisor.staff.id, action: 'view_customer', reason: 'complaint review' } })).toBe(1);
  });

  it('writes an audit row for every list and search that shows personal data, naming the customers shown', async () => {
    const agent = await aSignedInStaff(prisma(), 'agent');
    const { customer, ticket } = await aCustomer();
    await prisma().outboundMessage.create({ data: { channel: 'sms', to: '+886912000999', customerId: customer.id, purpose: 'staff_reply', text: 'hi', status: 'outbox' } });
    await prisma().visit.create({ data: { ticketId: ticket.id, scheduledAt: new Date('2026-11-26T01:00:00Z') } });
    const lists = ['/console/api/tickets', '/console/api/queue', '/console/api/inbox', '/console/api/outbox', '/console/api/visits?size=200', `/console/api/customers?q=${encodeURIComponent(customer.name!)}`];
    for (const path of lists) expect((await get(path, agent.headers)).status, path).toBe(200);
    const rows = await prisma().accessAudit.findMany({ where: { staffId: agent.staff.id } });
    expect(rows.map((r) => r.action).sort()).toEqual(['list_inbox', 'list_outbox', 'list_queue', 'list_tickets', 'list_visits', 'search_customers']);
    for (const row of rows) expect((row.detail as { customerIds: string[] }).customerIds, row.action).toContain(customer.id);
  });

  it('writes an audit row when staff read their notifications, naming the tickets and customers they show', async () => {
    const agent = await aSignedInStaff(prisma(), 'agent');
    const { customer, ticket } = await aCustomer();
    await prisma().staffNotification.create({ data: { staffId: agent.staff.id, ticketId: ticket.id, kind: 'complaint', text: `${customer.name} complains`, deliverAfter: t.clock() } });
    expect((await get('/console/api/notifications', agent.headers)).status).toBe(200);
    const row = await prisma().accessAudit.findFirstOrThrow({ where: { staffId: agent.staff.id, action: 'list_notifications' } });
    expect(row.detail).toMatchObject({ count: 1, ticketIds: [ticket.id], customerIds: [customer.id] });
  });

  it("writes an audit row when a supervisor lists archive requests, which name customers, and when anyone reads a ticket's notes", async () => {
    const agent = await aSignedInStaff(prisma(), 'agent');
    const supervisor = await aSignedInStaff(prisma(), 'supervisor');
    const { customer, ticket } = await aCustomer();
    await post(`/console/api/customers/${customer.id}/access`, agent.headers, { reason: 'customer called back today' });
    expect((await get('/console/api/access-requests', supervisor.headers)).status).toBe(200);
    const listed = await prisma().accessAudit.findFirstOrThrow({ where: { staffId: supervisor.staff.id, action: 'list_access_requests' } });
    expect((listed.detail as { customerIds: string[] }).customerIds).toContain(customer.id);
    expect((await get(`/console/api/tickets/${ticket.id}/notes`, agent.headers)).status).toBe(200);
    expect(await prisma().accessAudit.count({ where: { staffId: agent.staff.id, action: 'view_ticket', ticketId: ticket.id, customerId: customer.id } })).toBe(1);
  });

  it('writes an audit row for every change of a ticket', async () => {
    const agent = await aSignedInStaff(prisma(), 'agent');
    const { ticket } = await aCustomer();
    await post(`/console/api/tickets/${ticket.id}/triage`, agent.headers, { urgency: 'high', complexity: 'simple' });
    await post(`/console/api/tickets/${ticket.id}/notes`, agent.headers, { text: 'called back' });
    await post(`/console/api/tickets/${ticket.id}/assign`, agent.headers, { staffId: agent.staff.id });
    const changes = await prisma().accessAudit.findMany({ where: { staffId: agent.staff.id, action: 'ticket_change', ticketId: ticket.id }, orderBy: { at: 'asc' } });
    expect(changes.map((c) => (c.detail as { change: string }).change).sort()).toEqual(['assign', 'note', 'triage']);
  });

  it('lets supervisors search the audit by staff, customer, action and date, a page at a time, with names; agents get 403', async () => {
    const agent = await aSignedInStaff(prisma(), 'agent', '王大同');
    const supervisor = await aSignedInStaff(prisma(), 'supervisor');
    const { customer } = await aCustomer();
    for (let i = 0; i < 3; i++) await get(`/console/api/customers?q=${encodeURIComponent(customer.name!)}`, agent.headers);
    expect((await get('/console/api/audit', agent.headers)).status).toBe(403);
    const page1 = await get(`/console/api/audit?staffId=${agent.staff.id}&customerId=${customer.id}&action=search_customers&from=2026-11-25&to=2026-11-25&size=2`, supervisor.headers);
    expect(page1.status).toBe(200);
    expect(page1.body).toMatchObject({ total: 3, page: 1, size: 2 });
    expect(page1.body.entries).toHaveLength(2);
    expect(page1.body.entries[0]).toMatchObject({ staffName: '王大同', action: 'search_customers' });
    const page2 = await get(`/console/api/audit?staffId=${agent.staff.id}&action=search_customers&size=2&page=2`, supervisor.headers);
    expect(page2.body.entries).toHaveLength(1);
    const otherDay = await get(`/console/api/audit?staffId=${agent.staff.id}&from=2026-11-26`, supervisor.headers);
    expect(otherDay.body.total).toBe(0);
  });

  it('keeps the audit append-only: rows cannot be changed or deleted', async () => {
    const agent = await aSignedInStaff(prisma(), 'agent');
    await get('/console/api/tickets', agent.headers);
    const row = await prisma().accessAudit.findFirstOrThrow({ where: { staffId: agent.staff.id } });
    await expect(prisma().accessAudit.update({ where: { id: row.id }, data: { action: 'nothing' } })).rejects.toThrow(/append-only/);
    await expect(prisma().accessAudit.delete({ where: { id: row.id } })).rejects.toThrow(/append-only/);
  });

  it('finds a one-character surname and a phone number written the local way', async () => {
    const agent = await aSignedInStaff(prisma(), 'agent');
    const wang = await prisma().customer.create({ data: { name: '王小明', contacts: { create: [{ kind: 'phone', address: '+886912345678' }] } } });
    const bySurname = await get(`/console/api/customers?q=${encodeURIComponent('王')}`, agent.headers);
    expect(bySurname.body.customers.map((c: { id: string }) => c.id)).toContain(wang.id);
    for (const q of ['0912345678', '0912 345 678', '+886 912 345 678', '912345678']) {
      const byPhone = await get(`/console/api/customers?q=${encodeURIComponent(q)}`, agent.headers);
      expect(byPhone.body.customers.map((c: { id: string }) => c.id), q).toContain(wang.id);
    }
  });

  it('never sends a web chat session id to staff: inbox, conversation, ticket, outbox, reply, search and the customer page', async () => {
    const agent = await aSignedInStaff(prisma(), 'agent');
    const supervisor = await aSignedInStaff(prisma(), 'supervisor');
    const { sessionId } = await (await fetch(`${t.url}/chat/api/sessions`, { method: 'POST' })).json();
    const json = { 'content-type': 'application/json' };
    await fetch(`${t.url}/chat/api/messages`, { method: 'POST', headers: json, body: JSON.stringify({ sessionId, clientMessageId: 'leak-001', text: 'agent' }) });
    const conversation = await prisma().conversation.findFirstOrThrow({ where: { channel: 'chat', threadKey: sessionId } });
    const customer = await prisma().customer.update({ where: { id: conversation.customerId! }, data: { name: '洩漏測試' }, include: { contacts: true } });
    expect(customer.contacts.some((c) => c.address === sessionId)).toBe(true);
    const ticket = await prisma().ticket.create({ data: { number: 'SR-2026-777001', customerId: customer.id, category: 'fault', channel: 'chat', title: 'x', problem: 'x' } });
    await prisma().conversation.update({ where: { id: conversation.id }, data: { ticketId: ticket.id } });
    const reply = await post(`/console/api/conversations/${conversation.id}/reply`, agent.headers, { text: 'hello from staff' });
    expect(reply.status).toBe(201);
    await prisma().outboundMessage.update({ where: { id: reply.body.outbound.id }, data: { status: 'outbox' } });
    await post(`/console/api/customers/${customer.id}/access`, supervisor.headers, { reason: 'leak check' });

    const seen = [
      JSON.stringify(reply.body),
      JSON.stringify((await get('/console/api/inbox', agent.headers)).body),
      JSON.stringify((await get(`/console/api/conversations/${conversation.id}`, agent.headers)).body),
      JSON.stringify((await get(`/console/api/tickets/${ticket.id}`, agent.headers)).body),
      JSON.stringify((await get('/console/api/outbox', agent.headers)).body),
      JSON.stringify((await get('/console/api/notifications', agent.headers)).body),
      JSON.stringify((await get(`/console/api/customers?q=${encodeURIComponent('洩漏測試')}`, agent.headers)).body),
      JSON.stringify((await get(`/console/api/customers/${customer.id}`, supervisor.headers)).body),
    ];
    expect(seen[1]).toContain(conversation.id);
    for (const [i, body] of seen.entries()) expect(body, `response ${i}`).not.toContain(sessionId);
  });

  it('never sends it in the queue, the ticket list, a ticket draft, take-over, hand-back, close, the audit log or access requests either', async () => {
    const agent = await aSignedInStaff(prisma(), 'agent');
    const supervisor = await aSignedInStaff(prisma(), 'supervisor');
    const { sessionId } = await (await fetch(`${t.url}/chat/api/sessions`, { method: 'POST' })).json();
    const json = { 'content-type': 'application/json' };
    await fetch(`${t.url}/chat/api/messages`, { method: 'POST', headers: json, body: JSON.stringify({ sessionId, clientMessageId: 'leak-101', text: 'agent' }) });
    const conversation = await prisma().conversation.findFirstOrThrow({ where: { channel: 'chat', threadKey: sessionId } });
    await prisma().conversation.update({ where: { id: conversation.id }, data: { state: 'waiting_staff', ticketId: null } });
    const customerId = conversation.customerId!;
    await post(`/console/api/customers/${customerId}/access`, agent.headers, { reason: 'checking the chat for leaks' });

    const seen: [string, { status: number; body: unknown }][] = [
      ['queue', (await get('/console/api/queue', agent.headers))],
      ['ticket draft', (await get(`/console/api/conversations/${conversation.id}/ticket-draft`, agent.headers))],
      ['take over', (await post(`/console/api/conversations/${conversation.id}/take`, agent.headers))],
      ['hand back', (await post(`/console/api/conversations/${conversation.id}/hand-back`, agent.headers))],
      ['take again', (await post(`/console/api/conversations/${conversation.id}/take`, agent.headers))],
      ['new ticket', (await post(`/console/api/conversations/${conversation.id}/ticket`, agent.headers, { category: 'fault', problem: 'Printer jams' }))],
      ['close', (await post(`/console/api/conversations/${conversation.id}/close`, agent.headers))],
      ['ticket list', (await get('/console/api/tickets', agent.headers))],
      ['audit log', (await get(`/console/api/audit?customerId=${customerId}&size=200`, supervisor.headers))],
      ['access requests', (await get('/console/api/access-requests', supervisor.headers))],
    ];
    expect(JSON.stringify(seen[0]![1].body)).toContain(conversation.id);
    for (const [what, { status, body }] of seen) {
      expect(status, what).toBeLessThan(300);
      expect(JSON.stringify(body), what).not.toContain(sessionId);
    }
  });
});
