import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTicket } from '../../src/tickets/ticket-service.js';
import { databaseKinds } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aHandedOffConversation, aSignedInStaff } from './console-fixtures.js';

type QueueItem = { kind: string; id: string; ticketId: string | null; conversationId: string | null; state: string; overdue: boolean; assignee: { name: string } | null };

describe.each(databaseKinds)("the agent's day on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
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
  let phone = 200;
  const smsCustomer = () => {
    const number = `+8869130${String(++phone).padStart(5, '0')}`;
    return aHandedOffConversation(prisma(), { channel: 'sms', threadKey: number, contacts: [{ kind: 'phone', address: number }], at: t.clock() });
  };
  const ctx = () => ({ now: t.clock(), actor: 'bot', events: t.app.events });

  it('queues open tickets and waiting conversations, overdue first, with SLA due times, filters and pages', async () => {
    const agent = await aSignedInStaff(prisma(), 'agent', '郭小芬');
    const customer = await prisma().customer.create({ data: { name: 'Queue customer' } });
    const late = await openTicket(prisma(), { customerId: customer.id, category: 'fault', urgency: 'high', channel: 'email', problem: 'late one' }, ctx());
    const mine = await openTicket(prisma(), { customerId: customer.id, category: 'inquiry', channel: 'sms', problem: 'mine' }, ctx());
    await prisma().ticket.update({ where: { id: mine.id }, data: { assigneeId: agent.staff.id } });
    await prisma().slaPromise.deleteMany({ where: { ticketId: { in: [late.id, mine.id] } } });
    await prisma().slaPromise.create({ data: { ticketId: late.id, kind: 'first_response', dueAt: new Date(t.clock().getTime() - 60_000), warnAt: new Date(t.clock().getTime() - 120_000) } });
    await prisma().slaPromise.create({ data: { ticketId: mine.id, kind: 'first_response', dueAt: new Date(t.clock().getTime() + 3 * 3_600_000), warnAt: t.clock() } });
    const lone = await prisma().conversation.create({ data: { channel: 'chat', threadKey: `queue-session-${Date.now()}`, customerId: customer.id, state: 'waiting_staff', handoffReason: 'customer_request' } });

    const all = await get('/console/api/queue?size=200', agent.headers);
    expect(all.status).toBe(200);
    const items: QueueItem[] = all.body.items;
    expect(items[0]!.overdue).toBe(true);
    expect(items.find((i) => i.id === late.id)).toMatchObject({ overdue: true, state: 'new' });
    expect(items.find((i) => i.id === mine.id)).toMatchObject({ overdue: false, assignee: { name: '郭小芬' } });
    expect(items.find((i) => i.id === lone.id)).toMatchObject({ kind: 'conversation', state: 'waiting_staff', ticketId: null });
    expect(items.every((i) => typeof i.state === 'string' && i.state.length > 0)).toBe(true);
    expect(JSON.stringify(all.body)).not.toContain(lone.threadKey);

    const ids = async (query: string) => ((await get(`/console/api/queue?${query}&size=200`, agent.headers)).body.items as QueueItem[]).map((i) => i.id);
    expect(await ids('mine=1')).toEqual([mine.id]);
    expect(await ids('sla=overdue')).toContain(late.id);
    expect(await ids('sla=overdue')).not.toContain(mine.id);
    expect(await ids('sla=4')).toEqual(expect.arrayContaining([late.id, mine.id]));
    expect(await ids('category=fault&urgency=high')).toContain(late.id);
    expect(await ids('category=fault&urgency=high')).not.toContain(mine.id);
    expect(await ids('channel=chat')).toContain(lone.id);
    expect(await ids('channel=chat')).not.toContain(late.id);
    expect(await ids('state=waiting_staff')).toEqual(expect.arrayContaining([lone.id]));
    expect(await ids('state=waiting_staff')).not.toContain(late.id);

    const page1 = await get('/console/api/queue?size=1&page=1', agent.headers);
    const page2 = await get('/console/api/queue?size=1&page=2', agent.headers);
    expect(page1.body.total).toBe(all.body.total);
    expect(page1.body.items[0].id).not.toBe(page2.body.items[0].id);
  });

  it('pages a filtered queue beyond the first page: the total counts every match, and no row repeats or goes missing', async () => {
    const agent = await aSignedInStaff(prisma(), 'agent', '林志明');
    const customer = await prisma().customer.create({ data: { name: 'Paged queue customer' } });
    const hours = (h: number) => new Date(t.clock().getTime() + h * 3_600_000);
    const open = async (category: 'fault' | 'inquiry', dueInHours: number | null) => {
      const ticket = await openTicket(prisma(), { customerId: customer.id, category, channel: 'sms', problem: `paged ${category}` }, ctx());
      await prisma().ticket.update({ where: { id: ticket.id }, data: { assigneeId: agent.staff.id } });
      await prisma().slaPromise.deleteMany({ where: { ticketId: ticket.id } });
      if (dueInHours !== null) await prisma().slaPromise.create({ data: { ticketId: ticket.id, kind: 'first_response', dueAt: hours(dueInHours), warnAt: hours(dueInHours - 1) } });
      return ticket.id;
    };
    // Five faults in the order the queue must show them, and two inquiries the filter leaves out.
    const faults = [await open('fault', -2), await open('fault', -1), await open('fault', 1), await open('fault', 5), await open('fault', null)];
    await open('inquiry', -3);
    await open('inquiry', 2);
    await prisma().conversation.create({ data: { channel: 'sms', threadKey: `paged-${Date.now()}`, customerId: customer.id, state: 'waiting_staff', assignedStaffId: agent.staff.id } });

    const page = async (n: number) => (await get(`/console/api/queue?mine=1&category=fault&size=2&page=${n}`, agent.headers)).body as { items: QueueItem[]; total: number; page: number };
    const pages = [await page(1), await page(2), await page(3), await page(4)];
    expect(pages.map((p) => p.total)).toEqual([5, 5, 5, 5]);
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1, 0]);
    expect(pages.flatMap((p) => p.items.map((i) => i.id))).toEqual(faults);
    expect(pages[0]!.items.every((i) => i.overdue)).toBe(true);
  });

  it('shows the ticket workspace: cross-channel transcript, understanding, timeline and notes by name', async () => {
    const agent = await aSignedInStaff(prisma(), 'agent', '蔡依林');
    const { customer, ticket, conversation } = await smsCustomer();
    await prisma().message.updateMany({ where: { conversationId: conversation.id, direction: 'inbound' }, data: { understanding: { category: 'fault', urgency: 'high', complexity: 'general', entities: { productModel: 'LX-200' } } } });
    const mail = await prisma().conversation.create({ data: { channel: 'email', threadKey: `<m-${Date.now()}@x>`, customerId: customer.id } });
    await prisma().message.create({ data: { conversationId: mail.id, customerId: customer.id, direction: 'inbound', channel: 'email', author: 'customer', text: 'also by mail', createdAt: t.clock() } });
    expect((await post(`/console/api/tickets/${ticket.id}/notes`, agent.headers, { text: '客戶下午才在' })).status).toBe(201);
    await post(`/console/api/tickets/${ticket.id}/assign`, agent.headers, { staffId: agent.staff.id });

    const { body } = await get(`/console/api/tickets/${ticket.id}`, agent.headers);
    expect(body.transcript.map((m: { channel: string }) => m.channel)).toEqual(['sms', 'sms', 'email']);
    expect(body.understanding).toMatchObject({ category: 'fault', entities: { productModel: 'LX-200' } });
    expect(body.timeline.find((e: { kind: string }) => e.kind === 'assigned')).toMatchObject({ actorName: '蔡依林' });
    expect(body.notes).toEqual([expect.objectContaining({ reason: '客戶下午才在', actorName: '蔡依林' })]);
    const notes = await get(`/console/api/tickets/${ticket.id}/notes`, agent.headers);
    expect(notes.body.notes).toEqual([expect.objectContaining({ text: '客戶下午才在', actorName: '蔡依林' })]);
  });

  it('merges a duplicate into a ticket: messages and history move, the duplicate closes as a duplicate', async () => {
    const agent = await aSignedInStaff(prisma(), 'agent');
    const { customer, ticket: keep } = await smsCustomer();
    const duplicate = await openTicket(prisma(), { customerId: customer.id, category: 'fault', channel: 'email', problem: 'same printer again' }, ctx());
    const dupConversation = await prisma().conversation.create({ data: { channel: 'email', threadKey: `<dup-${Date.now()}@x>`, customerId: customer.id, ticketId: duplicate.id } });
    await prisma().message.create({ data: { conversationId: dupConversation.id, customerId: customer.id, ticketId: duplicate.id, direction: 'inbound', channel: 'email', author: 'customer', text: 'same printer again', createdAt: t.clock() } });

    const merged = await post(`/console/api/tickets/${keep.id}/merge`, agent.headers, { duplicateId: duplicate.id });
    expect(merged.status).toBe(200);
    expect(merged.body.duplicate).toMatchObject({ status: 'closed', linkedTicketId: keep.id });
    expect(await prisma().message.count({ where: { ticketId: duplicate.id } })).toBe(0);
    expect(await prisma().message.count({ where: { ticketId: keep.id, text: 'same printer again' } })).toBe(1);
    // The duplicate's history (its 'created' event) now reads on the kept ticket.
    expect(await prisma().ticketEvent.count({ where: { ticketId: duplicate.id, kind: 'created' } })).toBe(0);
    expect(await prisma().ticketEvent.count({ where: { ticketId: keep.id, kind: 'created' } })).toBe(1);
    expect((await prisma().conversation.findUniqueOrThrow({ where: { id: dupConversation.id } })).ticketId).toBe(keep.id);
    expect(await prisma().ticketEvent.findFirst({ where: { ticketId: keep.id, kind: 'merged' } })).toMatchObject({ from: duplicate.number });

    const stranger = await prisma().customer.create({ data: { name: 'Someone else' } });
    const other = await openTicket(prisma(), { customerId: stranger.id, category: 'fault', channel: 'sms', problem: 'x' }, ctx());
    const refused = await post(`/console/api/tickets/${keep.id}/merge`, agent.headers, { duplicateId: other.id });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('ticket.merge_refused');
  });

  it('creates a ticket from a conversation, prefilled from what the bot understood', async () => {
    const agent = await aSignedInStaff(prisma(), 'agent');
    const customer = await prisma().customer.create({ data: { name: '林先生', company: '大同印刷', contacts: { create: [{ kind: 'phone', address: '+886913999001' }] } } });
    const conversation = await prisma().conversation.create({ data: { channel: 'sms', threadKey: '+886913999001', customerId: customer.id, state: 'waiting_staff' } });
    await prisma().message.create({ data: { conversationId: conversation.id, customerId: customer.id, direction: 'inbound', channel: 'sms', author: 'customer', text: 'LX-200 卡紙，序號 SN-7788', understanding: { category: 'fault', urgency: 'high', complexity: 'general', act: null, entities: { productModel: 'LX-200', serial: 'SN-7788' } }, createdAt: t.clock() } });
    await prisma().message.create({ data: { conversationId: conversation.id, customerId: customer.id, direction: 'inbound', channel: 'sms', author: 'customer', text: '謝謝', understanding: { category: 'inquiry', urgency: 'low', act: 'thanks', entities: {} }, createdAt: t.clock() } });

    const { body } = await get(`/console/api/conversations/${conversation.id}/ticket-draft`, agent.headers);
    expect(body.draft).toMatchObject({ category: 'fault', urgency: 'high', productModel: 'LX-200', serial: 'SN-7788', contactName: '林先生', company: '大同印刷', contactPhone: '+886913999001', problem: 'LX-200 卡紙，序號 SN-7788' });
    const { sources: _sources, ...fields } = body.draft;
    const created = await post(`/console/api/conversations/${conversation.id}/ticket`, agent.headers, fields);
    expect(created.status).toBe(201);
    expect(created.body.ticket).toMatchObject({ category: 'fault', urgency: 'high', serial: 'SN-7788', customerId: customer.id, status: 'new' });
    expect(created.body.conversation.ticketId).toBe(created.body.ticket.id);
    expect(await prisma().message.count({ where: { conversationId: conversation.id, ticketId: created.body.ticket.id } })).toBe(2);
  });

  it('tells the customer on their own channel when their ticket is resolved, once', async () => {
    const agent = await aSignedInStaff(prisma(), 'agent');
    const { ticket, conversation } = await smsCustomer();
    await prisma().ticket.update({ where: { id: ticket.id }, data: { status: 'in_progress' } });
    const resolved = await post(`/console/api/tickets/${ticket.id}/resolve`, agent.headers, { reason: 'replaced the roller' });
    expect(resolved.status).toBe(200);
    const sent = await prisma().outboundMessage.findMany({ where: { ticketId: ticket.id, purpose: 'notification' } });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ channel: 'sms', to: conversation.threadKey });
    expect(sent[0]!.text).toContain(ticket.number);
    expect(await prisma().message.count({ where: { conversationId: conversation.id, text: sent[0]!.text } })).toBe(1);
  });
});
