import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Clock } from '../../src/clock.js';
import type { Db } from '../../src/db/db.js';
import { route } from '../../src/http/server.js';
import { mountStaticFolder } from '../../src/http/static-files.js';
import type { Logger } from '../../src/logger.js';
import { Language } from '../../src/messages/channel-kind.js';
import { InboundMessage } from '../../src/messages/inbound-message.js';
import { BotUnavailableError, type Turn } from '../channel-adapter.js';
import { chatHistory, findChatConversation, latestSeq, proactiveSince } from './chat-history.js';
import type { ChatStreams } from './chat-streams.js';

/*
 * Transport: a plain POST per message plus Server-Sent Events for what comes later.
 * - POST /chat/api/messages runs the turn and returns its replies in the response: the common case
 *   needs no open connection, works through any proxy, and a retried POST (same client message id,
 *   our externalId) gets the stored replies instead of a second turn.
 * - GET /chat/api/events streams proactive messages (staff replies, surveys) one way, which is all the
 *   server ever pushes; EventSource reconnects by itself and sends Last-Event-ID (the message seq), so
 *   nothing is lost across a dropped connection. WebSocket would add a second protocol for no gain;
 *   polling would delay staff replies or cost a request every few seconds per open page.
 */

export const MAX_CHAT_MESSAGE_CHARS = 4000;
const SessionId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'expected the session id from POST /chat/api/sessions');
const PostMessageBody = z.strictObject({
  sessionId: SessionId,
  clientMessageId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'expected 8-64 letters, digits, - or _'),
  text: z
    .string()
    .trim()
    .min(1, 'the message is empty')
    .max(MAX_CHAT_MESSAGE_CHARS, `at most ${MAX_CHAT_MESSAGE_CHARS} characters`),
  language: Language.optional(),
});
const SessionQuery = z.object({ session: SessionId, lastEventId: z.coerce.number().int().min(0).optional() });

/** How often an open event stream re-reads the database anyway (another instance may have sent). */
const STREAM_CHECK_MS = 10_000;

export type WebchatRouteDeps = { db: Db; clock: Clock; logger: Logger; streams: ChatStreams; turn: () => Turn | undefined };

export const webchatPublicDir = fileURLToPath(new URL('./public/', import.meta.url));

export function mountWebchatRoutes(server: Server, deps: WebchatRouteDeps): void {
  const { db, clock } = deps;
  mountStaticFolder(server, '/chat', webchatPublicDir);

  server.post(
    '/chat/api/sessions',
    route(async (_req, res) => {
      res.status(201);
      res.json({ sessionId: randomBytes(24).toString('base64url') });
    }),
  );

  server.post(
    '/chat/api/messages',
    route(async (req, res) => {
      const body = PostMessageBody.parse(req.body ?? {});
      const turn = deps.turn();
      if (!turn) throw new BotUnavailableError();
      const message = InboundMessage.parse({
        channel: 'chat',
        // Scoped by session, so one page cannot collide with (or replay) another page's ids.
        externalId: `${body.sessionId}:${body.clientMessageId}`,
        from: body.sessionId,
        conversationKey: body.sessionId,
        text: body.text,
        receivedAt: clock(),
        meta: body.language ? { pageLanguage: body.language } : {},
        raw: { clientMessageId: body.clientMessageId, userAgent: String(req.headers['user-agent'] ?? '').slice(0, 200) },
      });
      const result = await turn(message);
      const conversation = await findChatConversation(db, body.sessionId);
      res.json({
        duplicate: result.duplicate,
        state: conversation?.state ?? 'bot',
        replies: result.replies.map((r) => ({ text: r.text, choices: r.choices ?? [] })),
      });
    }),
  );

  server.get(
    '/chat/api/history',
    route(async (req, res) => {
      const { session } = SessionQuery.parse(req.query ?? {});
      const history = await chatHistory(db, session);
      res.json({ state: history.state, lastEventId: history.lastEventId, messages: history.lines });
    }),
  );

  server.get(
    '/chat/api/events',
    route(async (req, res) => {
      const query = SessionQuery.parse(req.query ?? {});
      const header = Number.parseInt(String(req.headers['last-event-id'] ?? ''), 10);
      const resumeFrom = Number.isFinite(header) && header >= 0 ? header : query.lastEventId;
      await streamEvents(req, res, deps, query.session, resumeFrom ?? (await latestSeq(db, query.session)));
    }),
  );
}

async function streamEvents(req: Request, res: Response, deps: WebchatRouteDeps, sessionId: string, startSeq: number): Promise<void> {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  // A first comment flushes the headers, so EventSource reports "open" at once (STACK-NOTES).
  res.write(': connected\n\n');
  let lastSeq = startSeq;
  let lastState: string | null = null;
  let draining: Promise<void> = Promise.resolve();
  let closed = false;

  const drain = async () => {
    if (closed) return;
    const { lines, state } = await proactiveSince(deps.db, sessionId, lastSeq);
    if (closed) return;
    if (state && state !== lastState) {
      if (lastState !== null) res.write(`event: state\ndata: ${JSON.stringify({ state })}\n\n`);
      lastState = state;
    }
    for (const line of lines) {
      res.write(`id: ${line.seq}\nevent: message\ndata: ${JSON.stringify(line)}\n\n`);
      lastSeq = line.seq;
    }
  };
  const wake = () => {
    draining = draining.then(drain).catch((err: unknown) => req.logger.warn({ err }, 'chat event stream check failed'));
  };

  await new Promise<void>((resolve) => {
    const finish = () => {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      unsubscribe();
      res.end();
      resolve();
    };
    const timer = setInterval(() => {
      res.write(': ping\n\n');
      wake();
    }, STREAM_CHECK_MS);
    const unsubscribe = deps.streams.subscribe(sessionId, wake, finish);
    req.on('close', finish);
    wake();
  });
}
