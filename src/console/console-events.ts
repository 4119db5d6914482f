import type { Response, Server } from 'restify';
import type { EventName } from '../events/event-map.js';
import type { ConsoleDeps } from './console-deps.js';
import { staffRoute } from './console-route.js';

/** How often the shared watcher looks for new messages and ticket events while anyone is connected. */
const WATCH_MS = 1_000;
/** A keep-alive comment (no reload: every reload of a list is a row in the access audit). */
const PING_MS = 30_000;
/** Streams end after this and the browser reconnects, so an expired or revoked session stops receiving. */
const STREAM_MAX_MS = 2 * 60_000;

/**
 * Inserts into Message and TicketEvent advance their sequences: reading both last values is O(1) and covers
 * customer messages, bot and staff replies, notes, state changes, assignments and visits. Take-overs and
 * hand-backs change only the conversation: the few conversations with staff are found through the state index.
 */
const FINGERPRINT = `SELECT (SELECT last_value FROM "Message_seq_seq")::text AS m, (SELECT last_value FROM "TicketEvent_seq_seq")::text AS e,
  (SELECT max("updatedAt") FROM "Conversation" WHERE state IN ('waiting_staff', 'staff'))::text AS c`;

/** Domain events that change what staff see; sent a moment after the emitting transaction commits. */
const HINTS: EventName[] = ['conversation.handoff_requested', 'conversation.handed_back', 'conversation.closed', 'ticket.opened', 'ticket.status_changed', 'ticket.assigned', 'customer.message_received'];

/**
 * GET /console/api/events: a Server-Sent Events stream telling the console that something changed, so
 * it reloads the view it shows. The stream carries no personal data, only `event: change` (and keep-alive comments).
 * One watcher query per second serves every connected browser.
 */
export function mountConsoleEvents(server: Server, deps: ConsoleDeps): void {
  const clients = new Set<Response>();
  let last: string | null = null;
  let watcher: ReturnType<typeof setInterval> | undefined;
  let checking = false;

  const broadcast = (event: 'change') => {
    for (const res of clients) res.write(`event: ${event}\ndata: {}\n\n`);
  };
  // A sequence moves before its transaction commits: a second hint shortly after catches a reload that came too early.
  const changed = () => {
    broadcast('change');
    setTimeout(() => broadcast('change'), 700).unref();
  };
  const check = async () => {
    if (checking) return;
    checking = true;
    try {
      const rows = await deps.db.$queryRawUnsafe<{ m: string | null; e: string | null; c: string | null }[]>(FINGERPRINT);
      const now = `${rows[0]?.m}:${rows[0]?.e}:${rows[0]?.c}`;
      if (last !== null && now !== last) changed();
      last = now;
    } catch (err) {
      deps.logger.warn({ err }, 'console event watcher failed');
    } finally {
      checking = false;
    }
  };
  for (const name of HINTS) {
    deps.events.on(name, async () => {
      setTimeout(changed, 300).unref();
    });
  }

  server.get(
    '/console/api/events',
    staffRoute(deps, async (req, res) => {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      // A first comment flushes the headers (STACK-NOTES).
      res.write(': connected\n\n');
      clients.add(res);
      if (!watcher) {
        last = null;
        void check();
        watcher = setInterval(() => void check(), WATCH_MS);
      }
      const opened = Date.now();
      await new Promise<void>((resolve) => {
        let done = false;
        const finish = () => {
          if (done) return;
          done = true;
          clearInterval(timer);
          clients.delete(res);
          if (clients.size === 0 && watcher) {
            clearInterval(watcher);
            watcher = undefined;
          }
          res.end();
          resolve();
        };
        let sincePing = 0;
        const timer = setInterval(() => {
          // A stopping server (close() called) must not wait for open streams.
          if (!server.server.listening || Date.now() - opened > STREAM_MAX_MS) return finish();
          sincePing += WATCH_MS;
          if (sincePing >= PING_MS) {
            sincePing = 0;
            res.write(': ping\n\n');
          }
        }, WATCH_MS);
        req.on('close', finish);
      });
    }),
  );
}
