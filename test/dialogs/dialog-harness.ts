import { randomUUID } from 'node:crypto';
import type { TurnResult } from '../../channels/channel-adapter.js';
import type { BotDeps } from '../../src/bot/bot-runtime.js';
import { createTurn } from '../../src/bot/turn.js';
import { fixedClock } from '../../src/clock.js';
import { loadEnv } from '../../src/config/env.js';
import type { DatabaseKind } from '../../src/db/db.js';
import { createEventBus } from '../../src/events/event-bus.js';
import type { EventMap, EventName } from '../../src/events/event-map.js';
import { loadAppPolicy } from '../../src/jobs/handlers/register-scheduler.js';
import { createJobQueue } from '../../src/jobs/job-queue.js';
import { createLogger } from '../../src/logger.js';
import type { ChannelKind } from '../../src/messages/channel-kind.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';

/** Wednesday 25 Nov 2026, 10:00 in Taipei: inside business hours. */
export const WEDNESDAY_MORNING = '2026-11-25T02:00:00Z';

export type SendOptions = { channel?: ChannelKind; externalId?: string; conversationKey?: string; subject?: string; meta?: Record<string, unknown> };

export type Harness = {
  db: TestDatabase;
  deps: BotDeps;
  clock: ReturnType<typeof fixedClock>;
  /** Every event emitted, in order. */
  emitted: { name: EventName; payload: EventMap[EventName] }[];
  send(from: string, text: string, options?: SendOptions): Promise<TurnResult>;
  /** The reply texts of one message, joined by newlines. */
  say(from: string, text: string, options?: SendOptions): Promise<string>;
  close(): Promise<void>;
};

let phoneCounter = 0;
/** A fresh mobile number per call, unique within the test file. */
export function aPhone(): string {
  phoneCounter += 1;
  return `+88691${String(process.pid % 1000).padStart(3, '0')}${String(phoneCounter).padStart(4, '0')}`;
}

/** The real turn pipeline (understanding, dialogs, storage, domain) over a private test database. */
export async function openHarness(kind: DatabaseKind, envOverrides: Record<string, string> = {}): Promise<Harness> {
  const db = await openTestDatabase(kind);
  const env = loadEnv({ LOG_LEVEL: 'silent', DATA_DIR: db.dataDir, ...envOverrides });
  const logger = createLogger('silent');
  const clock = fixedClock(WEDNESDAY_MORNING);
  const events = createEventBus();
  const emitted: Harness['emitted'] = [];
  for (const name of ['ticket.opened', 'conversation.handoff_requested', 'customer.message_received', 'survey.answered'] as const) {
    events.on(name, async (payload) => {
      emitted.push({ name, payload });
    });
  }
  const jobs = createJobQueue(db, logger);
  await jobs.start({ work: false });
  const { policy, calendar } = loadAppPolicy(env);
  const deps: BotDeps = { database: db, events, jobs, clock, logger, env, policy, calendar };
  const turn = createTurn(deps);
  const send: Harness['send'] = (from, text, options = {}) =>
    turn({
      channel: options.channel ?? (from.includes('@') ? 'email' : 'sms'),
      externalId: options.externalId ?? randomUUID(),
      from,
      conversationKey: options.conversationKey ?? from,
      text,
      subject: options.subject,
      attachments: [],
      receivedAt: clock(),
      meta: options.meta ?? {},
    });
  return {
    db,
    deps,
    clock,
    emitted,
    send,
    say: async (from, text, options) => (await send(from, text, options)).replies.map((r) => r.text).join('\n'),
    close: async () => {
      await jobs.stop();
      await db.close();
    },
  };
}
