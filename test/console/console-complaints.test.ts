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

  it('shows the complaint fields in the ticket workspace as an agent fills them in', async () => {
    const agent = await aSignedInStaff(t.app.database.prisma, 'agent', 'Ann');
    const { customer } = await aCustomer(t.app.database.prisma);
    const ticket = await openTicket(t.app.database.prisma, { customerId: customer.id, category: 'complaint', channel: 'chat', problem: 'rude on the phone' }, { now: t.clock(), actor: 'bot', events: t.app.events });
    const base = `/console/api/tickets/${ticket.id}`;
    const step = (path: string, body: unknown) => fetch(`${t.url}${base}/complaint/${path}`, { method: 'POST', headers: agent.headers, body: JSON.stringify(body) });
    const workspace = async () => (await (await fetch(`${t.url}${base}`, { headers: agent.headers })).json()).ticket;

    expect(await workspace()).toMatchObject({ category: 'complaint', complaintSeverity: null, investigationDueAt: null, complaintFinding: null, complaintResponsibility: null });
    expect((await step('grade', { severity: 'minor' })).status).toBe(200);
    expect((await step('investigation', { finding: 'call centre script ignored', responsibility: 'service_staff' })).status).toBe(200);
    expect((await step('remedy', { remedy: 'apology call by the team lead' })).status).toBe(200);
    expect((await step('revisit', { outcome: 'unreachable', note: 'no answer twice' })).status).toBe(200);
    const shown = await workspace();
    expect(shown).toMatchObject({
      complaintSeverity: 'minor',
      complaintFinding: 'call centre script ignored',
      complaintResponsibility: 'service_staff',
      complaintRemedy: 'apology call by the team lead',
      revisitOutcome: 'unreachable',
    });
    expect(shown.investigationDueAt).toEqual(expect.any(String));
    expect(shown.events.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['complaint_graded', 'complaint_investigated', 'complaint_remedied', 'complaint_revisited']));
  });

  it('leaves complaint steps to agents and supervisors: an engineer is refused (403)', async () => {
    const engineer = await aSignedInStaff(t.app.database.prisma, 'engineer');
    const { customer } = await aCustomer(t.app.database.prisma);
    const ticket = await openTicket(t.app.database.prisma, { customerId: customer.id, category: 'complaint', channel: 'sms', problem: 'late' }, { now: t.clock(), actor: 'bot', events: t.app.events });
    const res = await fetch(`${t.url}/console/api/tickets/${ticket.id}/complaint/grade`, { method: 'POST', headers: engineer.headers, body: JSON.stringify({ severity: 'major' }) });
    expect(res.status).toBe(403);
    expect((await t.app.database.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).complaintSeverity).toBeNull();
  });
});
