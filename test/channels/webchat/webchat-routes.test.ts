import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'restify';
import { WebchatAdapter } from '../../../channels/webchat/webchat-adapter.js';
import { createHttpServer } from '../../../src/http/server.js';
import { queueOutbound } from '../../../src/outbound/outbound-service.js';
import { databaseKinds } from '../../support/test-database.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { scriptedTurn } from './scripted-turn.js';
import { openEventStream } from './sse-reader.js';

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe.each(databaseKinds)('web chat on %s', (kind) => {
  let t: TestApp;
  let webchat: WebchatAdapter;
  let turn: ReturnType<typeof scriptedTurn>;

  beforeAll(async () => {
    t = await startTestApp(kind);
    webchat = t.app.channels.get('chat') as WebchatAdapter;
    turn = scriptedTurn(t.app.database.prisma, t.clock);
    webchat.useTurn(turn);
  });
  afterAll(async () => {
    await t?.stop();
  });

  async function newSession(): Promise<string> {
    const res = await fetch(`${t.url}/chat/api/sessions`, json({}));
    expect(res.status).toBe(201);
    return ((await res.json()) as { sessionId: string }).sessionId;
  }
  const post = (body: unknown) => fetch(`${t.url}/chat/api/messages`, json(body));

  it('serves the chat page as plain HTML with its script and a content security policy', async () => {
    const page = await fetch(`${t.url}/chat`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    expect(html).toContain('role="log"');
    expect(html).toContain('/chat/chat.js');
    const script = await fetch(`${t.url}/chat/chat.js`);
    expect(script.headers.get('content-type')).toContain('text/javascript');
  });

  it('does not serve files outside the page folder', async () => {
    const res = await fetch(`${t.url}/chat/..%2Fwebchat-routes.ts`);
    expect(res.status).toBe(404);
  });

  it('answers a message with the replies of the turn, choices included', async () => {
    const sessionId = await newSession();
    const res = await post({ sessionId, clientMessageId: 'm-00000001', text: 'hello there' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ duplicate: false, state: 'bot', replies: [{ text: 'You said: hello there', choices: ['Yes', 'No'] }] });
  });

  it('processes a retried message once and returns the same replies', async () => {
    const sessionId = await newSession();
    const body = { sessionId, clientMessageId: 'retry-0001', text: 'printer broken' };
    const before = turn.calls;
    const first = await (await post(body)).json();
    const second = await (await post(body)).json();
    expect(turn.calls - before).toBe(2);
    expect(second).toEqual({ ...first, duplicate: true });
    const inbound = await t.app.database.prisma.message.count({ where: { externalId: `${sessionId}:retry-0001` } });
    expect(inbound).toBe(1);
    const history = await (await fetch(`${t.url}/chat/api/history?session=${sessionId}`)).json();
    expect(history.messages).toHaveLength(2);
  });

  it('refuses a malformed body with 400 and the reason', async () => {
    const res = await post({ sessionId: 'short', text: 42 });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('input.invalid');
    expect(body.error.message).toMatch(/sessionId/);
    expect(body.error.message).toMatch(/clientMessageId/);
  });

  it('refuses an empty message and one over the size limit', async () => {
    const sessionId = await newSession();
    const empty = await post({ sessionId, clientMessageId: 'empty-001', text: '   ' });
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.message).toMatch(/empty/);
    const long = await post({ sessionId, clientMessageId: 'long-0001', text: 'x'.repeat(4001) });
    expect(long.status).toBe(400);
    expect((await long.json()).error.message).toMatch(/4000/);
  });

  it('keeps the conversation for the page to restore after a reload', async () => {
    const sessionId = await newSession();
    await post({ sessionId, clientMessageId: 'hist-0001', text: 'first' });
    t.clock.advance(1000);
    await post({ sessionId, clientMessageId: 'hist-0002', text: 'second' });
    const res = await fetch(`${t.url}/chat/api/history?session=${sessionId}`);
    const history = await res.json();
    expect(history.state).toBe('bot');
    expect(history.messages.map((m: { author: string; text: string }) => `${m.author}: ${m.text}`)).toEqual([
      'customer: first',
      'bot: You said: first',
      'customer: second',
      'bot: You said: second',
    ]);
    expect(history.messages[0].clientId).toBe('hist-0001');
    expect(history.messages[1].choices).toEqual(['Yes', 'No']);
    expect(history.lastEventId).toBe(history.messages[3].seq);
  });

  // The route reports what the turn decided; the scripted turn is silent while staff own the conversation
  // (the real turn's acknowledgement while waiting is tested in test/bot/turn.test.ts).
  it('reports the hand-off state and passes on what the turn answers while staff own the conversation', async () => {
    const sessionId = await newSession();
    const handoff = await (await post({ sessionId, clientMessageId: 'agent-001', text: 'agent please' })).json();
    expect(handoff.state).toBe('waiting_staff');
    const silent = await (await post({ sessionId, clientMessageId: 'agent-002', text: 'hello?' })).json();
    expect(silent).toEqual({ duplicate: false, state: 'waiting_staff', replies: [] });
  });

  it('pushes a proactive message to the open event stream and keeps it in the history', async () => {
    const sessionId = await newSession();
    await post({ sessionId, clientMessageId: 'sse-00001', text: 'hi' });
    const stream = await openEventStream(`${t.url}/chat/api/events?session=${sessionId}`);
    try {
      await stream.connected();
      expect(stream.res.headers.get('content-type')).toContain('text/event-stream');
      const prisma = t.app.database.prisma;
      const conversation = await prisma.conversation.findFirstOrThrow({ where: { threadKey: sessionId } });
      const { row } = await queueOutbound(prisma, t.app.jobs, { channel: 'chat', to: sessionId, text: 'How satisfied were you?', choices: ['1', '5'], purpose: 'survey' }, { conversationId: conversation.id });
      const { providerMessageId } = await webchat.send({ channel: 'chat', to: sessionId, text: 'How satisfied were you?', choices: ['1', '5'], purpose: 'survey', meta: { outboundId: row.id } });
      expect(providerMessageId).toMatch(/^chat:/);
      const event = await stream.next();
      expect(event.event).toBe('message');
      expect(JSON.parse(event.data)).toMatchObject({ author: 'bot', text: 'How satisfied were you?', choices: ['1', '5'] });
      const history = await (await fetch(`${t.url}/chat/api/history?session=${sessionId}`)).json();
      expect(history.messages.at(-1).text).toBe('How satisfied were you?');
      expect(Number(event.id)).toBe(history.lastEventId);
    } finally {
      stream.close();
    }
  });

  it('stores a message sent twice for the same outbox row once', async () => {
    const sessionId = await newSession();
    await post({ sessionId, clientMessageId: 'twice-001', text: 'hi' });
    const message = { channel: 'chat' as const, to: sessionId, text: 'Follow-up', purpose: 'follow_up', meta: { outboundId: 'row-twice' } };
    const a = await webchat.send(message);
    const b = await webchat.send(message);
    expect(a).toEqual(b);
    expect(await t.app.database.prisma.message.count({ where: { externalId: 'outbound:row-twice' } })).toBe(1);
  });

  it('resumes after a dropped connection from Last-Event-ID without losing a message', async () => {
    const sessionId = await newSession();
    await post({ sessionId, clientMessageId: 'resume-01', text: 'hi' });
    const { lastEventId } = await (await fetch(`${t.url}/chat/api/history?session=${sessionId}`)).json();
    await webchat.send({ channel: 'chat', to: sessionId, text: 'Sent while you were away', purpose: 'staff_reply', meta: { outboundId: 'row-away' } });
    const stream = await openEventStream(`${t.url}/chat/api/events?session=${sessionId}`, { 'last-event-id': String(lastEventId) });
    try {
      const event = await stream.next();
      expect(JSON.parse(event.data).text).toBe('Sent while you were away');
    } finally {
      stream.close();
    }
  });

  it('fails delivery to a session that never wrote, so the outbox shows it failed', async () => {
    await expect(webchat.send({ channel: 'chat', to: 'nobody-here-000000', text: 'x', purpose: 'survey', meta: {} })).rejects.toThrow(/No chat session/);
  });
});

describe('web chat without a turn', () => {
  let t: TestApp;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    t = await startTestApp('pglite');
    // Its own adapter and server, so this holds whatever the app wires.
    server = createHttpServer(t.app.logger);
    new WebchatAdapter({ db: t.app.database.prisma, clock: t.clock, logger: t.app.logger }).mount(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${server.address().port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await t?.stop();
  });

  it('answers 503 with a reason until the dialog engine is connected', async () => {
    const res = await fetch(`${url}/chat/api/messages`, json({ sessionId: 'abcdefghijklmnop', clientMessageId: 'nobot-001', text: 'hi' }));
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe('bot.unavailable');
  });
});
