/**
 * What one FAQ turn costs: CPU per turn, turns per second and database statements per turn, through the
 * whole turn pipeline (createTurn) on PostgreSQL or PGlite. Bounded: `--turns N` (default 300).
 *
 *   npx tsx bench/turn-cost.ts [--pglite] [--turns 300]
 *   npx tsx bench/turn-cost.ts --profile .tmp/turns.cpuprofile   (CPU profile of the measured turns only; .tmp/ is not in git)
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createTurn } from '../src/bot/turn.js';
import { systemClock } from '../src/clock.js';
import { loadEnv } from '../src/config/env.js';
import { openDatabase, type Database } from '../src/db/db.js';
import { createEventBus } from '../src/events/event-bus.js';
import { loadAppPolicy } from '../src/jobs/handlers/register-scheduler.js';
import { createJobQueue } from '../src/jobs/job-queue.js';
import { createLogger } from '../src/logger.js';

const args = process.argv.slice(2);
const usePglite = args.includes('--pglite');
const turns = Number(args[args.indexOf('--turns') + 1] ?? 300) || 300;
const profileFile = args.includes('--profile') ? args[args.indexOf('--profile') + 1] : undefined;
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const questions = ['What are your opening hours?', '請問保固期多久？', '请问上门服务怎么收费？', 'How much is an on-site visit?'];

/** Counts statements sent by the pg driver (every round trip, BEGIN and COMMIT included). */
let statements = 0;
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...rest: unknown[]) {
  statements += 1;
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, rest);
} as typeof pg.Client.prototype.query;

async function measure(database: Database): Promise<void> {
  const env = loadEnv({ LOG_LEVEL: 'silent', DATA_DIR: os.tmpdir() });
  const logger = createLogger('silent');
  const jobs = createJobQueue(database, logger);
  await jobs.start({ work: false });
  const { policy, calendar } = loadAppPolicy(env);
  const turn = createTurn({ database, events: createEventBus(), jobs, clock: systemClock, logger, env, policy, calendar });
  const send = (i: number) =>
    turn({ channel: 'chat', externalId: randomUUID(), from: `cost-${i % 50}`, conversationKey: `cost-${i % 50}`, text: questions[i % questions.length]!, attachments: [], receivedAt: new Date(), meta: {} });
  for (let i = 0; i < 60; i++) await send(i);
  const profiler = profileFile ? new Session() : undefined;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const before = { cpu: process.cpuUsage(), statements, at: performance.now() };
  for (let i = 0; i < turns; i += 10) await Promise.all(Array.from({ length: 10 }, (_, k) => send(i + k)));
  const cpu = process.cpuUsage(before.cpu);
  const seconds = (performance.now() - before.at) / 1000;
  if (profiler && profileFile) {
    const { profile } = await profiler.post('Profiler.stop');
    await writeFile(profileFile, JSON.stringify(profile));
    profiler.disconnect();
  }
  await jobs.stop();
  const result = {
    database: database.kind,
    turns,
    turnsPerSec: Math.round(turns / seconds),
    cpuMsPerTurn: Number(((cpu.user + cpu.system) / 1000 / turns).toFixed(2)),
    ...(database.kind === 'postgresql' ? { statementsPerTurn: Number(((statements - before.statements) / turns).toFixed(2)) } : {}),
  };
  console.log(JSON.stringify(result));
}

if (usePglite) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aftercare-turn-cost-'));
  const database = await openDatabase({ dataDir: dir });
  try {
    await measure(database);
  } finally {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  }
} else {
  const name = `aftercare_cost_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  try {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ dataDir: os.tmpdir(), databaseUrl: url.toString() });
    try {
      await measure(database);
    } finally {
      await database.close();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}
