import fc from 'fast-check';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_TOKEN, PUBLIC_BASE_URL, twilioEnv } from '../channels/twilio-shared/twilio-test-kit.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { anyBody, anyPathParam, anyQuery, percentEncode, twilioParams, type FuzzBody } from './http-arbitraries.js';

/**
 * Every route the server has (read from the router, so new routes are fuzzed too) gets random bodies and
 * query strings: random bytes, invalid UTF-8, deep and huge JSON, forms, wrong content types, RTL,
 * zero-width, emoji, NUL and lone surrogates. The answer must be a 2xx or a 4xx with a reason, never a
 * 5xx, and the server must keep answering. Twilio routes are also fuzzed with valid signatures, so the
 * random fields get past the signature check into the parsers and the dialogs.
 */
const runs = Number(process.env.FUZZ_RUNS ?? 100);
const STAFF_TOKEN = 'fuzz-supervisor-token-0123456789abcdef';

type Answer = { status: number; contentType: string; text: string };

async function send(url: string, method: string, body: FuzzBody | undefined, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(url, {
    method,
    headers: { ...(body?.contentType ? { 'content-type': body.contentType } : {}), ...headers },
    body: body && method !== 'GET' && method !== 'HEAD' ? (body.bytes as unknown as BodyInit) : undefined,
    signal: AbortSignal.timeout(20_000),
  });
  const contentType = res.headers.get('content-type') ?? '';
  // An event stream stays open: its 200 and type are the answer.
  if (contentType.startsWith('text/event-stream')) {
    await res.body?.cancel();
    return { status: res.status, contentType, text: '' };
  }
  return { status: res.status, contentType, text: await res.text() };
}

/** A 2xx, or a 4xx whose JSON body says why; never a 5xx. */
function expectReasonableAnswer(answer: Answer, what: string): void {
  expect(answer.status, `${what} → ${answer.status} ${answer.text.slice(0, 300)}`).toBeLessThan(500);
  if (answer.status >= 400) {
    expect(answer.contentType, what).toMatch(/application\/json/);
    const body = JSON.parse(answer.text) as { error?: { code?: unknown; message?: unknown } };
    expect(typeof body.error?.message === 'string' && body.error.message.length > 0, `${what}: a reason`).toBe(true);
  }
}

describe('HTTP fuzzing', () => {
  let t: TestApp;
  let routes: { method: string; path: string }[];

  beforeAll(async () => {
    t = await startTestApp('pglite', {
      ...twilioEnv,
      STAFF_BOOTSTRAP_TOKEN: STAFF_TOKEN,
      RATE_LIMIT_CHAT_MESSAGES_PER_MINUTE: '0',
      RATE_LIMIT_CHAT_IP_PER_MINUTE: '0',
      RATE_LIMIT_CHAT_SESSIONS_PER_MINUTE: '0',
      RATE_LIMIT_SIGN_IN_PER_MINUTE: '0',
      RATE_LIMIT_SENDER_PER_MINUTE: '0',
      RATE_LIMIT_WEBHOOK_IP_PER_MINUTE: '0',
    });
    routes = Object.values(t.app.server.getDebugInfo().routes as unknown as Record<string, { method: string; path: string }>)
      .map((r) => ({ method: r.method.toUpperCase(), path: r.path }))
      .filter((r) => r.method === 'GET' || r.method === 'POST' || r.method === 'PUT' || r.method === 'PATCH' || r.method === 'DELETE');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('finds the routes to fuzz', () => {
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['POST /twilio/sms', 'POST /chat/api/messages', 'GET /healthz']));
  });

  const keepsServing = async () => {
    const res = await fetch(`${t.url}/healthz`);
    expect(res.status).toBe(200);
  };

  it('answers every route with a 2xx or a 4xx with a reason, whatever the body and query', async () => {
    for (const route of routes) {
      const auth = route.path.startsWith('/console/api/') ? { authorization: `Bearer ${STAFF_TOKEN}` } : undefined;
      await fc.assert(
        fc.asyncProperty(anyBody, anyQuery, anyPathParam, async (body, query, param) => {
          const path = route.path.replace(/:[A-Za-z]+/g, param);
          const answer = await send(`${t.url}${path}${query ? `?${query}` : ''}`, route.method, body, auth);
          expectReasonableAnswer(answer, `${route.method} ${route.path}`);
        }),
        { numRuns: route.method === 'GET' ? Math.ceil(runs / 4) : runs },
      );
      await keepsServing();
    }
  }, 900_000);

  it('answers signed Twilio webhooks with random fields with TwiML or a 4xx with a reason', async () => {
    const twilioRoutes = routes.filter((r) => r.method === 'POST' && r.path.startsWith('/twilio/'));
    expect(twilioRoutes.length).toBeGreaterThan(3);
    for (const route of twilioRoutes) {
      await fc.assert(
        fc.asyncProperty(twilioParams, fc.option(fc.constantFrom('lang=en', 'lang=zh', 'lang=xx', 'reason=no_staff', 'attempt=2', 'attempt=-1', `outboundId=${percentEncode('\u0000')}`), { nil: undefined }), async (params, query) => {
          const path = `${route.path}${query ? `?${query}` : ''}`;
          const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_BASE_URL}${path}`, params);
          const form = Object.entries(params).map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');
          const answer = await send(`${t.url}${path}`, 'POST', { bytes: new Uint8Array(Buffer.from(form)), contentType: 'application/x-www-form-urlencoded' }, { 'x-twilio-signature': signature });
          expectReasonableAnswer(answer, `signed POST ${route.path}`);
          if (answer.status === 200) expect(answer.text).toMatch(/^<\?xml/);
        }),
        { numRuns: runs },
      );
      await keepsServing();
    }
  }, 900_000);
});
