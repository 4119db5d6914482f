import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTicket } from '../../src/tickets/ticket-service.js';
import { aCustomer } from '../support/fixtures.js';
import { databaseKinds } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aSignedInStaff } from './console-fixtures.js';

describe.each(databaseKinds)("the customer's answers to visit times and quotes in the console on %s", (kind) => {
  let t: TestApp;
  let headers: Record<string, string>;
  let engineerId: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    headers = (await aSignedInStaff(t.app.database.prisma, 'supervisor', 'Sue')).headers;
    engineerId = (await aSignedInStaff(t.app.database.prisma, 'engineer', 'Eric')).staff.id;
  });
  afterAll(async () => {
    await t?.stop();
  });
  const prisma = () => t.app.database.prisma;
  const post = (path: string, body: unknown = {}) => fetch(`${t.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  const get = async (path: string) => (await fetch(`${t.url}${path}`, { headers })).json();

  /** A fault reported by SMS; `bought` (ISO) makes the unit out of warranty. */
  async function aFault(bought?: string) {
    t.clock.set('2026-11-25T02:00:00Z');
    const { customer, phone } = await aCustomer(prisma());
    await prisma().customer.update({ where: { id: customer.id }, data: { language: 'zh-Hant' } });
    const ticket = await openTicket(
      prisma(),
      { customerId: customer.id, category: 'fault', channel: 'sms', problem: '印表機卡紙', province: 'Taipei', ...(bought ? { purchaseDate: new Date(bought) } : {}) },
      { now: t.clock(), actor: 'bot', events: t.app.events },
    );
    return { ticket, phone };
  }

  /** The customer's SMS through the app's one turn pipeline; the reply texts joined. */
  async function customerTexts(phone: string, text: string): Promise<string> {
    const result = await t.app.turn({ channel: 'sms', externalId: randomUUID(), from: phone, conversationKey: phone, text, attachments: [], receivedAt: t.clock(), meta: {} });
    return result.replies.map((r) => r.text).join('\n');
  }

  it('shows the time the customer picked by SMS on the visit and in the ticket timeline', async () => {
    const { ticket, phone } = await aFault();
    const proposed = await post(`/console/api/tickets/${ticket.id}/visits`, { proposals: ['2026-11-30T10:00:00+08:00', '2026-12-01T14:00:00+08:00'], engineerId });
    expect(proposed.status).toBe(201);
    const { visit } = await proposed.json();
    expect(await customerTexts(phone, '週二下午可以')).toContain('已為您確認工程師');
    expect((await get(`/console/api/visits/${visit.id}`)).visit).toMatchObject({ status: 'scheduled', scheduledAt: '2026-12-01T06:00:00.000Z' });
    const workspace = await get(`/console/api/tickets/${ticket.id}`);
    expect(workspace.timeline.map((e: { kind: string; actor: string }) => [e.kind, e.actor])).toContainEqual(['visit_scheduled', 'customer']);
  });

  it('shows a refused quote on the visit, in the timeline and as a task for staff', async () => {
    const { ticket, phone } = await aFault('2020-01-01T00:00:00Z');
    const { visit } = await (await post(`/console/api/tickets/${ticket.id}/visits`, { scheduledAt: '2026-11-26T09:00:00+08:00', engineerId })).json();
    expect((await post(`/console/api/visits/${visit.id}/quote`, { amount: 3500, currency: 'TWD' })).status).toBe(200);
    expect(await customerTexts(phone, '太貴了不要')).toContain('您不接受這次的報價');
    expect((await get(`/console/api/visits/${visit.id}`)).visit).toMatchObject({ quoteAcceptedAt: null, quoteRefusedAt: '2026-11-25T02:00:00.000Z' });
    const workspace = await get(`/console/api/tickets/${ticket.id}`);
    expect(workspace.timeline).toContainEqual(expect.objectContaining({ kind: 'visit_quote_refused', actor: 'customer', reason: '太貴了不要' }));
    expect(await prisma().staffTask.findFirst({ where: { ticketId: ticket.id, kind: 'visit_quote_refused', status: 'open' } })).toMatchObject({ staffId: engineerId });
  });
});
