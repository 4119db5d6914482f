import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTicket } from '../../src/tickets/ticket-service.js';
import { aCustomer } from '../support/fixtures.js';
import { databaseKinds } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aSignedInStaff } from './console-fixtures.js';

describe.each(databaseKinds)('console tickets and outbox on %s', (kind) => {
  let t: TestApp;
  let headers: Record<string, string>;
  let agentId: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    const agent = await aSignedInStaff(t.app.database.prisma, 'agent', 'Amy');
    headers = agent.headers;
    agentId = agent.staff.id;
  });
  afterAll(async () => {
    await t?.stop();
  });
  const prisma = () => t.app.database.prisma;
  const post = (path: string, body: unknown = {}) => fetch(`${t.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });

  async function aTicket(category: 'fault' | 'complaint' | 'inquiry' = 'fault', urgency: 'low' | 'normal' | 'high' = 'normal') {
    const { customer } = await aCustomer(prisma());
    return openTicket(prisma(), { customerId: customer.id, category, urgency, channel: 'sms', problem: `${category} problem` }, { now: t.clock(), actor: 'bot' });
  }

  it('filters tickets by status, category and urgency', async () => {
    const fault = await aTicket('fault', 'high');
    const complaint = await aTicket('complaint', 'high');
    await post(`/console/api/tickets/${fault.id}/resolve`);
    const byCategory = await (await fetch(`${t.url}/console/api/tickets?category=complaint&urgency=high`, { headers })).json();
    expect(byCategory.tickets.map((x: { id: string }) => x.id)).toContain(complaint.id);
    expect(byCategory.tickets.every((x: { category: string }) => x.category === 'complaint')).toBe(true);
    const resolved = await (await fetch(`${t.url}/console/api/tickets?status=resolved,closed`, { headers })).json();
    expect(resolved.tickets.map((x: { id: string }) => x.id)).toEqual([fault.id]);
  });

  it('finds tickets by part of the SR number or the title, in any case', async () => {
    const ticket = await aTicket('inquiry');
    await prisma().ticket.update({ where: { id: ticket.id }, data: { title: 'Toner Cartridge Leaks Near Tray 3' } });
    const ids = async (q: string) => ((await (await fetch(`${t.url}/console/api/tickets?q=${encodeURIComponent(q)}`, { headers })).json()).tickets as { id: string }[]).map((x) => x.id);
    expect(await ids('cartridge leaks')).toEqual([ticket.id]);
    expect(await ids(ticket.number.slice(-6).toLowerCase())).toContain(ticket.id);
    expect(await ids('no such words anywhere')).toEqual([]);
  });

  it('pages the ticket list newest first without repeating or skipping a ticket', async () => {
    const opened = [await aTicket('complaint', 'low'), await aTicket('complaint', 'low'), await aTicket('complaint', 'low')];
    const page = async (n: number) => ((await (await fetch(`${t.url}/console/api/tickets?category=complaint&urgency=low&limit=2&page=${n}`, { headers })).json()).tickets as { id: string }[]).map((x) => x.id);
    const [first, second, third] = [await page(1), await page(2), await page(3)];
    expect(first).toHaveLength(2);
    expect([...first, ...second].sort()).toEqual(opened.map((x) => x.id).sort());
    expect(new Set([...first, ...second]).size).toBe(first.length + second.length);
    expect(third).toEqual([]);
  });

  it('refuses an unknown filter value with 400', async () => {
    const res = await fetch(`${t.url}/console/api/tickets?status=lost`, { headers });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/status/);
  });

  it('shows a ticket with its history and SLA promises', async () => {
    const ticket = await aTicket();
    await prisma().slaPromise.create({ data: { ticketId: ticket.id, kind: 'first_response', dueAt: new Date('2026-11-25T06:00:00Z'), warnAt: new Date('2026-11-25T05:00:00Z') } });
    const body = await (await fetch(`${t.url}/console/api/tickets/${ticket.id}`, { headers })).json();
    expect(body.ticket.number).toBe(ticket.number);
    expect(body.ticket.events.map((e: { kind: string }) => e.kind)).toEqual(['created']);
    expect(body.ticket.promises).toEqual([expect.objectContaining({ kind: 'first_response', dueAt: '2026-11-25T06:00:00.000Z' })]);
  });

  it('moves a ticket along the lifecycle and records who did it', async () => {
    const ticket = await aTicket();
    const res = await post(`/console/api/tickets/${ticket.id}/transition`, { to: 'triaged', reason: 'checked' });
    expect(res.status).toBe(200);
    expect((await res.json()).ticket.status).toBe('triaged');
    const event = await prisma().ticketEvent.findFirstOrThrow({ where: { ticketId: ticket.id, kind: 'status_changed' } });
    expect(event).toMatchObject({ actor: `staff:${agentId}`, from: 'new', to: 'triaged', reason: 'checked' });
  });

  it('triages a new ticket by urgency and complexity, recording the change', async () => {
    const ticket = await aTicket();
    const res = await post(`/console/api/tickets/${ticket.id}/triage`, { urgency: 'high', complexity: 'complex' });
    expect(res.status).toBe(200);
    expect((await res.json()).ticket).toMatchObject({ status: 'triaged', urgency: 'high', complexity: 'complex' });
    const event = await prisma().ticketEvent.findFirstOrThrow({ where: { ticketId: ticket.id, kind: 'triaged' } });
    expect(event).toMatchObject({ actor: `staff:${agentId}`, from: 'normal/general', to: 'high/complex' });
  });

  it('moves the promised times when triage raises the urgency, and applies on-site promises only when a visit is needed', async () => {
    const { customer } = await aCustomer(prisma());
    const ctx = { now: t.clock(), actor: 'bot', events: t.app.events };
    const ticket = await openTicket(prisma(), { customerId: customer.id, category: 'fault', urgency: 'normal', channel: 'sms', problem: 'line down', province: 'Taipei' }, ctx);
    const dueOf = async (kind: string) => (await prisma().slaPromise.findFirst({ where: { ticketId: ticket.id, kind: kind as never, cancelledAt: null } }))?.dueAt;
    const before = await dueOf('first_response');
    expect(before).toBeDefined();
    expect(await dueOf('on_site_arrival')).toBeUndefined();

    const res = await post(`/console/api/tickets/${ticket.id}/triage`, { urgency: 'high', complexity: 'complex', onSite: true });
    expect(res.status).toBe(200);
    const after = await dueOf('first_response');
    expect(after!.getTime()).toBeLessThan(before!.getTime());
    expect((await prisma().ticket.findUniqueOrThrow({ where: { id: ticket.id } })).onSiteRequired).toBe(true);
    expect(await dueOf('on_site_arrival')).toBeDefined();
  });

  it('refuses a triage without a valid urgency with 400 and the reason', async () => {
    const ticket = await aTicket();
    const res = await post(`/console/api/tickets/${ticket.id}/triage`, { urgency: 'extreme', complexity: 'simple' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/urgency/);
  });

  it('refuses an illegal move with 409 naming both states and the moves allowed instead', async () => {
    const ticket = await aTicket();
    const res = await post(`/console/api/tickets/${ticket.id}/transition`, { to: 'reopened' });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: 'ticket.invalid_transition', message: 'A ticket cannot go from new to reopened; from new it can go to: triaged, assigned, waiting_customer, resolved, closed.' } });
  });

  it('assigns a ticket, adds a note and resolves it', async () => {
    const ticket = await aTicket();
    const engineer = await aSignedInStaff(prisma(), 'engineer', 'Ben');
    expect((await (await post(`/console/api/tickets/${ticket.id}/assign`, { staffId: engineer.staff.id })).json()).ticket).toMatchObject({ status: 'assigned', assigneeId: engineer.staff.id });
    expect((await post(`/console/api/tickets/${ticket.id}/notes`, { text: 'Spare part ordered' })).status).toBe(201);
    expect((await (await post(`/console/api/tickets/${ticket.id}/resolve`, { reason: 'replaced fuser' })).json()).ticket.status).toBe('resolved');
    const events = await prisma().ticketEvent.findMany({ where: { ticketId: ticket.id }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => e.kind)).toEqual(['created', 'assigned', 'status_changed', 'note', 'status_changed']);
  });

  it('answers 404 for an unknown ticket and for assigning to nobody', async () => {
    expect((await fetch(`${t.url}/console/api/tickets/00000000-0000-0000-0000-000000000000`, { headers })).status).toBe(404);
    const ticket = await aTicket();
    expect((await post(`/console/api/tickets/${ticket.id}/assign`, { staffId: 'nobody' })).status).toBe(404);
  });

  it('lists the outbox: messages waiting for credentials and failed ones with their error', async () => {
    await prisma().outboundMessage.createMany({
      data: [
        { channel: 'sms', to: '+886912000999', purpose: 'survey', text: 'waiting', status: 'outbox' },
        { channel: 'email', to: 'a@example.com', purpose: 'staff_reply', text: 'broken', status: 'failed', lastError: 'SMTP 550 mailbox unavailable' },
        { channel: 'sms', to: '+886912000998', purpose: 'reply', text: 'done', status: 'sent' },
      ],
    });
    const body = await (await fetch(`${t.url}/console/api/outbox`, { headers })).json();
    expect(body.messages.map((m: { text: string; status: string; lastError: string | null }) => [m.text, m.status, m.lastError]).sort()).toEqual([
      ['broken', 'failed', 'SMTP 550 mailbox unavailable'],
      ['waiting', 'outbox', null],
    ]);
  });
});
