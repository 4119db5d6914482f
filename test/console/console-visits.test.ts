import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTicket } from '../../src/tickets/ticket-service.js';
import { aCustomer } from '../support/fixtures.js';
import { databaseKinds } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aSignedInStaff } from './console-fixtures.js';

describe.each(databaseKinds)('console on-site visits on %s', (kind) => {
  let t: TestApp;
  let headers: Record<string, string>;
  let engineerId: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    headers = (await aSignedInStaff(t.app.database.prisma, 'agent', 'Amy')).headers;
    engineerId = (await aSignedInStaff(t.app.database.prisma, 'engineer', 'Eric')).staff.id;
  });
  afterAll(async () => {
    await t?.stop();
  });
  const prisma = () => t.app.database.prisma;
  const post = (path: string, body: unknown = {}) => fetch(`${t.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });

  /** A fault in the home province, opened now (Wednesday 10:00 Taipei) with its promises stored. */
  async function aFault() {
    t.clock.set('2026-11-25T02:00:00Z');
    const { customer } = await aCustomer(prisma());
    return openTicket(prisma(), { customerId: customer.id, category: 'fault', channel: 'sms', problem: 'printer jams', province: 'Taipei' }, { now: t.clock(), actor: 'bot', events: t.app.events });
  }

  it('books a visit with an engineer and shows the ticket as scheduled', async () => {
    const ticket = await aFault();
    const res = await post(`/console/api/tickets/${ticket.id}/visits`, { scheduledAt: '2026-11-26T09:00:00+08:00', engineerId });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.visit).toMatchObject({ ticketId: ticket.id, engineerId, scheduledAt: '2026-11-26T01:00:00.000Z', arrivedAt: null });
    expect(body.ticket).toMatchObject({ status: 'scheduled', assigneeId: engineerId });
  });

  it("records the engineer's arrival, keeping the on-site promise and starting the repair promise", async () => {
    const ticket = await aFault();
    const { visit } = await (await post(`/console/api/tickets/${ticket.id}/visits`, { scheduledAt: '2026-11-26T09:00:00+08:00', engineerId })).json();
    t.clock.set('2026-11-26T01:20:00Z');
    const res = await post(`/console/api/visits/${visit.id}/arrived`, { arrivedAt: '2026-11-26T09:15:00+08:00' });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.visit.arrivedAt).toBe('2026-11-26T01:15:00.000Z');
    expect(body.ticket.status).toBe('in_progress');
    const promises = await prisma().slaPromise.findMany({ where: { ticketId: ticket.id, kind: { in: ['on_site_arrival', 'on_site_repair'] } }, orderBy: { kind: 'asc' } });
    expect(promises.map((p) => [p.kind, p.metAt?.toISOString() ?? null])).toEqual([
      ['on_site_arrival', '2026-11-26T01:15:00.000Z'],
      ['on_site_repair', null],
    ]);
  });

  it('takes the arrival time as now when none is given', async () => {
    const ticket = await aFault();
    const { visit } = await (await post(`/console/api/tickets/${ticket.id}/visits`, { scheduledAt: '2026-11-26T09:00:00+08:00', engineerId })).json();
    t.clock.set('2026-11-26T01:30:00Z');
    const body = await (await post(`/console/api/visits/${visit.id}/arrived`)).json();
    expect(body.visit.arrivedAt).toBe('2026-11-26T01:30:00.000Z');
  });

  it('refuses a visit without a time that carries an offset, naming the field', async () => {
    const ticket = await aFault();
    const res = await post(`/console/api/tickets/${ticket.id}/visits`, { scheduledAt: 'tomorrow morning' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/scheduledAt/);
    expect(await prisma().visit.count({ where: { ticketId: ticket.id } })).toBe(0);
  });

  it('refuses unknown fields in the arrival body', async () => {
    const res = await post(`/console/api/visits/any/arrived`, { arrivedAt: '2026-11-26T09:15:00+08:00', status: 'done' });
    expect(res.status).toBe(400);
  });

  it('answers 404 for an arrival at an unknown visit', async () => {
    const res = await post(`/console/api/visits/00000000-0000-0000-0000-000000000000/arrived`);
    expect(res.status).toBe(404);
  });

  it('answers 409 when a visit cannot be booked because the ticket is resolved', async () => {
    const ticket = await aFault();
    await post(`/console/api/tickets/${ticket.id}/resolve`);
    const res = await post(`/console/api/tickets/${ticket.id}/visits`, { scheduledAt: '2026-11-26T09:00:00+08:00' });
    expect(res.status).toBe(409);
  });

  it('asks for a signed-in staff member', async () => {
    const res = await fetch(`${t.url}/console/api/visits/any/arrived`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(401);
  });
});
