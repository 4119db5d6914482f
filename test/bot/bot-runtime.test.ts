import os from 'node:os';
import { MemoryStorage } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { toActivity, type TurnAddress } from '../../src/bot/activity-mapping.js';
import { runBot, type BotDeps } from '../../src/bot/bot-runtime.js';
import { fixedClock } from '../../src/clock.js';
import { loadEnv } from '../../src/config/env.js';
import type { Db } from '../../src/db/db.js';
import { createEventBus } from '../../src/events/event-bus.js';
import { loadAppPolicy } from '../../src/jobs/handlers/register-scheduler.js';
import { InboundMessage } from '../../src/messages/inbound-message.js';
import { understand } from '../../src/understanding/understand.js';

const env = loadEnv({ LOG_LEVEL: 'silent', DATA_DIR: os.tmpdir() });
const { policy, calendar } = loadAppPolicy(env);
const clock = fixedClock('2026-11-25T02:00:00Z');

function botDeps(): BotDeps {
  const unused = {} as never;
  return { database: { prisma: unused, sql: unused }, events: createEventBus(), jobs: unused, clock, logger: unused, env, policy, calendar };
}

/**
 * A database that only answers the visit lookup a short message ("2") makes, with nothing pending, and
 * notes whose visits it was asked for. `hold` keeps its answer back until released.
 */
function visitDb(hold?: Promise<void>): { db: Db; askedFor: string[] } {
  const askedFor: string[] = [];
  const db = {
    visit: {
      findMany: async (args: { where: { ticket: { customerId: string } } }) => {
        askedFor.push(args.where.ticket.customerId);
        await hold;
        return [];
      },
    },
  } as unknown as Db;
  return { db, askedFor };
}

function turnOf(customerId: string, text: string) {
  const address: TurnAddress = { channel: 'sms', conversationId: `conv-${customerId}`, customerId, to: '+886912345678', conversationKey: `+8869${customerId}` };
  const message = InboundMessage.parse({ channel: 'sms', externalId: `SM-${customerId}-${text}`, from: address.to, conversationKey: address.conversationKey, text, receivedAt: clock() });
  const info = {
    now: clock(),
    timeZone: policy.calendar.timeZone,
    language: 'en' as const,
    channel: 'sms' as const,
    understanding: understand(text, { channel: 'sms' }),
    customer: { id: customerId, name: null, company: null, phone: address.to, email: null },
    conversation: { id: address.conversationId, ticketId: null },
  };
  return { activity: toActivity(message, address, 'en'), info };
}

describe('runBot', () => {
  it('gives each of two concurrent turns its own database, though bots are reused', async () => {
    const deps = botDeps();
    let release!: () => void;
    const first = visitDb(new Promise<void>((resolve) => (release = resolve)));
    const second = visitDb();
    const a = turnOf('cust-a', '2');
    const b = turnOf('cust-b', '2');

    const running = runBot(deps, first.db, a.activity, a.info, new MemoryStorage());
    // While the first turn waits on its database, a second one runs to the end.
    const secondReplies = await runBot(deps, second.db, b.activity, b.info, new MemoryStorage());
    release();
    const firstReplies = await running;

    expect(first.askedFor).toEqual(['cust-a']);
    expect(second.askedFor).toEqual(['cust-b']);
    expect(firstReplies.map((r) => r.text)).toEqual(['Please go ahead with your question.']);
    expect(secondReplies.map((r) => r.text)).toEqual(['Please go ahead with your question.']);
  });

  it('runs a later turn on that turn\'s database and state, not the ones the reused bot had before', async () => {
    const deps = botDeps();
    const earlier = visitDb();
    const later = visitDb();
    const storage = new MemoryStorage();
    const menu = turnOf('cust-c', '2');
    await runBot(deps, earlier.db, menu.activity, menu.info, storage);

    // The menu choice is kept in this conversation's state: the next message is the question itself.
    const question = turnOf('cust-c', 'When are you open?');
    const replies = await runBot(deps, later.db, question.activity, question.info, storage);

    // Both short messages may answer a visit question: each turn asked its own database once.
    expect(earlier.askedFor).toEqual(['cust-c']);
    expect(later.askedFor).toEqual(['cust-c']);
    expect(replies.map((r) => r.text).join(' ')).toContain('Monday to Saturday');
  });
});
