import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aHandedOffConversation, aSignedInStaff } from './console-fixtures.js';

/** Reads an event stream until `until` matches what arrived, or the time runs out. */
async function readStream(res: Response, until: RegExp, ms: number): Promise<string> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && !until.test(text)) {
    const next = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), deadline - Date.now()))]);
    if (!next || next.done) break;
    text += next.value;
  }
  await reader.cancel();
  return text;
}

describe.each(databaseKinds)('console live events (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('refuses the stream without a valid token', async () => {
    expect((await fetch(`${t.url}/console/api/events`)).status).toBe(401);
    expect((await fetch(`${t.url}/console/api/events`, { headers: { authorization: 'Bearer not-a-real-token-here' } })).status).toBe(401);
  });

  it('tells a signed-in console that something changed when a customer writes, without any personal data', async () => {
    const prisma = t.app.database.prisma;
    const { headers } = await aSignedInStaff(prisma, 'agent');
    const res = await fetch(`${t.url}/console/api/events`, { headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reading = readStream(res, /event: change/, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await aHandedOffConversation(prisma, { channel: 'sms', threadKey: '+886912000111', contacts: [{ kind: 'phone', address: '+886912000111' }], at: t.clock() });
    const text = await reading;
    expect(text).toMatch(/^: connected/);
    expect(text).toContain('event: change\ndata: {}\n\n');
    expect(text).not.toContain('886912000111');
  });
});
