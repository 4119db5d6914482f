import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTurn } from '../../../src/bot/turn.js';
import { createTurnProcessor } from '../../../src/bot/turn-processor.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, postTwilio, scriptedTurn, sid, smsAdapterOf, smsParams, twilioEnv, twimlTexts } from '../twilio-shared/twilio-test-kit.js';

describe.each(databaseKinds)('SMS webhook on %s', (kind) => {
  let t: TestApp;
  let turn: ReturnType<typeof scriptedTurn>;
  beforeAll(async () => {
    t = await startTestApp(kind, twilioEnv);
    turn = scriptedTurn(t.db.prisma, (m) => [{ channel: 'sms', to: m.from, text: `Got it: ${m.text}` }]);
    smsAdapterOf(t).useTurn(turn);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('answers a signed message with the dialog reply as TwiML', async () => {
    const res = await postTwilio(t.url, '/twilio/sms', smsParams(aPhone(), 'My printer is broken'));
    expect(res.status).toBe(200);
    expect(res.contentType).toContain('text/xml');
    expect(twimlTexts(res.body, 'Message')).toEqual(['Got it: My printer is broken']);
  });

  it('processes a retried MessageSid once and gives the retry the same reply', async () => {
    const params = smsParams(aPhone(), 'once only');
    const first = await postTwilio(t.url, '/twilio/sms', params);
    const retry = await postTwilio(t.url, '/twilio/sms', params);
    expect(twimlTexts(retry.body, 'Message')).toEqual(twimlTexts(first.body, 'Message'));
    expect(turn.seen.filter((m) => m.externalId === params.MessageSid)).toHaveLength(1);
    expect(await t.db.prisma.message.count({ where: { channel: 'sms', externalId: params.MessageSid } })).toBe(1);
  });

  it('accepts a number from a Messaging Service pool', async () => {
    const params = smsParams(aPhone(), 'pooled', { MessagingServiceSid: sid('MG'), To: '+14155550199' });
    const res = await postTwilio(t.url, '/twilio/sms', params);
    expect(res.status).toBe(200);
    expect(turn.seen.find((m) => m.externalId === params.MessageSid)?.meta).toMatchObject({ to: '+14155550199', messagingServiceSid: params.MessagingServiceSid });
  });

  it('keeps MMS photos as attachment references on the message', async () => {
    const params = smsParams(aPhone(), 'photo of the fault', {
      NumMedia: '2',
      MediaUrl0: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1',
      MediaContentType0: 'image/jpeg',
      MediaUrl1: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2',
      MediaContentType1: 'image/png',
    });
    expect((await postTwilio(t.url, '/twilio/sms', params)).status).toBe(200);
    const stored = await t.db.prisma.message.findUniqueOrThrow({ where: { channel_externalId: { channel: 'sms', externalId: params.MessageSid } }, include: { files: true } });
    expect(stored.files.map((f) => [f.url, f.contentType])).toEqual([
      [params.MediaUrl0, 'image/jpeg'],
      [params.MediaUrl1, 'image/png'],
    ]);
  });

  it('splits a long Chinese reply into SMS-sized messages at sentence ends', async () => {
    const sentence = '您的服務單已建立，工程師會在一個工作天內與您聯絡確認到場時間。';
    const long = scriptedTurn(t.db.prisma, (m) => [{ channel: 'sms', to: m.from, text: sentence.repeat(8) }]);
    smsAdapterOf(t).useTurn(long);
    try {
      const res = await postTwilio(t.url, '/twilio/sms', smsParams(aPhone(), '報修'));
      const parts = twimlTexts(res.body, 'Message');
      expect(parts.length).toBeGreaterThan(1);
      for (const part of parts) {
        expect(part.length).toBeLessThanOrEqual(3 * 67);
        expect(part).toMatch(/。 \(\d\/\d\)$/);
      }
    } finally {
      smsAdapterOf(t).useTurn(turn);
    }
  });

  it('renders choices as numbered lines', async () => {
    const choosing = scriptedTurn(t.db.prisma, (m) => [{ channel: 'sms', to: m.from, text: 'What is it about?', choices: ['Fault', 'Question'] }]);
    smsAdapterOf(t).useTurn(choosing);
    try {
      const res = await postTwilio(t.url, '/twilio/sms', smsParams(aPhone(), 'hi'));
      expect(twimlTexts(res.body, 'Message')).toEqual(['What is it about?\n1. Fault\n2. Question']);
    } finally {
      smsAdapterOf(t).useTurn(turn);
    }
  });

  it('answers a dialog slower than the budget with empty TwiML only once the message is stored, and sends the reply through the outbox', async () => {
    const slowApp = await startTestApp(kind, { ...twilioEnv, TWILIO_SMS_REPLY_BUDGET_MS: '1' });
    try {
      const { app } = slowApp;
      const deps = { database: slowApp.db, events: app.events, jobs: app.jobs, clock: app.clock, logger: app.logger, env: app.env, policy: app.policy, calendar: app.calendar };
      const real = createTurnProcessor(deps);
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      // A dialog that takes longer than the budget: it may start only after the webhook has answered.
      smsAdapterOf(slowApp).useTurn(createTurn(deps, { ...real, drain: async (...args) => (await gate, real.drain(...args)) }));
      const params = smsParams(aPhone(), 'What are your opening hours?');
      const res = await postTwilio(slowApp.url, '/twilio/sms', params);
      release();
      const storedWhenAnswered = await slowApp.db.prisma.message.findUnique({ where: { channel_externalId: { channel: 'sms', externalId: params.MessageSid } } });
      expect(res.status).toBe(200);
      expect(twimlTexts(res.body, 'Message')).toEqual([]);
      expect(storedWhenAnswered).toMatchObject({ direction: 'inbound', text: 'What are your opening hours?' });
      const row = await waitFor(() => slowApp.db.prisma.outboundMessage.findFirst({ where: { idempotencyKey: `sms-reply:${params.MessageSid}:0` } }));
      expect(row).toMatchObject({ channel: 'sms', to: params.From, purpose: 'reply' });
      const replies = await slowApp.db.prisma.message.count({ where: { inReplyToId: storedWhenAnswered!.id } });
      expect(await slowApp.db.prisma.outboundMessage.count({ where: { idempotencyKey: { startsWith: `sms-reply:${params.MessageSid}:` } } })).toBe(replies);
    } finally {
      await slowApp.stop();
    }
  });
});

async function waitFor<T>(probe: () => Promise<T | null>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('condition not met');
}
