import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrOpenConversation } from '../../src/conversations/conversation-service.js';
import { openTicket } from '../../src/tickets/ticket-service.js';
import { aCustomer } from '../support/fixtures.js';
import { databaseKinds } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aSignedInStaff } from './console-fixtures.js';

const PNG_SIGNATURE = `data:image/png;base64,${Buffer.from('a drawn signature, pretend PNG bytes').toString('base64')}`;

describe.each(databaseKinds)('field visits from the console on %s', (kind) => {
  let t: TestApp;
  let agent: Awaited<ReturnType<typeof aSignedInStaff>>;
  let engineer: Awaited<ReturnType<typeof aSignedInStaff>>;
  let otherEngineer: Awaited<ReturnType<typeof aSignedInStaff>>;
  beforeAll(async () => {
    t = await startTestApp(kind);
    agent = await aSignedInStaff(t.app.database.prisma, 'agent', 'Amy');
    engineer = await aSignedInStaff(t.app.database.prisma, 'engineer', '台中 黃工程師', { region: 'Taichung-visits' });
    otherEngineer = await aSignedInStaff(t.app.database.prisma, 'engineer', 'Other engineer', { region: 'Kaohsiung-visits' });
  });
  afterAll(async () => {
    await t?.stop();
  });
  const prisma = () => t.app.database.prisma;
  const call = async (path: string, headers: Record<string, string>, body?: unknown) => {
    const res = await fetch(`${t.url}${path}`, { method: body === undefined ? 'GET' : 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };

  /** A fault from an SMS customer in the engineer's region, on an asset bought on `purchased` with a 12-month warranty. */
  async function aFault(purchased: string) {
    t.clock.set('2026-11-25T02:00:00Z');
    const { customer, phone } = await aCustomer(prisma());
    const conversation = await findOrOpenConversation(prisma(), { channel: 'sms', threadKey: phone, customerId: customer.id });
    const asset = await prisma().asset.create({ data: { customerId: customer.id, model: 'LX-200', serial: `SN-${phone}`, purchaseDate: new Date(purchased), warrantyMonths: 12 } });
    const ticket = await openTicket(
      prisma(),
      { customerId: customer.id, assetId: asset.id, conversationId: conversation.id, category: 'fault', channel: 'sms', problem: 'printer jams', province: 'Taichung-visits' },
      { now: t.clock(), actor: 'bot', events: t.app.events },
    );
    return { ticket, phone };
  }
  const smsTo = (ticketId: string, phone: string) => prisma().outboundMessage.findMany({ where: { ticketId, to: phone, purpose: 'notification' }, orderBy: { createdAt: 'asc' } });

  it("proposes times to the customer on their channel with the region's engineer, and books the one they chose", async () => {
    const { ticket, phone } = await aFault('2026-06-01');
    const proposed = await call(`/console/api/tickets/${ticket.id}/visits`, agent.headers, { proposals: ['2026-11-26T09:00:00+08:00', '2026-11-26T14:00:00+08:00'] });
    expect(proposed.status).toBe(201);
    expect(proposed.body.visit).toMatchObject({ status: 'proposed', warranty: 'in_warranty', engineer: { name: '台中 黃工程師' } });
    const [offer] = await smsTo(ticket.id, phone);
    expect(offer!.text).toContain(ticket.number);
    expect(offer!.text).toMatch(/1\. .*\n2\. /);
    expect(offer!.text).toContain('14:00');

    const confirmed = await call(`/console/api/visits/${proposed.body.visit.id}/confirm`, agent.headers, { choice: 2 });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.visit).toMatchObject({ status: 'scheduled', scheduledAt: '2026-11-26T06:00:00.000Z' });
    expect(confirmed.body.ticket).toMatchObject({ status: 'scheduled', assigneeId: engineer.staff.id });
    expect((await smsTo(ticket.id, phone)).map((m) => m.text)).toHaveLength(2);
  });

  it('records arrival, work and parts, and on the customer’s sign-off resolves the ticket, schedules the survey and tells the customer', async () => {
    const { ticket, phone } = await aFault('2026-06-01');
    const { body } = await call(`/console/api/tickets/${ticket.id}/visits`, agent.headers, { scheduledAt: '2026-11-26T09:00:00+08:00', engineerId: engineer.staff.id });
    const visitId = body.visit.id;
    t.clock.set('2026-11-26T01:10:00Z');
    expect((await call(`/console/api/visits/${visitId}/complete`, engineer.headers, { signOffName: '王先生' })).status).toBe(409);
    expect((await call(`/console/api/visits/${visitId}/arrived`, engineer.headers, {})).body.visit.status).toBe('on_site');
    const work = await call(`/console/api/visits/${visitId}/work`, engineer.headers, {
      workDone: 'Replaced the pickup roller',
      partsUsed: [{ part: 'pickup roller', quantity: 1 }],
      partsRequested: [{ part: 'fuser unit', quantity: 1, note: 'worn, replace next visit' }],
    });
    expect(work.body.visit).toMatchObject({ workDone: 'Replaced the pickup roller', partsUsed: [{ part: 'pickup roller', quantity: 1 }], partsRequested: [{ part: 'fuser unit', quantity: 1 }] });
    expect((await call(`/console/api/visits/${visitId}/complete`, engineer.headers, {})).status).toBe(400);
    const done = await call(`/console/api/visits/${visitId}/complete`, engineer.headers, { signOffName: '王先生' });
    expect(done.status).toBe(200);
    expect(done.body.visit).toMatchObject({ status: 'completed', signOffName: '王先生', completedAt: '2026-11-26T01:10:00.000Z' });
    expect(done.body.ticket.status).toBe('resolved');
    expect(await prisma().survey.count({ where: { ticketId: ticket.id } })).toBe(1);
    expect((await smsTo(ticket.id, phone)).some((m) => m.text.includes('已處理完成') || m.text.includes('resolved'))).toBe(true);
  });

  it('out of warranty, refuses work until the customer accepts the quote sent on their channel, and takes a drawn signature', async () => {
    const { ticket, phone } = await aFault('2024-01-10');
    const { body } = await call(`/console/api/tickets/${ticket.id}/visits`, agent.headers, { scheduledAt: '2026-11-26T09:00:00+08:00', engineerId: engineer.staff.id });
    const visitId = body.visit.id;
    expect(body.visit.warranty).toBe('out_of_warranty');
    t.clock.set('2026-11-26T01:10:00Z');
    await call(`/console/api/visits/${visitId}/arrived`, engineer.headers, {});
    const refused = await call(`/console/api/visits/${visitId}/work`, engineer.headers, { workDone: 'Replaced the fuser' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/quote/);
    expect((await call(`/console/api/visits/${visitId}/quote`, engineer.headers, { amount: 3500 })).body.visit).toMatchObject({ quoteAmount: 3500, quoteCurrency: 'TWD' });
    expect((await smsTo(ticket.id, phone)).some((m) => m.text.includes('3,500'))).toBe(true);
    expect((await call(`/console/api/visits/${visitId}/quote/accept`, engineer.headers, {})).body.visit.quoteAcceptedAt).not.toBeNull();
    expect((await call(`/console/api/visits/${visitId}/work`, engineer.headers, { workDone: 'Replaced the fuser' })).status).toBe(200);
    expect((await call(`/console/api/visits/${visitId}/complete`, engineer.headers, { signature: 'javascript:alert(1)' })).status).toBe(400);
    const tooBig = `data:image/png;base64,${'A'.repeat(200_001)}`;
    expect((await call(`/console/api/visits/${visitId}/complete`, engineer.headers, { signature: tooBig })).status).toBe(400);
    const signed = await call(`/console/api/visits/${visitId}/complete`, engineer.headers, { signature: PNG_SIGNATURE });
    expect(signed.status).toBe(200);
    expect(signed.body.visit).toMatchObject({ status: 'completed', signature: PNG_SIGNATURE });
  });

  it('shows an engineer only the visits assigned to them', async () => {
    const { ticket } = await aFault('2026-06-01');
    const mine = (await call(`/console/api/tickets/${ticket.id}/visits`, agent.headers, { scheduledAt: '2026-11-27T09:00:00+08:00', engineerId: engineer.staff.id })).body.visit;
    const theirs = (await call(`/console/api/tickets/${ticket.id}/visits`, agent.headers, { scheduledAt: '2026-11-28T09:00:00+08:00', engineerId: otherEngineer.staff.id })).body.visit;
    const listed = await call('/console/api/visits?size=200', engineer.headers);
    const ids = listed.body.visits.map((v: { id: string }) => v.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    expect(listed.body.visits.every((v: { engineerId: string }) => v.engineerId === engineer.staff.id)).toBe(true);
    expect((await call(`/console/api/visits/${theirs.id}`, engineer.headers)).status).toBe(404);
    expect((await call(`/console/api/visits/${theirs.id}/arrived`, engineer.headers, {})).status).toBe(404);
    // Nor on the ticket's workspace, where an agent sees both.
    const workspace = await call(`/console/api/tickets/${ticket.id}`, engineer.headers);
    expect(workspace.body.ticket.visits.map((v: { id: string }) => v.id)).toEqual([mine.id]);
    expect(JSON.stringify(workspace.body)).not.toContain(theirs.id);
    const asAgent = await call(`/console/api/tickets/${ticket.id}`, agent.headers);
    expect(asAgent.body.ticket.visits.map((v: { id: string }) => v.id).sort()).toEqual([mine.id, theirs.id].sort());
    const all = await call(`/console/api/visits?size=200&from=2026-11-27&to=2026-11-28`, agent.headers);
    expect(all.body.visits.map((v: { id: string }) => v.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
  });
});
