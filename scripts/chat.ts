/**
 * Terminal chat with the bot (a developer's emulator), over the configured database (embedded by default).
 *
 *   npm run chat                                  interactive, as a demo phone number
 *   npm run chat -- --as alice@example.com        as an e-mail customer (e-mail channel)
 *   printf 'my printer is broken\n...' | npm run chat    scripted: one message per line, replies on stdout
 *
 * Each run starts a fresh conversation (the customer record stays, so a known name or number is still
 * known); --continue picks up the last terminal conversation of this identity instead.
 *
 * Options: --as <phone or e-mail> (identity; the channel follows: sms or email), --continue, --thread <key>
 * (a named conversation of the same customer). No HTTP server and no job workers are started: jobs are only
 * enqueued.
 */
import 'dotenv/config';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { systemClock } from '../src/clock.js';
import { ConfigError, loadEnv } from '../src/config/env.js';
import { normaliseEmail, normalisePhone } from '../src/customers/contact-address.js';
import { openDatabase } from '../src/db/db.js';
import { AppError } from '../src/errors/app-error.js';
import { createEventBus } from '../src/events/event-bus.js';
import { createJobQueue } from '../src/jobs/job-queue.js';
import { loadAppPolicy, registerScheduler } from '../src/jobs/handlers/register-scheduler.js';
import type { OutboundMessage } from '../src/messages/outbound-message.js';
import { createTurn } from '../src/bot/turn.js';

process.env.DOTENV_CONFIG_QUIET ??= 'true';
const DEMO_PHONE = '+886912000123';

function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

const { values } = parseArgs({
  options: { as: { type: 'string' }, thread: { type: 'string' }, continue: { type: 'boolean', short: 'c' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
  process.stdout.write('Usage: npm run chat -- [--as <phone or e-mail>] [--continue | --thread <key>]\n');
  process.exit(0);
}
const identity = values.as ?? DEMO_PHONE;
const email = identity.includes('@') ? normaliseEmail(identity) : null;
const phone = email ? null : normalisePhone(identity);
if (!email && !phone) fail(`--as: "${identity}" is neither a phone number nor an e-mail address`, 2);
const channel = email ? 'email' : 'sms';
const from = (email ?? phone)!;

let env;
try {
  env = loadEnv();
} catch (err) {
  if (err instanceof ConfigError) fail(err.message, 2);
  throw err;
}
// Logs go to stderr so stdout carries only the bot's replies.
const logger = pino({ level: env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL }, pino.destination(2));
const { policy, calendar } = loadAppPolicy(env);

const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS }).catch((err: unknown) =>
  fail(err instanceof AppError ? err.message : `Cannot open the database: ${(err as Error).message}`),
);
const events = createEventBus();
const jobs = createJobQueue(database, logger);
// The same listeners as the app (SLA clocks, surveys, staff notices); their jobs wait for a running app.
registerScheduler({ db: database.prisma, clock: systemClock, events, jobs, policy, calendar, env });
await jobs.start({ work: false });
const turn = createTurn({ database, events, jobs, clock: systemClock, logger, env, policy, calendar });

const interactive = process.stdin.isTTY === true;
const run = randomUUID().slice(0, 8);
const previous = values.continue && !values.thread ? await lastTerminalThread() : undefined;
const conversationKey = values.thread ?? previous ?? `${terminalThreadPrefix()}${new Date().toISOString()}-${run}`;
let count = 0;

/** Terminal conversations of this identity are keyed `terminal:<address>:<start time>-<run>`. */
function terminalThreadPrefix(): string {
  return `terminal:${from}:`;
}

async function lastTerminalThread(): Promise<string | undefined> {
  const last = await database.prisma.conversation.findFirst({
    where: { channel, threadKey: { startsWith: terminalThreadPrefix() } },
    orderBy: { createdAt: 'desc' },
    select: { threadKey: true },
  });
  return last?.threadKey;
}

function show(replies: readonly OutboundMessage[]): void {
  for (const reply of replies) {
    process.stdout.write(`${interactive ? 'bot> ' : ''}${reply.text}\n`);
    if (reply.choices?.length) process.stdout.write(`${interactive ? '     ' : ''}[${reply.choices.join(' | ')}]\n`);
  }
  if (!interactive) process.stdout.write('\n');
}

// In a terminal, readline must own the output too: it switches the terminal to raw mode, so without an
// output stream what the user types is never echoed.
const rl = interactive ? createInterface({ input: process.stdin, output: process.stdout, terminal: true }) : createInterface({ input: process.stdin, terminal: false });
if (interactive) {
  process.stdout.write(`aftercare chat as ${from} (${channel}, ${database.kind}), ${previous ? 'continuing the last conversation' : 'new conversation'}. Type a message; Ctrl-D to quit.\n`);
  rl.setPrompt('you> ');
  rl.prompt();
}
try {
  for await (const line of rl) {
    const text = line.trim();
    if (text) {
      count += 1;
      const result = await turn({
        channel,
        externalId: `chat-cli-${run}-${count}`,
        from,
        conversationKey,
        text,
        attachments: [],
        receivedAt: new Date(),
        meta: { source: 'terminal' },
      });
      show(result.replies);
    }
    if (interactive) rl.prompt();
  }
} finally {
  await jobs.stop();
  await database.close();
}
