import { randomUUID } from 'node:crypto';
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

type Row = { name: string; value: number; unit: string; target?: string };

/** The server path is measured on a real PostgreSQL (BENCH_DATABASE_URL, default the machine's local server). */
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

const questions = [
  'What are your opening hours?',
  '請問保固期多久？',
  '请问上门服务怎么收费？',
  'How much is an on-site visit?',
];

/** Customers asking simple questions answered from the knowledge base: the full turn, with storage. */
async function measure(database: Database, label: string): Promise<Row[]> {
  const env = loadEnv({ LOG_LEVEL: 'silent', DATA_DIR: os.tmpdir() });
  const logger = createLogger('silent');
  const jobs = createJobQueue(database, logger);
  await jobs.start({ work: false });
  const { policy, calendar } = loadAppPolicy(env);
  const turn = createTurn({ database, events: createEventBus(), jobs, clock: systemClock, logger, env, policy, calendar });
  const send = (i: number) =>
    turn({
      channel: 'chat',
      externalId: randomUUID(),
      from: `bench-${i % 50}`,
      conversationKey: `bench-${i % 50}`,
      text: questions[i % questions.length]!,
      attachments: [],
      receivedAt: new Date(),
      meta: {},
    });
  for (let i = 0; i < 20; i++) await send(i);
  const latencies: number[] = [];
  const n = 200;
  const started = performance.now();
  // Ten customers at a time, as a busy hour would bring them.
  for (let i = 0; i < n; i += 10) {
    await Promise.all(
      Array.from({ length: 10 }, async (_, k) => {
        const t = performance.now();
        await send(i + k);
        latencies.push(performance.now() - t);
      }),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  await jobs.stop();
  return [
    { name: `${label}: messages through the bot`, value: Math.round(n / seconds), unit: 'msg/s', target: '>= 20' },
    { name: `${label}: turn latency p95`, value: Math.round(latencies[Math.floor(n * 0.95)]!), unit: 'ms', target: '< 1000' },
    { name: `${label}: resident memory after run`, value: Math.round(process.memoryUsage().rss / 1024 / 1024), unit: 'MiB', target: '< 1024 (PGlite alone holds ~220 MiB)' },
  ];
}

export async function benchTurn(): Promise<Row[]> {
  const rows: Row[] = [];
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aftercare-bench-turn-'));
  const embedded = await openDatabase({ dataDir: dir });
  try {
    rows.push(...(await measure(embedded, 'PGlite')));
  } finally {
    await embedded.close();
    await rm(dir, { recursive: true, force: true });
  }
  const name = `aftercare_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  try {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const server = await openDatabase({ dataDir: os.tmpdir(), databaseUrl: url.toString() });
    try {
      rows.push(...(await measure(server, 'PostgreSQL')));
    } finally {
      await server.close();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
  return rows;
}
