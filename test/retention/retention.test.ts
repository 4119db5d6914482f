import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRetentionJob } from '../../src/jobs/handlers/retention-job.js';
import { ANONYMISED, planRetention, retentionCutoff, retentionYears, runRetention } from '../../src/retention/retention-service.js';
import { databaseKinds } from '../support/test-database.js';
import { startScheduler, taipei } from '../scheduler/scheduler-fixture.js';

const NOW = taipei('2026-11-30T03:30');
const ctx = { now: NOW, years: 5, timeZone: 'Asia/Taipei' };

describe('retention period', () => {
  it('is RETENTION_YEARS when set, else the policy’s years', () => {
    expect(retentionYears(undefined, 5)).toBe(5);
    expect(retentionYears(7, 5)).toBe(7);
    expect(retentionYears(0, 5)).toBe(0);
  });

  it('counts calendar years back in the business time zone', () => {
    expect(retentionCutoff(NOW, 5, 'Asia/Taipei')).toEqual(taipei('2021-11-30T03:30'));
  });
});

describe.each(databaseKinds)('retention on %s', (kind) => {
  let s: Awaited<ReturnType<typeof startScheduler>>;
  beforeAll(async () => {
    s = await startScheduler(kind);
  });
  afterAll(async () => {
    await s?.t.stop();
  });

  /** A ticket opened and closed at the given times, with a customer message, a survey and a visit. */
  async function aClosedTicket(opened: string, closed: string, customerId?: string) {
    const t = await s.aTicket(taipei(opened), {
      ...(customerId ? { customerId } : {}),
      contactName: 'Chen Mei',
      contactPhone: '+886912345678',
      contactEmail: 'mei@example.test',
      siteAddress: '台北市信義區松高路 1 號',
      problem: 'printer jams, call Mei on 0912 345 678',
      productModel: 'LP-200',
      province: '台北市',
    });
    const conversation = await s.db.conversation.create({ data: { channel: 'sms', threadKey: `t-${t.ticket.id}`, customerId: t.customer.id, ticketId: t.ticket.id, createdAt: taipei(opened), updatedAt: taipei(closed) } });
    await s.db.message.create({
      data: { conversationId: conversation.id, customerId: t.customer.id, ticketId: t.ticket.id, direction: 'inbound', channel: 'sms', author: 'customer', text: 'my address is 松高路 1 號', createdAt: taipei(opened) },
    });
    await s.db.survey.create({
      data: { ticketId: t.ticket.id, customerId: t.customer.id, channel: 'sms', status: 'completed', scheduledFor: taipei(closed), overall: 4, attitude: 5, suggestion: 'ask for Mei next time' },
    });
    await s.db.visit.create({ data: { ticketId: t.ticket.id, scheduledAt: taipei(opened), notes: 'gate code 1234', signOffName: 'Chen Mei' } });
    await s.move(t.ticket.id, 'resolved', taipei(closed));
    await s.move(t.ticket.id, 'closed', taipei(closed));
    return t;
  }

  it('finds the tickets closed before the cutoff, and the customers with nothing left in retention; a dry run changes nothing', async () => {
    const gone = await aClosedTicket('2020-03-02T10:00', '2020-03-05T10:00');
    const oldOfKept = await aClosedTicket('2019-06-03T10:00', '2019-06-04T10:00');
    await aClosedTicket('2025-06-03T10:00', '2025-06-04T10:00', oldOfKept.customer.id); // recent: keeps the customer
    const recent = await aClosedTicket('2022-01-03T10:00', '2022-01-04T10:00');

    const result = await runRetention(s.db, { ...ctx, dryRun: true });
    expect(result?.dryRun).toBe(true);
    const numbers = result!.tickets.map((t) => t.number);
    expect(numbers).toEqual(expect.arrayContaining([gone.ticket.number, oldOfKept.ticket.number]));
    expect(numbers).not.toContain(recent.ticket.number);
    expect(result!.customers.map((c) => c.id)).toContain(gone.customer.id);
    expect(result!.customers.map((c) => c.id)).not.toContain(oldOfKept.customer.id);

    const untouched = await s.db.ticket.findUniqueOrThrow({ where: { id: gone.ticket.id } });
    expect(untouched).toMatchObject({ contactName: 'Chen Mei', anonymisedAt: null });
    expect(await s.db.accessAudit.count({ where: { action: 'retention_anonymise' } })).toBe(0);
  });

  it('anonymises the personal data of a ticket past retention and keeps what the KPIs need', async () => {
    const t = await aClosedTicket('2020-05-04T10:00', '2020-05-06T15:00');
    const before = await s.db.ticket.findUniqueOrThrow({ where: { id: t.ticket.id }, include: { promises: true } });

    await runRetention(s.db, ctx);

    const after = await s.db.ticket.findUniqueOrThrow({ where: { id: t.ticket.id }, include: { promises: true, messages: true, surveys: true, visits: true } });
    expect(after).toMatchObject({
      title: ANONYMISED,
      problem: ANONYMISED,
      contactName: null,
      contactPhone: null,
      contactEmail: null,
      siteAddress: null,
      anonymisedAt: NOW,
      // Statistics stay.
      number: before.number,
      category: 'fault',
      status: 'closed',
      productModel: 'LP-200',
      province: '台北市',
      createdAt: before.createdAt,
      resolvedAt: before.resolvedAt,
      closedAt: before.closedAt,
    });
    expect(after.promises).toEqual(before.promises);
    expect(after.messages.map((m) => m.text)).toEqual([ANONYMISED]);
    expect(after.surveys[0]).toMatchObject({ overall: 4, attitude: 5, suggestion: null });
    expect(after.visits[0]).toMatchObject({ notes: null, signOffName: null });
    const customer = await s.db.customer.findUniqueOrThrow({ where: { id: t.customer.id }, include: { contacts: true } });
    expect(customer).toMatchObject({ name: null, contacts: [] });
    expect(customer.anonymisedAt).toEqual(NOW);
  });

  it('writes each ticket and customer it anonymised to the audit log, once', async () => {
    const t = await aClosedTicket('2020-07-06T10:00', '2020-07-07T10:00');
    await runRetention(s.db, ctx);
    const rows = await s.db.accessAudit.findMany({ where: { action: 'retention_anonymise', customerId: t.customer.id }, orderBy: { ticketId: 'asc' } });
    expect(rows.map((r) => [r.actor, r.ticketId])).toEqual([
      ['system:retention', t.ticket.id],
      ['system:retention', null],
    ]);
    expect(rows[0]!.detail).toMatchObject({ ticketNumber: t.ticket.number, years: 5 });

    expect((await planRetention(s.db, ctx))!.tickets).toEqual([]);
    await runRetention(s.db, ctx);
    expect(await s.db.accessAudit.count({ where: { action: 'retention_anonymise', customerId: t.customer.id } })).toBe(2);
  });

  it('keeps everything when the period is 0 years', async () => {
    const t = await aClosedTicket('2010-01-04T10:00', '2010-01-05T10:00');
    expect(await runRetention(s.db, { ...ctx, years: 0 })).toBeNull();
    expect((await s.db.ticket.findUniqueOrThrow({ where: { id: t.ticket.id } })).contactName).toBe('Chen Mei');
  });

  it('runs as the daily job with RETENTION_YEARS taking precedence over the policy', async () => {
    const t = await aClosedTicket('2024-01-08T10:00', '2024-01-09T10:00');
    const job = (envYears: number | undefined) => createRetentionJob({ db: s.db, clock: () => NOW, policy: s.app.policy, timeZone: 'Asia/Taipei', envYears });
    await job(undefined)({}, { id: 'test', retryCount: 0 }); // the policy's 5 years: too recent
    expect((await s.db.ticket.findUniqueOrThrow({ where: { id: t.ticket.id } })).anonymisedAt).toBeNull();
    expect(await job(2)({}, { id: 'test', retryCount: 0 })).toBe('done');
    expect((await s.db.ticket.findUniqueOrThrow({ where: { id: t.ticket.id } })).anonymisedAt).toEqual(NOW);
  });
});
