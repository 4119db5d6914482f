import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenBucketLimiter } from '../../src/http/rate-limit.js';
import { aPhone, postTwilio, smsParams, twilioEnv } from '../channels/twilio-shared/twilio-test-kit.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('token bucket', () => {
  it('allows the per-minute number at once, then one more each time a share of the minute has passed', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter(6, { now: () => now });
    for (let i = 0; i < 6; i++) expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(limiter.take('b').allowed).toBe(true);
    now += 10_000;
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('says how long until a key has a token again without taking one', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter(6, { now: () => now });
    expect(limiter.waitSeconds('a')).toBe(0);
    for (let i = 0; i < 6; i++) limiter.take('a');
    expect(limiter.waitSeconds('a')).toBe(10);
    expect(limiter.waitSeconds('a')).toBe(10);
    now += 10_000;
    expect(limiter.waitSeconds('a')).toBe(0);
    expect(limiter.take('a').allowed).toBe(true);
  });

  it('allows everything when the limit is 0', () => {
    const limiter = new TokenBucketLimiter(0);
    for (let i = 0; i < 1000; i++) expect(limiter.take('a').allowed).toBe(true);
  });

  it('forgets the least recently seen keys beyond its size', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter(1, { maxKeys: 2, now: () => now });
    limiter.take('a');
    limiter.take('b');
    limiter.take('c');
    now += 1;
    // 'a' was forgotten, so it starts with a full bucket again; 'c' is still empty.
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('c').allowed).toBe(false);
  });
});

describe('rate limits on the public routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite', {
      ...twilioEnv,
      RATE_LIMIT_CHAT_MESSAGES_PER_MINUTE: '2',
      RATE_LIMIT_CHAT_SESSIONS_PER_MINUTE: '3',
      RATE_LIMIT_SENDER_PER_MINUTE: '2',
    });
  });
  afterAll(async () => {
    await t?.stop();
  });

  const chat = (sessionId: string, clientMessageId: string) =>
    fetch(`${t.url}/chat/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId, clientMessageId, text: 'STOP' }),
    });

  it('limits messages per chat session with 429 and Retry-After, leaving other sessions alone', async () => {
    const session = 'rate-session-000000001';
    await chat(session, 'message-1');
    await chat(session, 'message-2');
    const third = await chat(session, 'message-3');
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await third.json()).toMatchObject({ error: { code: 'rate_limited', message: expect.stringContaining('messages from this chat session') } });
    expect((await chat('rate-session-000000002', 'message-1')).status).not.toBe(429);
  });

  it('limits new chat sessions per address', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${t.url}/chat/api/sessions`, { method: 'POST' })).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
  });

  it('limits signed SMS per sender number with 429', async () => {
    const from = aPhone();
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await postTwilio(t.url, '/twilio/sms', smsParams(from, 'HELP'))).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('does not count forged webhooks against the number they claim', async () => {
    const from = aPhone();
    for (let i = 0; i < 3; i++) expect((await postTwilio(t.url, '/twilio/sms', smsParams(from, 'HELP'), { signature: 'forged' })).status).toBe(403);
    expect((await postTwilio(t.url, '/twilio/sms', smsParams(from, 'HELP'))).status).toBe(200);
  });
});
