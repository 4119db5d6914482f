import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { databaseKinds } from '../../support/test-database.js';
import { AUTH_TOKEN, aPhone, postTwilio, PUBLIC_BASE_URL, scriptedTurn, smsAdapterOf, smsParams, twilioEnv } from './twilio-test-kit.js';

async function startWithTurn(kind: (typeof databaseKinds)[number], env: Record<string, string>) {
  const t = await startTestApp(kind, env);
  const turn = scriptedTurn(t.db.prisma, (m) => [{ channel: 'sms', to: m.from, text: 'ok' }]);
  smsAdapterOf(t).useTurn(turn);
  return { t, turn };
}

describe.each(databaseKinds)('Twilio signatures on %s', (kind) => {
  describe('behind a proxy with PUBLIC_BASE_URL', () => {
    let t: TestApp;
    let turn: ReturnType<typeof scriptedTurn>;
    beforeAll(async () => {
      ({ t, turn } = await startWithTurn(kind, twilioEnv));
    });
    afterAll(async () => {
      await t?.stop();
    });

    it('accepts a request signed for the public URL', async () => {
      expect((await postTwilio(t.url, '/twilio/sms', smsParams(aPhone(), 'hello'))).status).toBe(200);
    });

    it('accepts the public URL signed with its default port, as Twilio sometimes does', async () => {
      const res = await postTwilio(t.url, '/twilio/sms', smsParams(aPhone(), 'hello'), { signedUrl: 'https://support.example.test:443/twilio/sms' });
      expect(res.status).toBe(200);
    });

    it('refuses a forged signature with 403 and never processes the message', async () => {
      const params = smsParams(aPhone(), 'forged');
      const res = await postTwilio(t.url, '/twilio/sms', params, { token: 'not-the-auth-token' });
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body).error.code).toBe('twilio.signature');
      expect(turn.seen.some((m) => m.externalId === params.MessageSid)).toBe(false);
      expect(await t.db.prisma.message.count({ where: { externalId: params.MessageSid } })).toBe(0);
    });

    it('refuses an unsigned request with 403', async () => {
      const res = await postTwilio(t.url, '/twilio/sms', smsParams(aPhone(), 'unsigned'), { signature: null });
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body).error.message).toMatch(/Missing X-Twilio-Signature/);
    });

    it('refuses a signature made for another URL', async () => {
      const res = await postTwilio(t.url, '/twilio/sms', smsParams(aPhone(), 'x'), { signedUrl: 'https://attacker.example/twilio/sms' });
      expect(res.status).toBe(403);
    });

    it('refuses a body changed after signing', async () => {
      const params = smsParams(aPhone(), 'original');
      const res = await postTwilio(t.url, '/twilio/sms', { ...params, Body: 'tampered' }, { signature: (await import('twilio')).default.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_BASE_URL}/twilio/sms`, params) });
      expect(res.status).toBe(403);
    });

    it('checks the signature before reading the body, so a forged malformed body is 403, not 400', async () => {
      const res = await postTwilio(t.url, '/twilio/sms', { Body: 'no sender' }, { token: 'wrong' });
      expect(res.status).toBe(403);
    });
  });

  describe('trusting X-Forwarded-* without PUBLIC_BASE_URL', () => {
    let t: TestApp;
    beforeAll(async () => {
      ({ t } = await startWithTurn(kind, { TWILIO_AUTH_TOKEN: AUTH_TOKEN, TRUST_PROXY: 'true' }));
    });
    afterAll(async () => {
      await t?.stop();
    });

    it('rebuilds the URL from the forwarded scheme and host', async () => {
      const res = await postTwilio(t.url, '/twilio/sms', smsParams(aPhone(), 'via proxy'), {
        signedUrl: 'https://help.example.test/twilio/sms',
        headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'help.example.test' },
      });
      expect(res.status).toBe(200);
    });
  });

  describe('without TRUST_PROXY or PUBLIC_BASE_URL', () => {
    let t: TestApp;
    beforeAll(async () => {
      ({ t } = await startWithTurn(kind, { TWILIO_AUTH_TOKEN: AUTH_TOKEN }));
    });
    afterAll(async () => {
      await t?.stop();
    });

    it('uses the Host header as received', async () => {
      const res = await postTwilio(t.url, '/twilio/sms', smsParams(aPhone(), 'direct'), { signedUrl: `${t.url}/twilio/sms` });
      expect(res.status).toBe(200);
    });

    it('ignores forwarded headers it was not told to trust', async () => {
      const res = await postTwilio(t.url, '/twilio/sms', smsParams(aPhone(), 'spoofed'), {
        signedUrl: 'https://help.example.test/twilio/sms',
        headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'help.example.test' },
      });
      expect(res.status).toBe(403);
    });
  });

  describe('without TWILIO_AUTH_TOKEN', () => {
    let t: TestApp;
    beforeAll(async () => {
      ({ t } = await startWithTurn(kind, { PUBLIC_BASE_URL }));
    });
    afterAll(async () => {
      await t?.stop();
    });

    it('refuses every webhook with 403 saying the token is not configured', async () => {
      for (const path of ['/twilio/sms', '/twilio/sms/status', '/twilio/voice']) {
        const res = await postTwilio(t.url, path, smsParams(aPhone(), 'hello'));
        expect(res.status).toBe(403);
        expect(JSON.parse(res.body).error.message).toMatch(/TWILIO_AUTH_TOKEN is not configured/);
      }
    });
  });
});
