import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTicket } from '../../src/tickets/ticket-service.js';
import { aCustomer } from '../support/fixtures.js';
import { databaseKinds } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aSignedInStaff } from './console-fixtures.js';

describe.each(databaseKinds)('console complaint handling on %s', (kind) => {
  let t: TestApp;
  let headers: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp(kind, {}, { now: '2026-11-25T02:00:00Z' });
    headers = (await aSignedInStaff(t.app.database.prisma, 'supervisor', 'Sue')).headers;
  });
  afterAll(async () => {
    await t?.stop();
  });
  const post = (path: string, body: unknown) => fetch(`${t.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });

  it('takes a complaint through grade, investigation, remedy and revisit, refusing a step out of order', async () => {
    const { customer } = await aCustomer(t.app.database.prisma);
    const ticket = await openTicket(t.app.database.prisma, { customerId: customer.id, category: 'complaint', channel: 'sms', problem: 'engineer was late' }, { now: t.clock(), actor: 'bot', events: t.app.events });
    const base = `/console/api/tickets/${ticket.id}/complaint`;
    expect((await post(`${base}/remedy`, { remedy: 'apology' })).status).toBe(400);
    expect((await post(`${base}/grade`, { severity: 'catastrophic' })).status).toBe(400);
    const graded = await post(`${base}/grade`, { severity: 'major' });
    expect(graded.status).toBe(200);
    expect((await graded.json()).ticket).toMatchObject({ complaintSeverity: 'major', investigationDueAt: '2026-11-28T02:00:00.000Z' });
    expect((await post(`${base}/investigation`, { finding: 'traffic, no call ahead', responsibility: 'service_staff' })).status).toBe(200);
    expect((await post(`${base}/remedy`, { remedy: 'apology and a discount' })).status).toBe(200);
    const revisited = await (await post(`${base}/revisit`, { outcome: 'satisfied' })).json();
    expect(revisited.ticket).toMatchObject({ complaintResponsibility: 'service_staff', complaintRemedy: 'apology and a discount', revisitOutcome: 'satisfied' });
    expect(await t.app.database.prisma.accessAudit.count({ where: { ticketId: ticket.id, action: 'ticket_change' } })).toBe(4);
  });
});
