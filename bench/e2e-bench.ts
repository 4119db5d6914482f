import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, startAppProcess, runLoad, type LoadResult } from './e2e/app-process.js';
import { benchAppEnv, PUBLIC_BASE_URL, TWILIO_TOKEN } from './e2e/bench-app-env.js';

type Row = { name: string; value: number; unit: string; target?: string; key?: string };
export type BenchOptions = { quick: boolean };

/** Part of `npm run bench -- --quick`. */
export const inQuick = true;

const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
/** Ports this bench may use (one app at a time). */
const PORTS = { first: 41400, last: 41499 };


function sizes(quick: boolean) {
  return quick ? { count: 300, concurrency: 20, maxSeconds: 8, warmUp: 5, pacedSeconds: 5 } : { count: 3000, concurrency: 20, maxSeconds: 60, warmUp: 40, pacedSeconds: 20 };
}

/** The p99 target holds at half the peak rate: a queue at saturation says nothing about a normal day's latency. */
const HALF_PEAK = 0.5;

/** One app process on a fresh database, warmed up, then loaded by a separate generator process. */
async function measureApp(env: Record<string, string>, quick: boolean): Promise<{ load: LoadResult; halfPeak: LoadResult & { rate: number }; peakRssMb: number; idleRssMb: number; startMs: number; cpuMsPerMsg: number }> {
  const size = sizes(quick);
  const app = await startAppProcess(await freePort(PORTS), { ...benchAppEnv, ...env });
  try {
    const idleRssMb = await app.rssMb();
    await runLoad({ url: app.url, count: size.warmUp, concurrency: 5, maxSeconds: 30, token: TWILIO_TOKEN, publicBaseUrl: PUBLIC_BASE_URL });
    // The app's own CPU time over the measured load, per answered message: on a shared machine the rate
    // says how busy the others were, this says what a message costs.
    const cpuBefore = await app.cpuMs();
    const load = await runLoad({ url: app.url, count: size.count, concurrency: size.concurrency, maxSeconds: size.maxSeconds, token: TWILIO_TOKEN, publicBaseUrl: PUBLIC_BASE_URL });
    const cpuMsPerMsg = Math.round(((await app.cpuMs()) - cpuBefore) / Math.max(load.ok, 1) * 100) / 100;
    // Then the same messages at half the rate just measured, open-loop (fixed inter-arrival times), for the
    // latency a customer sees when the app is busy but not saturated.
    const rate = Math.max(1, Math.round(load.msgsPerSec * HALF_PEAK * 10) / 10);
    const paced = await runLoad({ url: app.url, count: Math.ceil(rate * size.pacedSeconds), concurrency: size.concurrency, maxSeconds: size.pacedSeconds + 1, token: TWILIO_TOKEN, publicBaseUrl: PUBLIC_BASE_URL, rate });
    return { load, halfPeak: { ...paced, rate }, peakRssMb: await app.peakRssMb(), idleRssMb, startMs: app.startMs, cpuMsPerMsg };
  } finally {
    await app.stop();
  }
}

function e2eRows(db: 'postgresql' | 'pglite', m: Awaited<ReturnType<typeof measureApp>>): Row[] {
  const label = db === 'postgresql' ? 'PostgreSQL' : 'PGlite';
  const refused = Object.entries(m.load.statuses).filter(([s]) => s !== '200');
  return [
    { name: `${label}: signed SMS end to end`, value: m.load.msgsPerSec, unit: 'msg/s', target: '>= 1000', key: `e2e.${db}.msgsPerSec` },
    { name: `${label}: app CPU time per message`, value: m.cpuMsPerMsg, unit: 'ms', key: `e2e.${db}.cpuMsPerMsg` },
    { name: `${label}: latency p50`, value: m.load.p50Ms ?? NaN, unit: 'ms', key: `e2e.${db}.p50Ms` },
    { name: `${label}: latency p99`, value: m.load.p99Ms ?? NaN, unit: 'ms', key: `e2e.${db}.p99Ms` },
    { name: `${label}: half peak, paced at ${m.halfPeak.rate} msg/s (${m.halfPeak.ok}/${m.halfPeak.sent} answered 200)`, value: m.halfPeak.msgsPerSec, unit: 'msg/s', key: `e2e.${db}.halfPeak.msgsPerSec` },
    { name: `${label}: half peak: latency p50`, value: m.halfPeak.p50Ms ?? NaN, unit: 'ms', key: `e2e.${db}.halfPeak.p50Ms` },
    { name: `${label}: half peak: latency p99`, value: m.halfPeak.p99Ms ?? NaN, unit: 'ms', target: '<= 50', key: `e2e.${db}.halfPeak.p99Ms` },
    { name: `${label}: peak resident memory`, value: m.peakRssMb, unit: 'MB', target: db === 'postgresql' ? '<= 250' : '<= 400', key: `e2e.${db}.peakRssMb` },
    { name: `${label}: idle resident memory (just started)`, value: m.idleRssMb, unit: 'MB', key: `e2e.${db}.idleRssMb` },
    { name: `${label}: start to /healthz (fresh database)`, value: m.startMs, unit: 'ms', key: `e2e.${db}.startMs` },
    { name: `${label}: answered 200 / sent${refused.length ? ` (others: ${refused.map(([s, n]) => `${s}×${n}`).join(', ')})` : ''}`, value: m.load.ok, unit: `/${m.load.sent}`, key: `e2e.${db}.ok` },
  ];
}

/** The same number of rows, one INSERT each from as many clients, into a table shaped like the inbound key. */
async function bareInsert(url: string, rows: number, concurrency: number): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: concurrency });
  // pool.end() resolves before its sockets have closed; the DROP DATABASE that follows terminates them.
  pool.on('error', () => undefined);
  try {
    await pool.query('CREATE TABLE bench_inbound (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), channel text NOT NULL, external_id text NOT NULL, sender text NOT NULL, text text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), UNIQUE (channel, external_id))');
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < rows) {
          const i = next++;
          await pool.query('INSERT INTO bench_inbound (channel, external_id, sender, text) VALUES ($1, $2, $3, $4)', ['sms', `SM${i}`, `+8869${10_000_000 + (i % 50)}`, 'What are your opening hours?']);
        }
      }),
    );
    return Math.round(rows / ((performance.now() - started) / 1000));
  } finally {
    await pool.end();
  }
}

/**
 * Signed SMS webhooks over real HTTP, from a separate load-generator process, against one app process on a
 * fresh database, on PostgreSQL and on PGlite; and, in the same run, a bare INSERT of as many rows on the
 * same PostgreSQL server, to show what the database alone allows.
 */
export async function benchEndToEnd(options: BenchOptions = { quick: false }): Promise<Row[]> {
  const rows: Row[] = [];
  const size = sizes(options.quick);
  const admin = new pg.Client({ connectionString: serverUrl });
  admin.on('error', () => undefined);
  let adminUp = true;
  await admin.connect().catch(() => {
    adminUp = false;
  });
  if (adminUp) {
    const name = `aftercare_bench_e2e_${process.pid}`;
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'aftercare-bench-e2e-'));
    try {
      const m = await measureApp({ DATABASE_URL: url.toString(), DATA_DIR: dataDir }, options.quick);
      rows.push(...e2eRows('postgresql', m));
      const stored = await new pg.Client({ connectionString: url.toString() });
      await stored.connect();
      const { rows: counted } = await stored.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Message" WHERE direction = 'inbound'`);
      await stored.end();
      rows.push({ name: 'PostgreSQL: inbound messages stored (warm-up included)', value: counted[0]!.n, unit: 'rows', key: 'e2e.postgresql.stored' });
      const perSec = await bareInsert(url.toString(), Math.max(m.load.ok, 100), size.concurrency);
      rows.push({ name: `PostgreSQL: bare single-row INSERTs, ${size.concurrency} clients`, value: perSec, unit: 'rows/s', key: 'bareInsert.postgresql.rowsPerSec' });
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
      await rm(dataDir, { recursive: true, force: true });
    }
  } else {
    rows.push({ name: `PostgreSQL skipped: cannot reach ${new URL(serverUrl).host} (set BENCH_DATABASE_URL)`, value: NaN, unit: '' });
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'aftercare-bench-e2e-'));
  try {
    rows.push(...e2eRows('pglite', await measureApp({ DATABASE_URL: '', DATA_DIR: dataDir }, options.quick)));
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  return rows;
}
