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

    await db.report.create({
      data: {
        kind: 'monthly_complaints',
        period: '2026-11',
        data: {
          period: '2026-11', timeZone: 'Asia/Taipei', from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z', total: 2,
          byType: { service_attitude: 2 }, byStatus: { resolved: 1, in_progress: 1 }, resolution: { resolved: 1, averageHours: 5, medianHours: 5, maxHours: 5 },
          repeatCustomers: [], returningComplainants: 0,
          tickets: [{ number: 'SR-2026-800003', type: 'service_attitude', status: 'in_progress', openedAt: '2026-11-04T01:00:00.000Z', resolvedAt: null }],
        },
      },
    });
    await db.report.create({ data: { kind: 'monthly_complaints', period: '2026-10', data: { total: 1 } } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('computes satisfaction, resolution, first response, complaints and on-time repair for a month', async () => {
    const res = await fetch(`${t.url}/console/api/kpis?from=2026-11-01&to=2026-11-30`, { headers });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
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

  it('breaks the figures down: score distribution, business-hours first response, SLA met, on-site and repair, per channel, category, staff and day', async () => {
    const body = await (await fetch(`${t.url}/console/api/kpis?from=2026-11-01&to=2026-11-30`, { headers })).json();
    expect(body.satisfactionDistribution).toEqual({ '1': 0, '2': 1, '3': 0, '4': 1, '5': 1 });
    // Every ticket opened at 09:00 Taipei on a working day and answered within the hour: business minutes equal clock minutes.
    expect(body.firstResponseBusiness.medianMinutes).toBe(25);
    expect(body.slaMet).toEqual({ met: 2, breached: 2, rate: 0.5 });
    expect(body.onTimeOnSite).toEqual({ met: 1, breached: 1, rate: 0.5 });
    expect(body.onTimeRepairOnly).toEqual({ met: 1, breached: 0, rate: 1 });
    expect(body.byChannel).toEqual([expect.objectContaining({ key: 'sms', tickets: 7, resolved: 3 })]);
    expect(body.byCategory.map((c: { key: string; tickets: number }) => [c.key, c.tickets])).toEqual([['fault', 3], ['complaint', 2], ['inquiry', 2]]);
    expect(body.byStaff).toEqual([expect.objectContaining({ key: 'unassigned', label: 'unassigned', tickets: 7 })]);
    expect(body.bucket).toBe('day');
    expect(body.overTime).toHaveLength(30);
    expect(body.overTime[1]).toMatchObject({ key: '2026-11-02', tickets: 1, resolved: 1, satisfactionAverage: 4.5 });
    const weekly = await (await fetch(`${t.url}/console/api/kpis?from=2026-11-01&to=2026-11-30&bucket=week`, { headers })).json();
    expect(weekly.overTime[0]).toMatchObject({ key: '2026-10-26', tickets: 1 });
  });

  it('exports the KPIs as CSV, one row per slice', async () => {
    const res = await fetch(`${t.url}/console/api/kpis?from=2026-11-01&to=2026-11-30&format=csv`, { headers });
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('kpis-2026-11-01-2026-11-30.csv');
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('dimension,key,label,tickets,resolved,resolutionRate,complaints,complaintRate,satisfactionResponses,satisfactionAverage,firstResponseMedianBusinessMinutes,slaMetRate,onTimeOnSiteRate,onTimeRepairRate');
    expect(lines[1]).toMatch(/^total,all,.*,7,3,0\.4286,2,0\.2857,3,3\.67,25,0\.5,0\.5,1$/);
    expect(lines.filter((l) => l.startsWith('day,'))).toHaveLength(30);
  });

  it('shows a monthly complaint report and downloads it as CSV or text', async () => {
    const json = await (await fetch(`${t.url}/console/api/reports/2026-11`, { headers })).json();
    expect(json.report.period).toBe('2026-11');
    expect(json.text).toContain('2026-11');
    const csvRes = await fetch(`${t.url}/console/api/reports/2026-11?format=csv`, { headers });
    expect(csvRes.headers.get('content-disposition')).toContain('complaints-2026-11.csv');
    expect(await csvRes.text()).toContain('SR-2026-800003,service_attitude,in_progress');
    const text = await fetch(`${t.url}/console/api/reports/2026-11?format=text`, { headers });
    expect(text.headers.get('content-type')).toContain('text/plain');
    expect((await fetch(`${t.url}/console/api/reports/2025-01`, { headers })).status).toBe(404);
  });

  it('keeps KPI exports and reports from agents', async () => {
    const agent = await aSignedInStaff(t.app.database.prisma, 'agent');
    expect((await fetch(`${t.url}/console/api/kpis?format=csv`, { headers: agent.headers })).status).toBe(403);
    expect((await fetch(`${t.url}/console/api/reports/2026-11?format=csv`, { headers: agent.headers })).status).toBe(403);
  });
});
