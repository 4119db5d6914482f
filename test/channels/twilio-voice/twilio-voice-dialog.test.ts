import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { understand } from '../../../src/understanding/understand.js';
import type { Understanding } from '../../../src/understanding/understanding-schema.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, callParams, postTwilio, PUBLIC_BASE_URL, sid, twilioEnv, twimlTexts } from '../twilio-shared/twilio-test-kit.js';


/** The IVR driving the real dialog engine (app.turn), by keypad and by speech. */
describe.each(databaseKinds)('voice menu into the dialogs on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { ...twilioEnv, STAFF_PHONE_NUMBER: '+886277009999' });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('takes a fault report chosen on the keypad and continues it by speech', async () => {
    const from = aPhone();
    const callSid = sid('CA');
    await postTwilio(t.url, '/twilio/voice', callParams(callSid, from));
    const first = await postTwilio(t.url, '/twilio/voice/menu?lang=zh', callParams(callSid, from, { Digits: '1' }));
    expect(first.body).toContain(`action="${PUBLIC_BASE_URL}/twilio/voice/turn?lang=zh&amp;n=2"`);
    expect(twimlTexts(first.body, 'Say').length).toBeGreaterThan(0);
    const second = await postTwilio(t.url, '/twilio/voice/turn?lang=zh&n=2', callParams(callSid, from, { SpeechResult: '我們的印表機壞了，一直卡紙，型號 Canon G3010', Confidence: '0.9' }));
    expect(twimlTexts(second.body, 'Say').join(' ')).toContain('請問您貴姓大名？');
    const inbound = await t.db.prisma.message.findMany({ where: { conversation: { channel: 'voice', threadKey: callSid }, direction: 'inbound' }, orderBy: { seq: 'asc' } });
    expect(inbound.map((m) => m.externalId)).toEqual([`${callSid}:1`, `${callSid}:2`]);
  });

  it('understands a problem said at the menu', async () => {
    const from = aPhone();
    const callSid = sid('CA');
    await postTwilio(t.url, '/twilio/voice', callParams(callSid, from));
    const res = await postTwilio(t.url, '/twilio/voice/menu?lang=zh', callParams(callSid, from, { SpeechResult: '您好，我們的印表機壞了，一直卡紙，型號 Canon G3010', Confidence: '0.87' }));
    expect(twimlTexts(res.body, 'Say').join(' ')).toContain('請問您貴姓大名？');
    expect(res.body).toContain('<Gather');
  });

  it('runs speech through the same understanding as typed text', async () => {
    const from = aPhone();
    const callSid = sid('CA');
    const spoken = '嗯 那個 我們的冷氣機不冷 一直滴水 型號 RAS-40NK';
    await postTwilio(t.url, '/twilio/voice', callParams(callSid, from));
    await postTwilio(t.url, '/twilio/voice/menu?lang=zh', callParams(callSid, from, { SpeechResult: spoken, Confidence: '0.9' }));
    const stored = await t.db.prisma.message.findFirstOrThrow({ where: { externalId: `${callSid}:1` } });
    const expected = understand(spoken, { channel: 'voice' }, { confidenceThreshold: t.app.env.CLASSIFIER_CONFIDENCE_THRESHOLD });
    const understood = stored.understanding as unknown as Understanding;
    expect(understood.category).toBe(expected.category);
    expect(understood.entities).toEqual(expected.entities);
    expect(understood.language).toBe(expected.language);
  });
});
