import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapSupervisor, hashToken } from '../../src/console/staff-auth.js';
import { databaseKinds } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aHandedOffConversation, aSignedInStaff } from './console-fixtures.js';

const BOOTSTRAP = 'bootstrap-token-for-tests-0123456789';

describe.each(databaseKinds)('console sign-in and access audit on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { STAFF_BOOTSTRAP_TOKEN: BOOTSTRAP });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('serves the console page without a token', async () => {
    const res = await fetch(`${t.url}/console`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
  });

  it('refuses the API without a token, and with an unknown one, with 401', async () => {
    const none = await fetch(`${t.url}/console/api/inbox`);
    expect(none.status).toBe(401);
    expect((await none.json()).error.code).toBe('unauthorized');
    const wrong = await fetch(`${t.url}/console/api/inbox`, { headers: { authorization: 'Bearer not-a-real-token' } });
    expect(wrong.status).toBe(401);
  });

  it('refuses an inactive staff member', async () => {
    const { staff, headers } = await aSignedInStaff(t.app.database.prisma, 'agent');
    await t.app.database.prisma.staff.update({ where: { id: staff.id }, data: { active: false } });
    expect((await fetch(`${t.url}/console/api/me`, { headers })).status).toBe(401);
  });

  it('signs in the bootstrap supervisor from STAFF_BOOTSTRAP_TOKEN and stores only the hash', async () => {
    const res = await fetch(`${t.url}/console/api/me`, { headers: { authorization: `Bearer ${BOOTSTRAP}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ role: 'supervisor', name: 'Bootstrap supervisor' });
    const stored = await t.app.database.prisma.staff.findFirstOrThrow({ where: { name: 'Bootstrap supervisor' } });
    expect(stored.tokenHash).toBe(hashToken(BOOTSTRAP));
  });

  it('keeps one bootstrap supervisor when started again, and moves it to a new token', async () => {
    const prisma = t.app.database.prisma;
    await bootstrapSupervisor(prisma, BOOTSTRAP);
    await bootstrapSupervisor(prisma, 'a-new-bootstrap-token-9876543210');
    const all = await prisma.staff.findMany({ where: { name: 'Bootstrap supervisor' } });
    expect(all).toHaveLength(1);
    expect(all[0]!.tokenHash).toBe(hashToken('a-new-bootstrap-token-9876543210'));
    await bootstrapSupervisor(prisma, BOOTSTRAP);
  });

  it('refuses a bootstrap token shorter than 16 characters', async () => {
    await expect(bootstrapSupervisor(t.app.database.prisma, 'short')).rejects.toThrow(/at least 16/);
  });

  it('gives agents 403 on KPIs, reports and the audit log', async () => {
    const { headers } = await aSignedInStaff(t.app.database.prisma, 'agent');
    for (const path of ['/console/api/kpis', '/console/api/reports', '/console/api/audit']) {
      const res = await fetch(`${t.url}${path}`, { headers });
      expect(res.status, path).toBe(403);
      expect((await res.json()).error.code).toBe('forbidden');
    }
  });

  it('records who looked at a customer archive, from which address', async () => {
    const prisma = t.app.database.prisma;
    const { staff, headers } = await aSignedInStaff(prisma, 'supervisor');
    const { customer } = await aHandedOffConversation(prisma, { channel: 'sms', threadKey: '+886912000111', contacts: [{ kind: 'phone', address: '+886912000111' }], at: t.clock() });
    await prisma.asset.create({ data: { customerId: customer.id, model: 'LX-200', serial: 'SN-1' } });
    await fetch(`${t.url}/console/api/customers/${customer.id}/access`, { method: 'POST', headers, body: JSON.stringify({ reason: 'checking the asset' }) });
    const res = await fetch(`${t.url}/console/api/customers/${customer.id}`, { headers });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.customer.contacts[0].address).toBe('+886912000111');
    expect(body.customer.assets[0].model).toBe('LX-200');
    expect(body.customer.tickets).toHaveLength(1);
    expect(body.customer.conversations).toHaveLength(1);
    const audit = await prisma.accessAudit.findMany({ where: { customerId: customer.id, action: 'view_customer' } });
    expect(audit).toEqual([expect.objectContaining({ actor: `staff:${staff.id}`, action: 'view_customer', customerId: customer.id, reason: 'checking the asset', at: t.clock() })]);
    expect(audit[0]!.ip).toMatch(/127\.0\.0\.1/);
  });

  it('records a look at a conversation and at a ticket too', async () => {
    const prisma = t.app.database.prisma;
    const { staff, headers } = await aSignedInStaff(prisma, 'agent');
    const { customer, ticket, conversation } = await aHandedOffConversation(prisma, { channel: 'sms', threadKey: '+886912000222', contacts: [{ kind: 'phone', address: '+886912000222' }], at: t.clock() });
    await fetch(`${t.url}/console/api/conversations/${conversation.id}`, { headers });
    await fetch(`${t.url}/console/api/tickets/${ticket.id}`, { headers });
    const audit = await prisma.accessAudit.findMany({ where: { customerId: customer.id }, orderBy: { action: 'asc' } });
    expect(audit.map((a) => [a.actor, a.action, a.ticketId])).toEqual([
      [`staff:${staff.id}`, 'view_conversation', ticket.id],
      [`staff:${staff.id}`, 'view_ticket', ticket.id],
    ]);
  });

  it('shows supervisors the audit log of a customer', async () => {
    const prisma = t.app.database.prisma;
    const { headers } = await aSignedInStaff(prisma, 'supervisor');
    const { customer } = await aHandedOffConversation(prisma, { channel: 'sms', threadKey: '+886912000333', contacts: [{ kind: 'phone', address: '+886912000333' }], at: t.clock() });
    await fetch(`${t.url}/console/api/customers/${customer.id}/access`, { method: 'POST', headers, body: JSON.stringify({ reason: 'audit check' }) });
    await fetch(`${t.url}/console/api/customers/${customer.id}`, { headers });
    const res = await fetch(`${t.url}/console/api/audit?customerId=${customer.id}`, { headers });
    expect(res.status).toBe(200);
    expect((await res.json()).entries.map((e: { action: string }) => e.action).sort()).toEqual(['archive_requested', 'view_customer']);
  });
});
