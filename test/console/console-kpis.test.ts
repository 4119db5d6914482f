import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCustomer } from '../support/fixtures.js';
import { databaseKinds } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aSignedInStaff } from './console-fixtures.js';

const at = (iso: string) => new Date(iso);
const plusMinutes = (iso: string, minutes: number) => new Date(new Date(iso).getTime() + minutes * 60_000);

describe.each(databaseKinds)('supervisor KPIs and reports on %s', (kind) => {
  let t: TestApp;
  let headers: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(kind, {}, { now: '2026-12-10T02:00:00Z' });
    headers = (await aSignedInStaff(t.app.database.prisma, 'supervisor')).headers;
    const db = t.app.database.prisma;
    const { customer } = await aCustomer(db);
    let n = 0;
    const ticket = async (createdAt: string, category: 'fault' | 'complaint' | 'inquiry', status: 'new' | 'in_progress' | 'resolved' | 'closed', respondedAfterMinutes?: number) => {
      n += 1;
      return db.ticket.create({
        data: {
          number: `SR-2026-8${String(n).padStart(5, '0')}`, customerId: customer.id, category, status, channel: 'sms', title: 't', problem: 'p',
          createdAt: at(createdAt), firstRespondedAt: respondedAfterMinutes === undefined ? null : plusMinutes(createdAt, respondedAfterMinutes),
        },
      });
    };
    // November 2026 in Asia/Taipei is [2026-10-31T16:00Z, 2026-11-30T16:00Z).
    const t1 = await ticket('2026-11-02T01:00:00Z', 'fault', 'resolved', 10);
    const t2 = await ticket('2026-11-03T01:00:00Z', 'fault', 'closed', 30);
    await ticket('2026-11-04T01:00:00Z', 'complaint', 'in_progress', 20);
    await ticket('2026-11-05T01:00:00Z', 'inquiry', 'new');
    await ticket('2026-11-06T01:00:00Z', 'complaint', 'resolved', 60);
    await ticket('2026-10-31T16:00:00Z', 'inquiry', 'new'); // 1 Nov 00:00 local: inside
    await ticket('2026-10-31T15:59:00Z', 'complaint', 'resolved', 1); // 31 Oct 23:59 local: outside
    await ticket('2026-11-30T16:00:00Z', 'complaint', 'resolved', 1); // 1 Dec 00:00 local: outside

    const survey = (ticketId: string, round: number, respondedAt: string, overall: number | null) =>
      db.survey.create({ data: { ticketId, customerId: customer.id, round, channel: 'sms', scheduledFor: at(respondedAt), status: 'completed', respondedAt: at(respondedAt), overall } });
    await survey(t1.id, 1, '2026-11-10T03:00:00Z', 5);
    await survey(t1.id, 2, '2026-11-11T03:00:00Z', 4);
    await survey(t2.id, 1, '2026-11-12T03:00:00Z', 2);
    await survey(t2.id, 2, '2026-11-13T03:00:00Z', null); // partial: no overall yet
    await survey(t2.id, 3, '2026-12-01T03:00:00Z', 1); // December

    const promise = (kind: string, dueAt: string, extra: { metAt?: string; breachedAt?: string; cancelledAt?: string } = {}) =>
      db.slaPromise.create({
        data: {
          ticketId: t1.id,
          kind, dueAt: at(dueAt), warnAt: at(dueAt),
          metAt: extra.metAt ? at(extra.metAt) : null, breachedAt: extra.breachedAt ? at(extra.breachedAt) : null, cancelledAt: extra.cancelledAt ? at(extra.cancelledAt) : null,
        },
      });
    await promise('on_site_arrival', '2026-11-03T09:00:00Z', { metAt: '2026-11-03T08:00:00Z' });
    await promise('on_site_repair', '2026-11-08T09:00:00Z', { metAt: '2026-11-08T09:00:00Z' });
    await db.slaPromise.create({ data: { ticketId: t2.id, kind: 'on_site_arrival', dueAt: at('2026-11-04T09:00:00Z'), warnAt: at('2026-11-04T08:00:00Z'), breachedAt: at('2026-11-04T09:00:00Z') } });
    await db.slaPromise.create({ data: { ticketId: t2.id, kind: 'on_site_repair', dueAt: at('2026-11-20T09:00:00Z'), warnAt: at('2026-11-20T08:00:00Z') } }); // still open
    await db.slaPromise.create({ data: { ticketId: t2.id, kind: 'first_response', dueAt: at('2026-11-03T09:00:00Z'), warnAt: at('2026-11-03T08:00:00Z'), breachedAt: at('2026-11-03T09:00:00Z') } });
    const t3 = await ticket('2026-11-07T01:00:00Z', 'fault', 'in_progress', 25);
    await db.slaPromise.create({ data: { ticketId: t3.id, kind: 'on_site_arrival', dueAt: at('2026-11-09T09:00:00Z'), warnAt: at('2026-11-09T08:00:00Z'), cancelledAt: at('2026-11-08T09:00:00Z') } });
    await db.slaPromise.create({ data: { ticketId: t3.id, kind: 'on_site_repair', dueAt: at('2026-10-20T09:00:00Z'), warnAt: at('2026-10-20T08:00:00Z'), breachedAt: at('2026-10-20T09:00:00Z') } }); // October

    await db.report.create({ data: { kind: 'monthly_complaints', period: '2026-11', data: { total: 2 } } });
    await db.report.create({ data: { kind: 'monthly_complaints', period: '2026-10', data: { total: 1 } } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('computes satisfaction, resolution, first response, complaints and on-time repair for a month', async () => {
    const res = await fetch(`${t.url}/console/api/kpis?from=2026-11-01&to=2026-11-30`, { headers });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      range: { from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z' },
      tickets: 7,
      satisfaction: { responses: 3, averageOverall: 3.67 },
      resolution: { resolved: 3, total: 7, rate: 0.4286 },
      firstResponse: { responded: 5, medianMinutes: 25, averageMinutes: 29 },
      complaints: { complaints: 2, total: 7, rate: 0.2857 },
      onTimeRepair: { met: 2, breached: 1, rate: 0.6667 },
    });
  });

  it('answers empty figures as null rather than zero for a range without tickets', async () => {
    const body = await (await fetch(`${t.url}/console/api/kpis?from=2025-01-01&to=2025-01-31`, { headers })).json();
    expect(body).toMatchObject({ tickets: 0, satisfaction: { responses: 0, averageOverall: null }, resolution: { rate: null }, firstResponse: { medianMinutes: null }, onTimeRepair: { rate: null } });
  });

  it('refuses a malformed date with 400', async () => {
    const res = await fetch(`${t.url}/console/api/kpis?from=2026-13-01`, { headers });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/from/);
  });

  it('lists the monthly complaint reports, newest first', async () => {
    const body = await (await fetch(`${t.url}/console/api/reports`, { headers })).json();
    expect(body.reports.map((r: { period: string }) => r.period)).toEqual(['2026-11', '2026-10']);
  });
});
