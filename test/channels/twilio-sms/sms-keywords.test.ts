import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProactiveDialog } from '../../../src/bot/proactive.js';
import { identifyCustomer } from '../../../src/customers/customer-service.js';
import { openTicket } from '../../../src/tickets/ticket-service.js';
import { keywordReply } from '../../../channels/twilio-sms/sms-keyword-texts.js';
import { smsTextOf } from '../../../channels/twilio-sms/sms-text.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, postTwilio, smsParams, twilioEnv, twimlTexts } from '../twilio-shared/twilio-test-kit.js';

/** Words the carrier (or Twilio) treats as "unsubscribe me": a reply may name them only to say how to opt out. */
const CARRIER_STOP_WORDS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'];
const ADVISES_OTHER_CARRIER_WORD = /(?:["“'「]|\b(?:reply|send|say|text|type)\s+)(?:cancel|end|quit|unsubscribe|stopall)\b/i;
const TRADITIONAL_ONLY = /[訂閱說復簡訊務單態請]/;
const SIMPLIFIED_ONLY = /[订阅说复简讯务单态请]/;

describe.each(databaseKinds)('SMS carrier keywords over signed webhooks on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    // The real dialog engine answers everything that is not a keyword.
    t = await startTestApp(kind, twilioEnv);
  });
  afterAll(async () => {
    await t?.stop();
  });

  const customerOf = async (phone: string) => (await identifyCustomer(t.db.prisma, { kind: 'phone', address: phone })).customer;
  const sms = async (phone: string, body: string) => {
    const res = await postTwilio(t.url, '/twilio/sms', smsParams(phone, body));
    expect(res.status).toBe(200);
    return twimlTexts(res.body, 'Message');
  };

  for (const word of CARRIER_STOP_WORDS) {
    it(`opts the number out on ${word}, silently (Twilio confirms it), without reaching the dialog`, async () => {
      const phone = aPhone();
      expect(await sms(phone, word.toLowerCase() === 'end' ? 'End' : word)).toEqual([]);
      expect(await customerOf(phone)).toMatchObject({ optOutSms: true, optOutSurveys: true });
      expect(await t.db.prisma.message.count({ where: { direction: 'outbound', customerId: (await customerOf(phone)).id } })).toBe(0);
    });
  }

  it('confirms 退訂 in Traditional Chinese', async () => {
    const phone = aPhone();
    const [reply] = await sms(phone, '退訂');
    expect(reply).toContain('您已退訂');
    expect(reply).not.toMatch(SIMPLIFIED_ONLY);
    expect((await customerOf(phone)).optOutSms).toBe(true);
  });

  it('confirms 退订 in Simplified Chinese, whatever the default language', async () => {
    const phone = aPhone();
    const [reply] = await sms(phone, '退订');
    expect(reply).toContain('您已退订');
    expect(reply).toContain('订阅');
    expect(reply).not.toMatch(TRADITIONAL_ONLY);
    expect((await customerOf(phone)).optOutSms).toBe(true);
  });

  it('lets SMS through again on START and UNSTOP, leaving the confirmation to Twilio', async () => {
    for (const word of ['START', 'UNSTOP']) {
      const phone = aPhone();
      await sms(phone, 'STOP');
      expect(await sms(phone, word)).toEqual([]);
      expect((await customerOf(phone)).optOutSms).toBe(false);
    }
  });

  it('confirms 订阅 after 退订 in Simplified Chinese', async () => {
    const phone = aPhone();
    await sms(phone, '退订');
    const [reply] = await sms(phone, '订阅');
    expect(reply).toContain('您已恢复接收服务短信');
    expect((await customerOf(phone)).optOutSms).toBe(false);
  });

  it('answers HELP in English for a new number, naming STOP only for stopping messages', async () => {
    const [reply] = await sms(aPhone(), 'HELP');
    expect(reply).toMatch(/after-sales service line/);
    expect(reply).toContain('Reply STOP to stop messages');
    expect(reply).not.toMatch(ADVISES_OTHER_CARRIER_WORD);
  });

  it('answers HELP in the customer’s own language when we know it (简体中文)', async () => {
    const phone = aPhone();
    const customer = await customerOf(phone);
    await t.db.prisma.customer.update({ where: { id: customer.id }, data: { language: 'zh-Hans' } });
    const [reply] = await sms(phone, 'help');
    expect(reply).toContain('回复“退订”停止');
    expect(reply).not.toMatch(TRADITIONAL_ONLY);
  });

  it('answers 說明 in Traditional and 说明 in Simplified Chinese', async () => {
    expect((await sms(aPhone(), '說明'))[0]).toContain('回覆「退訂」停止');
    expect((await sms(aPhone(), '说明'))[0]).toContain('回复“退订”停止');
  });

  /** A resolved repair, with a survey or a repair check-in sent by SMS and its first question asked. */
  async function askedBySms(phone: string, dialog: 'survey' | 'follow-up') {
    const customer = await customerOf(phone);
    await t.db.prisma.customer.update({ where: { id: customer.id }, data: { language: 'en' } });
    const ticket = await openTicket(t.db.prisma, { customerId: customer.id, category: 'fault', channel: 'sms', problem: 'jam', contactPhone: phone }, { now: t.clock(), actor: 'test' });
    await t.db.prisma.ticket.update({ where: { id: ticket.id }, data: { status: 'resolved', resolvedAt: t.clock() } });
    const at = { channel: 'sms' as const, to: phone, conversationKey: phone, customerId: customer.id };
    if (dialog === 'survey') {
      const survey = await t.db.prisma.survey.create({ data: { ticketId: ticket.id, customerId: customer.id, channel: 'sms', scheduledFor: t.clock(), status: 'sent' } });
      await startProactiveDialog(t.app, { ...at, dialog, options: { surveyId: survey.id, ticketNumber: ticket.number } });
      return { ticket, surveyId: survey.id };
    }
    const followUp = await t.db.prisma.followUp.create({
      data: { customerId: customer.id, ticketId: ticket.id, kind: 'repair_checkin', dueAt: t.clock(), status: 'sent', channel: 'sms', dedupeKey: `test:${ticket.id}` },
    });
    await startProactiveDialog(t.app, { ...at, dialog, options: { followUpId: followUp.id, kind: 'repair_checkin', ticketId: ticket.id, ticketNumber: ticket.number } });
    return { ticket, followUpId: followUp.id };
  }

  it('closes the survey a customer is answering when they text STOP, keeping the scores given', async () => {
    const phone = aPhone();
    const { surveyId } = await askedBySms(phone, 'survey');
    await sms(phone, '4');
    await sms(phone, 'STOP');
    expect(await t.db.prisma.survey.findUniqueOrThrow({ where: { id: surveyId } })).toMatchObject({ status: 'cancelled', attitude: 4 });
  });

  it('takes no score after STOP and START: a "5" is not recorded on the closed survey', async () => {
    const phone = aPhone();
    const { surveyId } = await askedBySms(phone, 'survey');
    await sms(phone, '4');
    await sms(phone, 'STOP');
    await sms(phone, 'START');
    const replies = await sms(phone, '5');
    expect(await t.db.prisma.survey.findUniqueOrThrow({ where: { id: surveyId } })).toMatchObject({ attitude: 4, skill: null });
    expect(replies.join(' ')).not.toMatch(/technical skill|1 \(very poor\) to 5/);
  });

  it('closes the repair check-in waiting for an answer when the customer texts STOP, and a later "no" opens no report', async () => {
    const phone = aPhone();
    const { ticket, followUpId } = await askedBySms(phone, 'follow-up');
    await sms(phone, 'STOP');
    expect(await t.db.prisma.followUp.findUniqueOrThrow({ where: { id: followUpId } })).toMatchObject({ status: 'cancelled', outcome: null });
    await sms(phone, 'START');
    expect((await sms(phone, 'no')).join(' ')).not.toContain('describe the problem');
    expect(await t.db.prisma.ticket.count({ where: { linkedTicketId: ticket.id } })).toBe(0);
  });

  it('leaves a check-in call waiting for its answer alone when the customer texts STOP: only SMS is stopped', async () => {
    const phone = aPhone();
    const customer = await customerOf(phone);
    const followUp = await t.db.prisma.followUp.create({
      data: { customerId: customer.id, kind: 'quarterly_contact', dueAt: t.clock(), status: 'sent', channel: 'voice', dedupeKey: `test:call:${customer.id}` },
    });
    await sms(phone, 'STOP');
    expect(await t.db.prisma.followUp.findUniqueOrThrow({ where: { id: followUp.id } })).toMatchObject({ status: 'sent' });
  });

  it('never advises a carrier keyword other than for opting out in the bot’s own help over SMS (English)', async () => {
    const phone = aPhone();
    await t.db.prisma.customer.update({ where: { id: (await customerOf(phone)).id }, data: { language: 'en' } });
    const replies = await sms(phone, '?');
    expect(replies.join(' ')).toMatch(/start over/i);
    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies) expect(reply).not.toMatch(ADVISES_OTHER_CARRIER_WORD);
  });
});

describe('SMS keyword texts', () => {
  it('never advise CANCEL, END, QUIT, UNSUBSCRIBE or STOPALL in any language', () => {
    for (const keyword of ['help', 'stop', 'start'] as const) {
      for (const [text, known] of [['說明', null], ['说明', null], ['訂閱', null], ['订阅', null], ['help', 'en'], ['help', 'zh-Hant'], ['help', 'zh-Hans']] as const) {
        const reply = keywordReply(keyword, text, known);
        if (reply) expect(reply).not.toMatch(ADVISES_OTHER_CARRIER_WORD);
      }
    }
  });

  it('renders a dialog’s "cancel" advice as "start over" by SMS, leaving other quoted words alone', () => {
    expect(smsTextOf({ text: 'Say "cancel" to start over or "agent" to reach a person.' })).toBe('Say "start over" to start over or "agent" to reach a person.');
    expect(smsTextOf({ text: 'Reply STOP to stop messages.' })).toBe('Reply STOP to stop messages.');
  });
});
