import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { fixedClock, type Clock } from '../../src/clock.js';
import { loadEnv } from '../../src/config/env.js';
import { openDatabase, type Database } from '../../src/db/db.js';
import { createLogger } from '../../src/logger.js';
import twilio from 'twilio';
import { AUTH_TOKEN, aPhone, postTwilio, PUBLIC_BASE_URL, smsParams, twilioEnv } from '../channels/twilio-shared/twilio-test-kit.js';
import { startPausableProxy, type PausableProxy } from '../support/pausable-proxy.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * The app talks to PostgreSQL through a TCP proxy the test pauses: connections stay open and nothing
 * arrives, as in a network stall. Nothing may hang: health says "degraded" at once, requests get 503 with
 * Retry-After when their statement times out, and all is well again once the network is.
 */
describe.runIf(databaseKinds.includes('postgresql'))('a stalled PostgreSQL', () => {
  let direct: TestDatabase;
  let proxy: PausableProxy;
  let database: Database;
  let app: App;
  let url: string;

  beforeAll(async () => {
    direct = await openTestDatabase('postgresql');
    proxy = await startPausableProxy({ host: '127.0.0.1', port: Number(new URL(direct.connectionString!).port || 5432) });
    database = await openDatabase({ dataDir: direct.dataDir, databaseUrl: proxy.via(direct.connectionString!), statementTimeoutMs: 1_000, poolTimeoutMs: 1_000 });
    const env = loadEnv({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: direct.dataDir, JOBS_ENABLED: 'false', ...twilioEnv });
    app = await createApp({ env, logger: createLogger('silent'), clock: fixedClock('2026-11-25T02:00:00Z') as Clock, database });
    url = (await app.listen()).replace('localhost', '127.0.0.1');
    // The pool's first connection and Prisma's first query plan, outside the health probe's 800 ms budget.
    await database.prisma.$queryRaw`SELECT 1`;
  });
  afterAll(async () => {
    proxy?.resume();
    await app?.stop();
    await database?.close();
    await proxy?.close();
    await direct?.close();
  });

  it('is healthy before the stall', async () => {
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'postgresql' });
  });

  it('reports degraded health with the reason within a second during the stall', async () => {
    proxy.pause();
    const started = performance.now();
    const res = await fetch(`${url}/healthz`);
    const elapsed = performance.now() - started;
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    const body = (await res.json()) as { status: string; reason: string };
    expect(body).toMatchObject({ status: 'degraded', database: 'postgresql' });
    expect(body.reason).toMatch(/database/);
    expect(elapsed).toBeLessThan(1_000);
  });

  it('answers a webhook 503 with Retry-After instead of hanging or failing with 500', async () => {
    const params = smsParams(aPhone(), 'What are your opening hours?');
    const res = await fetch(`${url}/twilio/sms`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_BASE_URL}/twilio/sms`, params),
      },
      body: new URLSearchParams(params).toString(),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await res.json()).toMatchObject({ error: { code: 'database.unavailable' } });
  });

  it('answers a chat message 503 with Retry-After during the stall', async () => {
    const res = await fetch(`${url}/chat/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId: 'stalled-session-0001', clientMessageId: 'message-0001', text: 'hello' }),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('recovers once the network does', async () => {
    proxy.resume();
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await fetch(`${url}/healthz`)).status;
      if (status !== 200) await sleep(200);
    }
    expect(status).toBe(200);
    const res = await postTwilio(url, '/twilio/sms', smsParams(aPhone(), 'STOP'));
    expect(res.status).toBe(200);
  });
});
