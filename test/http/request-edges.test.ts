import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_TOKEN, aPhone, PUBLIC_BASE_URL, smsParams, twilioEnv } from '../channels/twilio-shared/twilio-test-kit.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Sends a raw form body signed for the fields it decodes to (as Twilio would sign them). */
async function postSignedForm(url: string, path: string, form: string) {
  const params = Object.fromEntries(new URLSearchParams(form));
  const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_BASE_URL}${path}`, params);
  return fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: form });
}

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

describe('request edges', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite', twilioEnv);
  });
  afterAll(async () => {
    await t?.stop();
  });

  describe('body limits, enforced while reading and before parsing', () => {
    it('refuses a Twilio webhook declaring more than 64 KB with 413, before checking its signature', async () => {
      const res = await fetch(`${t.url}/twilio/sms`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `Body=${'a'.repeat(65 * 1024)}`,
      });
      expect(res.status).toBe(413);
      expect(await errorOf(res)).toMatchObject({ code: 'input.too_large', message: expect.stringContaining('64 KB') });
    });

    it('refuses a chat message body over 16 KB with 413', async () => {
      const res = await fetch(`${t.url}/chat/api/messages`, json({ sessionId: 'edge-session-00000001', clientMessageId: 'message-1', text: 'x'.repeat(17 * 1024) }));
      expect(res.status).toBe(413);
      expect(await errorOf(res)).toMatchObject({ code: 'input.too_large', message: expect.stringContaining('16 KB') });
    });

    it('lets a console body of almost 1 MB through to the route, and refuses one over it', async () => {
      const under = await fetch(`${t.url}/console/api/tickets/x/notes`, json({ text: 'x'.repeat(1000 * 1024) }));
      expect(under.status).toBe(401);
      const over = await fetch(`${t.url}/console/api/tickets/x/notes`, json({ text: 'x'.repeat(1025 * 1024) }));
      expect(over.status).toBe(413);
    });

    it('stops reading a streamed body without a declared length once it passes the limit', async () => {
      let sent = 0;
      const chunk = new Uint8Array(8 * 1024).fill(0x61);
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          // 10 MB at most; the server answers long before.
          if (sent >= 10 * 1024 * 1024) return controller.close();
          sent += chunk.length;
          controller.enqueue(chunk);
        },
      });
      const res = await fetch(`${t.url}/chat/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit);
      expect(res.status).toBe(413);
      expect(sent).toBeLessThan(10 * 1024 * 1024);
    });
  });

  describe('text that cannot be stored is refused with 400 and the reason, not stripped', () => {
    it('refuses a NUL character in a chat message', async () => {
      const res = await fetch(`${t.url}/chat/api/messages`, json({ sessionId: 'edge-session-00000002', clientMessageId: 'message-2', text: 'printer\u0000broken' }));
      expect(res.status).toBe(400);
      expect((await errorOf(res)).message).toMatch(/text contains a NUL/);
    });

    it('refuses a lone surrogate in a chat message', async () => {
      const res = await fetch(`${t.url}/chat/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"sessionId":"edge-session-00000003","clientMessageId":"message-3","text":"broken \\ud83d"}',
      });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).message).toMatch(/lone UTF-16 surrogate/);
    });

    it('refuses a NUL character in a signed SMS', async () => {
      const form = new URLSearchParams(smsParams(aPhone(), 'hello\u0000there')).toString();
      const res = await postSignedForm(t.url, '/twilio/sms', form);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).message).toMatch(/Field "Body" contains a NUL/);
    });

    it('refuses an encoded lone surrogate in a signed SMS as invalid UTF-8', async () => {
      const form = `${new URLSearchParams(smsParams(aPhone(), 'x')).toString()}&Body=%ED%A0%80`;
      const res = await postSignedForm(t.url, '/twilio/sms', form);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).message).toMatch(/Body.*not valid percent-encoded UTF-8/);
    });

    it('refuses a voice speech result with a NUL character', async () => {
      const form = new URLSearchParams({ CallSid: `CA${'a'.repeat(32)}`, From: aPhone(), To: '+886277001234', SpeechResult: 'a\u0000' }).toString();
      const res = await postSignedForm(t.url, '/twilio/voice/turn', form);
      expect(res.status).toBe(400);
    });
  });

  describe('malformed bodies are 4xx with a reason, never 5xx', () => {
    it('refuses JSON that does not parse', async () => {
      const res = await fetch(`${t.url}/chat/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"sessionId":' });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).message).toMatch(/not valid JSON/);
    });

    it('refuses JSON nested deeper than any route reads', async () => {
      const res = await fetch(`${t.url}/chat/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `${'['.repeat(5000)}${']'.repeat(5000)}` });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).message).toMatch(/nested deeper/);
    });

    it('refuses bytes that are not UTF-8', async () => {
      const res = await fetch(`${t.url}/chat/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: new Uint8Array([0x7b, 0xff, 0x7d]) });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).message).toMatch(/not valid UTF-8/);
    });

    it('refuses a body in a type the route does not read with 415', async () => {
      const res = await fetch(`${t.url}/chat/api/messages`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
      expect(res.status).toBe(415);
      expect((await errorOf(res)).message).toMatch(/reads application\/json; got text\/plain/);
    });

    it('refuses a compressed body with 415', async () => {
      const res = await fetch(`${t.url}/chat/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: 'x' });
      expect(res.status).toBe(415);
    });

    it('answers a request whose headers are too large with 431 and a reason', async () => {
      const res = await fetch(`${t.url}/healthz?${'q='.padEnd(40_000, 'x')}`);
      expect(res.status).toBe(431);
      expect((await errorOf(res)).message).toMatch(/too large/);
    });
  });

  it('marks JSON answers nosniff', async () => {
    for (const res of [await fetch(`${t.url}/healthz`), await fetch(`${t.url}/chat/api/history?session=x`), await fetch(`${t.url}/nope`)]) {
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});
