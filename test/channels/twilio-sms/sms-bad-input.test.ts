import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, postTwilio, scriptedTurn, smsAdapterOf, smsParams, twilioEnv } from '../twilio-shared/twilio-test-kit.js';

describe.each(databaseKinds)('malformed SMS webhooks on %s', (kind) => {
  let t: TestApp;
  let turn: ReturnType<typeof scriptedTurn>;
  beforeAll(async () => {
    t = await startTestApp(kind, twilioEnv);
    turn = scriptedTurn(t.db.prisma, (m) => [{ channel: 'sms', to: m.from, text: 'ok' }]);
    smsAdapterOf(t).useTurn(turn);
  });
  afterAll(async () => {
    await t?.stop();
  });

  /** Signed correctly, so the 400 is about the body. */
  async function rejected(params: Record<string, string>) {
    const res = await postTwilio(t.url, '/twilio/sms', params);
    expect(res.status).toBe(400);
    expect(turn.seen).toHaveLength(0);
    return JSON.parse(res.body).error as { code: string; message: string };
  }

  it('rejects a message without From', async () => {
    const { From: _from, ...params } = smsParams(aPhone(), 'hello');
    expect((await rejected(params)).message).toMatch(/From: required/);
  });

  it('rejects a sender that is not a phone number', async () => {
    expect((await rejected(smsParams('+12', 'hello'))).message).toMatch(/From: not a valid phone number/);
  });

  it('rejects a body longer than the 1600 characters Twilio delivers', async () => {
    expect((await rejected(smsParams(aPhone(), 'x'.repeat(1601)))).message).toMatch(/Body: longer than the 1600 characters/);
  });

  it('rejects a MessageSid that is not a Twilio SID', async () => {
    expect((await rejected(smsParams(aPhone(), 'hello', { MessageSid: 'SM123' }))).message).toMatch(/MessageSid/);
  });

  it('rejects an empty message without media', async () => {
    expect((await rejected(smsParams(aPhone(), '   '))).message).toMatch(/empty message/);
  });

  it('rejects media counts without their URLs', async () => {
    expect((await rejected(smsParams(aPhone(), 'photo', { NumMedia: '1' }))).message).toMatch(/url/);
  });
});
