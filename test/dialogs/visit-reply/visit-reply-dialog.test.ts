import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyCustomer } from '../../../src/customers/customer-service.js';
import type { Language } from '../../../src/messages/channel-kind.js';
import { openTicket } from '../../../src/tickets/ticket-service.js';
import { proposeVisit, scheduleVisit, type VisitContext } from '../../../src/visits/visit-service.js';
import { sendQuote } from '../../../src/visits/visit-work.js';
import { aStaffMember } from '../../support/fixtures.js';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialog-harness.js';
import { play } from '../transcript.js';

/** Offered on Wednesday 25 Nov 2026: Mon 30 Nov 10:00, Tue 1 Dec 14:00, Thu 3 Dec 09:00 (Taipei). */
const MONDAY = new Date('2026-11-30T02:00:00Z');
const TUESDAY = new Date('2026-12-01T06:00:00Z');
const THURSDAY = new Date('2026-12-03T01:00:00Z');

describe.each(databaseKinds)('customers answering visit times and quotes on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  const staff = (): VisitContext => ({ now: h.clock(), actor: 'staff:test', policy: h.deps.policy, calendar: h.deps.calendar, jobs: h.deps.jobs });

  /** A customer with a fault ticket on SMS; `bought` makes the unit out of warranty. */
  async function customerWithTicket(language: Language, bought?: Date) {
    const phone = aPhone();
    const { customer } = await identifyCustomer(h.db.prisma, { kind: 'phone', address: phone, language, name: 'Lin' });
    const ticket = await openTicket(
      h.db.prisma,
      { customerId: customer.id, category: 'fault', channel: 'sms', problem: 'paper jam', productModel: 'Canon G3010', ...(bought ? { purchaseDate: bought } : {}) },
      { now: h.clock(), actor: 'test' },
    );
    return { phone, ticket };
  }

  async function timesOffered(language: Language) {
    const { phone, ticket } = await customerWithTicket(language);
    const engineer = await aStaffMember(h.db.prisma);
    const visit = await proposeVisit(h.db.prisma, { ticketId: ticket.id, engineerId: engineer.id, proposals: [MONDAY, TUESDAY, THURSDAY] }, staff());
    return { phone, ticket, visit };
  }

  async function quoteSent(language: Language) {
    const { phone, ticket } = await customerWithTicket(language, new Date('2020-01-01T00:00:00Z'));
    const engineer = await aStaffMember(h.db.prisma);
    const visit = await scheduleVisit(h.db.prisma, { ticketId: ticket.id, engineerId: engineer.id, scheduledAt: TUESDAY }, staff());
    await sendQuote(h.db.prisma, visit.id, { amount: 3500, currency: 'TWD' }, staff());
    return { phone, ticket, visit };
  }

  const visitOf = (id: string) => h.db.prisma.visit.findUniqueOrThrow({ where: { id } });
  const eventsOf = async (ticketId: string) => (await h.db.prisma.ticketEvent.findMany({ where: { ticketId }, orderBy: { seq: 'asc' } })).map((e) => ({ kind: e.kind, actor: e.actor }));

  it.each([
    { language: 'en' as const, answer: 'the Tuesday one', confirmed: 'confirmed for', at: TUESDAY },
    { language: 'zh-Hant' as const, answer: '週二下午可以', confirmed: '已為您確認工程師', at: TUESDAY },
    { language: 'zh-Hant' as const, answer: '第二個', confirmed: '已為您確認工程師', at: TUESDAY },
    { language: 'zh-Hans' as const, answer: '2', confirmed: '已为您确认工程师', at: TUESDAY },
    { language: 'zh-Hans' as const, answer: '礼拜四上午', confirmed: '已为您确认工程师', at: THURSDAY },
  ])('confirms the time a customer picks with "$answer" ($language)', async ({ language, answer, confirmed, at }) => {
    const { phone, ticket, visit } = await timesOffered(language);
    await play(h, phone, [{ send: answer, expect: [confirmed, ticket.number] }]);
    expect(await visitOf(visit.id)).toMatchObject({ status: 'scheduled', scheduledAt: at, confirmedAt: h.clock() });
    expect(await eventsOf(ticket.id)).toContainEqual({ kind: 'visit_scheduled', actor: 'customer' });
    expect((await h.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('scheduled');
  });

  it.each([
    { language: 'zh-Hant' as const, answer: '都不行', reply: '以上時間都不方便' },
    { language: 'zh-Hans' as const, answer: '都没空', reply: '以上时间都不方便' },
    { language: 'en' as const, answer: 'none of them work', reply: 'none of those times suits you' },
  ])('tells staff when no offered time fits ("$answer", $language)', async ({ language, answer, reply }) => {
    const { phone, ticket, visit } = await timesOffered(language);
    await play(h, phone, [{ send: answer, expect: [reply] }]);
    expect(await visitOf(visit.id)).toMatchObject({ status: 'proposed', proposalsDeclinedAt: h.clock() });
    expect(await eventsOf(ticket.id)).toContainEqual({ kind: 'visit_times_declined', actor: 'customer' });
    const task = await h.db.prisma.staffTask.findFirstOrThrow({ where: { ticketId: ticket.id, kind: 'visit_reschedule' } });
    expect(task).toMatchObject({ status: 'open', details: { visitId: visit.id, answer } });
  });

  it('asks which time when several fit, then confirms the numbered answer', async () => {
    const { phone, visit } = await timesOffered('zh-Hant');
    await play(h, phone, [
      { send: '上午的', expect: ['請問您選的是哪一個時間', /^1\. /m, /^3\. /m] },
      { send: '3', expect: ['已為您確認工程師'] },
    ]);
    expect(await visitOf(visit.id)).toMatchObject({ status: 'scheduled', scheduledAt: THURSDAY });
  });

  it('routes a message that does not answer the offer as a new request and keeps the offer open', async () => {
    const { phone, visit } = await timesOffered('en');
    await play(h, phone, [{ send: 'How long is the warranty on a new toner cartridge?', expect: [/./] }]);
    expect(await visitOf(visit.id)).toMatchObject({ status: 'proposed', confirmedAt: null, proposalsDeclinedAt: null });
  });

  it.each([
    { language: 'zh-Hant' as const, answer: '同意', reply: '感謝您同意報價' },
    { language: 'zh-Hant' as const, answer: '接受報價', reply: '感謝您同意報價' },
    { language: 'zh-Hans' as const, answer: '可以，请维修', reply: '感谢您同意报价' },
    { language: 'en' as const, answer: 'OK go ahead', reply: 'Thank you for accepting the quote' },
  ])('records a quote accepted with "$answer" ($language)', async ({ language, answer, reply }) => {
    const { phone, ticket, visit } = await quoteSent(language);
    await play(h, phone, [{ send: answer, expect: [reply, ticket.number] }]);
    expect(await visitOf(visit.id)).toMatchObject({ quoteAcceptedAt: h.clock(), quoteRefusedAt: null });
    expect(await eventsOf(ticket.id)).toContainEqual({ kind: 'visit_quote_accepted', actor: 'customer' });
  });

  it.each([
    { language: 'zh-Hant' as const, answer: '太貴了不要', reply: '您不接受這次的報價' },
    { language: 'zh-Hans' as const, answer: '太贵了，不修了', reply: '您不接受这次的报价' },
    { language: 'en' as const, answer: 'too expensive, no thanks', reply: 'you do not accept this quote' },
  ])('records a refused quote and asks staff to call ("$answer", $language)', async ({ language, answer, reply }) => {
    const { phone, ticket, visit } = await quoteSent(language);
    await play(h, phone, [{ send: answer, expect: [reply] }]);
    expect(await visitOf(visit.id)).toMatchObject({ quoteAcceptedAt: null, quoteRefusedAt: h.clock() });
    expect(await eventsOf(ticket.id)).toContainEqual({ kind: 'visit_quote_refused', actor: 'customer' });
    const task = await h.db.prisma.staffTask.findFirstOrThrow({ where: { ticketId: ticket.id, kind: 'visit_quote_refused' } });
    expect(task).toMatchObject({ status: 'open', details: { visitId: visit.id, answer, amount: 3500, currency: 'TWD' } });
  });

  it('reads a later "yes" as an ordinary message once the quote is answered', async () => {
    const { phone, ticket, visit } = await quoteSent('en');
    await play(h, phone, [{ send: 'no thanks', expect: ['you do not accept this quote'] }]);
    const reply = await h.say(phone, 'yes');
    expect(reply).not.toContain('accepting the quote');
    expect(await visitOf(visit.id)).toMatchObject({ quoteAcceptedAt: null });
    expect((await eventsOf(ticket.id)).filter((e) => e.kind === 'visit_quote_accepted')).toEqual([]);
  });
});
