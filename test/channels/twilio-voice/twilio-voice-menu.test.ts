import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundMessageInput } from '../../../src/messages/outbound-message.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, callParams, postTwilio, PUBLIC_BASE_URL, scriptedTurn, sid, twilioEnv, twimlTexts, voiceLineOf } from '../twilio-shared/twilio-test-kit.js';

const STAFF = '+886277009999';

describe.each(databaseKinds)('voice IVR in business hours on %s', (kind) => {
  let t: TestApp;
  let turn: ReturnType<typeof scriptedTurn>;
  let script: (text: string) => OutboundMessageInput['meta'];
  beforeAll(async () => {
    // 2026-11-25T02:00Z is Wednesday 10:00 in Taipei.
    t = await startTestApp(kind, { ...twilioEnv, STAFF_PHONE_NUMBER: STAFF });
    script = () => ({ expectInput: true });
    turn = scriptedTurn(t.db.prisma, (m) => [{ channel: 'voice', to: m.from, text: `bot heard ${m.text}`, meta: script(m.text) }]);
    voiceLineOf(t).useTurn(turn);
  });
  afterAll(async () => {
    await t?.stop();
  });

  /** Starts a call at the greeting and returns its CallSid and caller. */
  async function call(from = aPhone()) {
    const callSid = sid('CA');
    const res = await postTwilio(t.url, '/twilio/voice', callParams(callSid, from));
    expect(res.status).toBe(200);
    return { callSid, from, greeting: res.body };
  }
  const step = (path: string, callSid: string, from: string, extra: Record<string, string>) => postTwilio(t.url, path, callParams(callSid, from, extra));

  it('rings staff first, greeting in Mandarin and English, for about three rings', async () => {
    const { greeting } = await call();
    expect(twimlTexts(greeting, 'Say')).toEqual(['您好，這裡是售後服務專線，正在為您轉接專人，請稍候。', 'Hello, this is the after-sales service line. Connecting you to a colleague. Please hold.']);
    expect(greeting).toMatch(new RegExp(`<Dial action="${PUBLIC_BASE_URL}/twilio/voice/dial-result\\?lang=zh&amp;then=menu"[^>]*timeout="15"[^>]*>\\${STAFF}</Dial>`));
    expect(greeting).not.toContain('<Gather');
  });

  it('falls back to the menu, 0 for a person first, when nobody answers the first ring', async () => {
    const { callSid, from } = await call();
    const res = await step('/twilio/voice/dial-result?lang=zh&then=menu', callSid, from, { DialCallStatus: 'no-answer' });
    expect(res.body).toContain(`<Gather input="dtmf speech" action="${PUBLIC_BASE_URL}/twilio/voice/menu?lang=zh"`);
    const says = twimlTexts(res.body, 'Say');
    expect(says[0]).toBe('同仁目前都在忙線中，請使用語音選單，我們一樣會為您處理。');
    expect(says[1]).toMatch(/^轉接專人請按0。/);
    expect(res.body).not.toContain('<Record');
    expect((await t.db.prisma.callLog.findUniqueOrThrow({ where: { callSid } })).outcome).toBe('menu');
  });

  it('logs a call staff answered at the first ring as handed to a person', async () => {
    const { callSid, from } = await call();
    const res = await step('/twilio/voice/dial-result?lang=zh&then=menu', callSid, from, { DialCallStatus: 'completed' });
    expect(res.body).toContain('<Hangup/>');
    expect((await t.db.prisma.callLog.findUniqueOrThrow({ where: { callSid } })).outcome).toBe('handoff');
  });

  it('logs the call on the caller\'s customer record', async () => {
    const { callSid, from } = await call();
    const log = await t.db.prisma.callLog.findUniqueOrThrow({ where: { callSid }, include: { customer: { include: { contacts: true } } } });
    expect(log).toMatchObject({ from, outcome: 'menu', status: 'in-progress' });
    expect(log.customer?.contacts.map((c) => c.address)).toContain(from);
  });

  it('starts the fault dialog on key 1 and listens for the answer', async () => {
    const { callSid, from } = await call();
    const res = await step('/twilio/voice/menu?lang=zh', callSid, from, { Digits: '1' });
    const seen = turn.seen.find((m) => m.externalId === `${callSid}:1`);
    expect(seen).toMatchObject({ channel: 'voice', text: '我要報修', conversationKey: callSid, meta: expect.objectContaining({ menuChoice: 'fault', dtmf: '1' }) });
    expect(res.body).toContain(`action="${PUBLIC_BASE_URL}/twilio/voice/turn?lang=zh&amp;n=2"`);
    expect(twimlTexts(res.body, 'Say')).toEqual(['bot heard 我要報修']);
  });

  it('passes what the caller said at the menu to the dialog, turn by turn', async () => {
    const { callSid, from } = await call();
    await step('/twilio/voice/menu?lang=zh', callSid, from, { SpeechResult: '我的印表機壞了', Confidence: '0.91' });
    const res = await step('/twilio/voice/turn?lang=zh&n=2', callSid, from, { SpeechResult: '型號是 LP-200', Confidence: '0.88' });
    expect(turn.seen.filter((m) => m.conversationKey === callSid).map((m) => [m.externalId, m.text])).toEqual([
      [`${callSid}:1`, '我的印表機壞了'],
      [`${callSid}:2`, '型號是 LP-200'],
    ]);
    expect(twimlTexts(res.body, 'Say')).toEqual(['bot heard 型號是 LP-200']);
    expect((await t.db.prisma.callLog.findUniqueOrThrow({ where: { callSid } })).outcome).toBe('dialog');
  });

  it('asks again when speech is unsure, offers a person, then puts the caller through', async () => {
    const { callSid, from } = await call();
    const unsure = { SpeechResult: '嗯嗯', Confidence: '0.2' };
    const second = await step('/twilio/voice/menu?lang=zh', callSid, from, unsure);
    expect(twimlTexts(second.body, 'Say')[0]).toBe('抱歉，我沒有聽清楚。');
    expect(second.body).toContain('menu?lang=zh&amp;attempt=2');
    const third = await step('/twilio/voice/menu?lang=zh&attempt=2', callSid, from, {});
    expect(twimlTexts(third.body, 'Say')).toContain('如需轉接專人，請按0。');
    const fourth = await step('/twilio/voice/menu?lang=zh&attempt=3', callSid, from, unsure);
    expect(fourth.body).toContain(`<Dial action="${PUBLIC_BASE_URL}/twilio/voice/dial-result?lang=zh"`);
    expect(turn.seen.some((m) => m.conversationKey === callSid)).toBe(false);
  });

  it('switches to English on key 9', async () => {
    const { callSid, from } = await call();
    const res = await step('/twilio/voice/menu?lang=zh', callSid, from, { Digits: '9' });
    expect(res.body).toContain('language="en-US"');
    expect(res.body).toContain('menu?lang=en');
    expect(twimlTexts(res.body, 'Say')[1]).toMatch(/^To speak to a person, press 0\./);
    expect(twimlTexts(res.body, 'Say')).toContain('中文服務請按8，轉接專人請按0。');
  });

  it('reads a ticket number from the keypad for the status dialog', async () => {
    const { callSid, from } = await call();
    const ask = await step('/twilio/voice/menu?lang=en', callSid, from, { Digits: '4' });
    expect(ask.body).toContain('<Gather input="dtmf"');
    expect(ask.body).toContain('finishOnKey="#"');
    await step('/twilio/voice/ticket?lang=en', callSid, from, { Digits: '2026000123' });
    expect(turn.seen.find((m) => m.externalId === `${callSid}:1`)).toMatchObject({
      text: 'Status of my service ticket SR-2026-000123',
      meta: expect.objectContaining({ menuChoice: 'status', ticketNumber: 'SR-2026-000123' }),
    });
  });

  it('dials the on-duty staff number on key 0 and records the handoff', async () => {
    const { callSid, from } = await call();
    const res = await step('/twilio/voice/menu?lang=zh', callSid, from, { Digits: '0' });
    expect(res.body).toMatch(new RegExp(`<Dial [^>]*timeout="20"[^>]*>\\${STAFF}</Dial>`));
    expect((await t.db.prisma.callLog.findUniqueOrThrow({ where: { callSid } })).outcome).toBe('handoff');
  });

  it('hands a call the dialog gave up on to a person, marking its conversation as waiting for staff', async () => {
    const { callSid, from } = await call();
    script = () => ({ handoff: true });
    try {
      const res = await step('/twilio/voice/menu?lang=zh', callSid, from, { Digits: '3' });
      expect(res.body).toContain(`>${STAFF}</Dial>`);
    } finally {
      script = () => ({ expectInput: true });
    }
    const conversation = await t.db.prisma.conversation.findUniqueOrThrow({ where: { channel_threadKey: { channel: 'voice', threadKey: callSid } } });
    expect(conversation).toMatchObject({ state: 'waiting_staff', handoffReason: 'the bot handed the call over' });
  });

  it('offers voicemail when nobody answers the transfer', async () => {
    const { callSid, from } = await call();
    const res = await step('/twilio/voice/dial-result?lang=zh', callSid, from, { DialCallStatus: 'no-answer' });
    expect(res.body).toContain(`<Record action="${PUBLIC_BASE_URL}/twilio/voice/voicemail?lang=zh&amp;reason=no_answer"`);
    expect(res.body).toContain(`transcribeCallback="${PUBLIC_BASE_URL}/twilio/voice/transcription"`);
  });

  it('ends the call after the dialog says it expects nothing more', async () => {
    const { callSid, from } = await call();
    script = () => ({ expectInput: false });
    try {
      const res = await step('/twilio/voice/menu?lang=zh', callSid, from, { Digits: '2' });
      expect(res.body).toMatch(/<\/Say><Hangup\/><\/Response>$/);
    } finally {
      script = () => ({ expectInput: true });
    }
  });

  it('records duration and outcome from the call status callback', async () => {
    const { callSid, from } = await call();
    const res = await step('/twilio/voice/status', callSid, from, { CallStatus: 'completed', CallDuration: '42' });
    expect(res.status).toBe(204);
    expect(await t.db.prisma.callLog.findUniqueOrThrow({ where: { callSid } })).toMatchObject({ status: 'completed', durationSec: 42, outcome: 'abandoned' });
  });

  it('puts a caller without a number through to a person instead of the dialogs', async () => {
    const callSid = sid('CA');
    await postTwilio(t.url, '/twilio/voice', callParams(callSid, 'anonymous'));
    const res = await step('/twilio/voice/menu?lang=zh', callSid, 'anonymous', { Digits: '1' });
    expect(res.body).toContain(`>${STAFF}</Dial>`);
    expect(turn.seen.some((m) => m.conversationKey === callSid)).toBe(false);
    expect(await t.db.prisma.callLog.findUniqueOrThrow({ where: { callSid } })).toMatchObject({ from: 'anonymous', customerId: null });
  });

  it('rejects a call webhook with a malformed CallSid', async () => {
    const res = await postTwilio(t.url, '/twilio/voice', callParams('CA123', aPhone()));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.message).toMatch(/CallSid/);
  });
});

describe.each(databaseKinds)('voice IVR in business hours without a staff number on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, twilioEnv);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('offers 0 for a person at the start of the first prompt, in Mandarin and in English', async () => {
    const res = await postTwilio(t.url, '/twilio/voice', callParams(sid('CA'), aPhone()));
    expect(res.body).toContain(`<Gather input="dtmf speech" action="${PUBLIC_BASE_URL}/twilio/voice/menu?lang=zh"`);
    expect(res.body).toContain('language="cmn-Hant-TW"');
    const says = twimlTexts(res.body, 'Say');
    expect(says).toEqual(['您好，這裡是售後服務專線。', expect.stringMatching(/^轉接專人請按0。報修請按1/), 'For English, press 9. To speak to a person, press 0.']);
    expect(res.body).toMatch(/<Say language="en-US"[^>]*>For English, press 9\. To speak to a person, press 0\.<\/Say>/);
    expect(res.body).not.toContain('<Dial');
  });
});
