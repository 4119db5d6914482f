import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyCustomer } from '../../../src/customers/customer-service.js';
import { openTicket, resolveTicket } from '../../../src/tickets/ticket-service.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, postTwilio, scriptedTurn, smsAdapterOf, smsParams, twilioEnv, twimlTexts } from '../twilio-shared/twilio-test-kit.js';

describe.each(databaseKinds)('STOP, START and HELP on %s', (kind) => {
  let t: TestApp;
  let turn: ReturnType<typeof scriptedTurn>;
  beforeAll(async () => {
    t = await startTestApp(kind, twilioEnv);
    turn = scriptedTurn(t.db.prisma, (m) => [{ channel: 'sms', to: m.from, text: `dialog: ${m.text}` }]);
    smsAdapterOf(t).useTurn(turn);
  });
  afterAll(async () => {
    await t?.stop();
  });

  const customerOf = async (phone: string) => (await identifyCustomer(t.db.prisma, { kind: 'phone', address: phone })).customer;

  it('opts the number out of SMS and surveys on STOP, before the dialog, leaving the answer to Twilio', async () => {
    const phone = aPhone();
    const params = smsParams(phone, ' Stop ');
    const res = await postTwilio(t.url, '/twilio/sms', params);
    expect(twimlTexts(res.body, 'Message')).toEqual([]);
    expect(await customerOf(phone)).toMatchObject({ optOutSms: true, optOutSurveys: true });
    expect(turn.seen.some((m) => m.externalId === params.MessageSid)).toBe(false);
  });

  it('confirms a Chinese 退訂 itself, since Twilio does not know the word', async () => {
    const phone = aPhone();
    const res = await postTwilio(t.url, '/twilio/sms', smsParams(phone, '退訂'));
    expect(twimlTexts(res.body, 'Message')[0]).toContain('您已退訂');
    expect((await customerOf(phone)).optOutSms).toBe(true);
  });

  it('treats 取消訂閱 as STOP too', async () => {
    const phone = aPhone();
    await postTwilio(t.url, '/twilio/sms', smsParams(phone, '取消訂閱'));
    expect((await customerOf(phone)).optOutSms).toBe(true);
  });

  it('lets SMS through again on START, keeping surveys off', async () => {
    const phone = aPhone();
    await postTwilio(t.url, '/twilio/sms', smsParams(phone, 'STOP'));
    await postTwilio(t.url, '/twilio/sms', smsParams(phone, 'START'));
    expect(await customerOf(phone)).toMatchObject({ optOutSms: false, optOutSurveys: true });
  });

  it('passes "yes" to the dialog when the number is not opted out', async () => {
    const res = await postTwilio(t.url, '/twilio/sms', smsParams(aPhone(), 'yes'));
    expect(twimlTexts(res.body, 'Message')).toEqual(['dialog: yes']);
  });

  it('answers HELP with what the line is for and how to stop', async () => {
    const res = await postTwilio(t.url, '/twilio/sms', smsParams(aPhone(), 'help'));
    expect(twimlTexts(res.body, 'Message')[0]).toMatch(/after-sales service line.*Reply STOP/);
  });

  it('cancels the survey waiting for a customer who texts STOP', async () => {
    const phone = aPhone();
    const customer = await customerOf(phone);
    const ctx = { now: t.clock(), actor: 'test', events: t.app.events };
    const ticket = await openTicket(t.db.prisma, { customerId: customer.id, category: 'fault', channel: 'sms', problem: 'broken', contactPhone: phone }, ctx);
    await resolveTicket(t.db.prisma, ticket.id, ctx);
    expect(await t.db.prisma.survey.findFirst({ where: { ticketId: ticket.id } })).toMatchObject({ status: 'scheduled' });
    await postTwilio(t.url, '/twilio/sms', smsParams(phone, 'STOP'));
    expect(await t.db.prisma.survey.findFirst({ where: { ticketId: ticket.id } })).toMatchObject({ status: 'cancelled' });
  });

  it('gives a retried 退訂 the same answer and stores the message once', async () => {
    const params = smsParams(aPhone(), '退訂');
    const first = await postTwilio(t.url, '/twilio/sms', params);
    const retry = await postTwilio(t.url, '/twilio/sms', params);
    expect(twimlTexts(retry.body, 'Message')).toEqual(twimlTexts(first.body, 'Message'));
    expect(await t.db.prisma.message.count({ where: { externalId: params.MessageSid } })).toBe(1);
  });

  it('answers ten simultaneous copies of one STOP without an error and stores it once', async () => {
    const phone = aPhone();
    const params = smsParams(phone, '退訂');
    const answers = await Promise.all(Array.from({ length: 10 }, () => postTwilio(t.url, '/twilio/sms', params)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(await t.db.prisma.message.count({ where: { externalId: params.MessageSid } })).toBe(1);
    expect(await t.db.prisma.contactPoint.count({ where: { address: phone } })).toBe(1);
    expect((await customerOf(phone)).optOutSms).toBe(true);
  });
});
