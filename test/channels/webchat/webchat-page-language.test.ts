import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../support/test-database.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const CJK = /[\u3400-\u9fff]/;

describe.each(databaseKinds)('the web chat page language, through the real bot, on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { DEFAULT_LANGUAGE: 'zh-Hant' });
  });
  afterAll(async () => {
    await t?.stop();
  });

  async function send(text: string, language: string, sessionId?: string) {
    const id = sessionId ?? ((await (await fetch(`${t.url}/chat/api/sessions`, json({}))).json()) as { sessionId: string }).sessionId;
    const res = await fetch(`${t.url}/chat/api/messages`, json({ sessionId: id, clientMessageId: `m-${Math.random().toString(36).slice(2, 12)}`, text, language }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { replies: { text: string }[] };
    const conversation = await t.db.prisma.conversation.findFirstOrThrow({ where: { channel: 'chat', threadKey: id } });
    return { sessionId: id, replies: body.replies.map((r) => r.text), language: conversation.language };
  }

  it('answers an emoji-only message in the language chosen on the page (English)', async () => {
    const { replies, language } = await send('👍👍', 'en');
    expect(language).toBe('en');
    expect(replies.join(' ')).not.toMatch(CJK);
  });

  it('answers an emoji-only message in Simplified Chinese when the page is set to 简体中文', async () => {
    const { language, replies } = await send('🙂', 'zh-Hans');
    expect(language).toBe('zh-Hans');
    expect(replies.join(' ')).toMatch(CJK);
  });

  it('follows the page for a message of digits only, even after the conversation began in another language', async () => {
    const first = await send('Hello, my printer does not print anymore', 'en');
    expect(first.language).toBe('en');
    const second = await send('2024', 'zh-Hant', first.sessionId);
    expect(second.language).toBe('zh-Hant');
  });

  it('lets words decide over the page when the message has letters', async () => {
    const { language } = await send('My printer does not print at all', 'zh-Hant');
    expect(language).toBe('en');
  });
});
