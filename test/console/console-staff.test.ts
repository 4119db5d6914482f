import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTicket } from '../../src/tickets/ticket-service.js';
import { databaseKinds } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aSignedInStaff } from './console-fixtures.js';

describe.each(databaseKinds)('staff management and the on-duty rota on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    // Wednesday 2026-11-25 10:00 in Taipei.
    t = await startTestApp(kind, {}, { now: '2026-11-25T02:00:00Z' });
  });
  afterAll(async () => {
    await t?.stop();
  });
  const prisma = () => t.app.database.prisma;
  const send = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
    const res = await fetch(`${t.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };

  it('lists staff by name with who is on duty; e-mail and rota only for supervisors', async () => {
    const agent = await aSignedInStaff(prisma(), 'agent', '周小琪');
    const supervisor = await aSignedInStaff(prisma(), 'supervisor');
    const asAgent = await send('GET', '/console/api/staff', agent.headers);
    expect(asAgent.body.staff).toContainEqual({ id: agent.staff.id, name: '周小琪', role: 'agent', region: null, onDuty: true, active: true });
    const asSupervisor = await send('GET', '/console/api/staff', supervisor.headers);
    expect(asSupervisor.body.staff.find((s: { id: string }) => s.id === agent.staff.id)).toMatchObject({ email: agent.staff.email, shifts: [] });
  });

  it('lets a supervisor add staff, change a role and deactivate someone, which ends their sessions; agents get 403', async () => {
    const supervisor = await aSignedInStaff(prisma(), 'supervisor');
    const agent = await aSignedInStaff(prisma(), 'agent');
    expect((await send('POST', '/console/api/staff', agent.headers, { email: 'x@example.test', name: 'X', role: 'agent' })).status).toBe(403);
    const added = await send('POST', '/console/api/staff', supervisor.headers, { email: `eng-${Date.now()}@example.test`, name: '吳工程師', role: 'engineer', region: 'Taichung' });
    expect(added.status).toBe(201);
    expect(added.body.staff).toMatchObject({ name: '吳工程師', role: 'engineer', region: 'Taichung' });
    const promoted = await send('PATCH', `/console/api/staff/${agent.staff.id}`, supervisor.headers, { role: 'supervisor' });
    expect(promoted.body.staff.role).toBe('supervisor');
    const gone = await send('PATCH', `/console/api/staff/${agent.staff.id}`, supervisor.headers, { active: false });
    expect(gone.body.staff.active).toBe(false);
    expect((await send('GET', '/console/api/me', agent.headers)).status).toBe(401);
  });

  it('leaves admins to admins, and nobody deactivates themselves', async () => {
    const supervisor = await aSignedInStaff(prisma(), 'supervisor');
    const admin = await aSignedInStaff(prisma(), 'admin');
    const agent = await aSignedInStaff(prisma(), 'agent');
    expect((await send('PATCH', `/console/api/staff/${agent.staff.id}`, supervisor.headers, { role: 'admin' })).status).toBe(403);
    expect((await send('POST', '/console/api/staff', supervisor.headers, { email: `adm-${Date.now()}@example.test`, name: 'Would-be admin', role: 'admin' })).status).toBe(403);
    expect((await send('PATCH', `/console/api/staff/${admin.staff.id}`, supervisor.headers, { active: false })).status).toBe(403);
    expect((await send('PATCH', `/console/api/staff/${supervisor.staff.id}`, supervisor.headers, { active: false })).status).toBe(403);
    expect((await send('PATCH', `/console/api/staff/${agent.staff.id}`, admin.headers, { role: 'admin' })).body.staff.role).toBe('admin');
  });

  it('puts someone on duty by hand or by a weekly shift in the business time zone', async () => {
    const supervisor = await aSignedInStaff(prisma(), 'supervisor');
    const agent = await aSignedInStaff(prisma(), 'agent', undefined, { onDuty: false });
    const onDuty = async () => (await send('GET', '/console/api/staff', supervisor.headers)).body.staff.find((s: { id: string }) => s.id === agent.staff.id).onDuty;
    expect(await onDuty()).toBe(false);
    // Wednesday is day 3; 10:00 Taipei is inside 09:00-18:00.
    const rota = await send('PATCH', `/console/api/staff/${agent.staff.id}`, supervisor.headers, { shifts: [{ day: 3, from: '09:00', to: '18:00' }] });
    expect(rota.status).toBe(200);
    expect(await onDuty()).toBe(true);
    t.clock.set('2026-11-25T11:00:00Z'); // 19:00 in Taipei
    expect(await onDuty()).toBe(false);
    expect((await send('POST', '/console/api/me/duty', agent.headers, { onDuty: true })).body.staff.onDuty).toBe(true);
    t.clock.set('2026-11-25T02:00:00Z');
    expect((await send('PATCH', `/console/api/staff/${agent.staff.id}`, supervisor.headers, { shifts: [{ day: 8, from: '9', to: '18:00' }] })).status).toBe(400);
  });

  it('sends a new high-urgency complaint to the supervisors when the only agent is off duty', async () => {
    await prisma().staff.updateMany({ data: { onDuty: false, shifts: [] } });
    const supervisor = await aSignedInStaff(prisma(), 'supervisor', '值班主管', { onDuty: false });
    const customer = await prisma().customer.create({ data: { name: '投訴客戶' } });
    const ticket = await openTicket(
      prisma(),
      { customerId: customer.id, category: 'complaint', urgency: 'high', channel: 'sms', problem: 'The engineer never came' },
      { now: t.clock(), actor: 'bot', events: t.app.events },
    );
    const notices = await prisma().staffNotification.findMany({ where: { ticketId: ticket.id } });
    expect(notices.map((n) => n.staffId)).toContain(supervisor.staff.id);
    expect(notices.every((n) => n.role === 'supervisor' && n.kind === 'complaint')).toBe(true);
    const seen = await send('GET', '/console/api/notifications', supervisor.headers);
    expect(seen.body.notifications.map((n: { ticketId: string }) => n.ticketId)).toContain(ticket.id);
  });
});
