import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../src/db/db.js';
import { runLoad, startAppOnFreePort, type LoadResult } from './e2e/app-process.js';
import { benchAppEnv, PUBLIC_BASE_URL, STAFF_TOKEN, TWILIO_TOKEN } from './e2e/bench-app-env.js';
import { benchServerUrl, withFreshDatabase } from './e2e/fresh-database.js';
import { seedTickets } from './tickets/seed-tickets.js';

type Row = { name: string; value: number; unit: string; target?: string; key?: string };
export type BenchOptions = { quick: boolean };

/**
 * Not part of the plain `npm run bench -- --quick` (which stays under a minute); `npm run bench -- scale tickets
 * --quick` runs it with small counts.
 */
export const inQuick = false;

const PORTS = { first: 41600, last: 41699 };
/** The tables the seed fills: rows read from them by sequential scans are what grows with the history. */
const SEEDED_TABLES = ['Customer', 'ContactPoint', 'Conversation', 'Ticket', 'Message', 'TicketEvent', 'SlaPromise'];

function sizes(quick: boolean) {
  return quick
    ? { tickets: [1_000, 10_000], count: 150, concurrency: 20, maxSeconds: 6, warmUp: 10, consoleRequests: 5 }
    : { tickets: [1_000, 10_000, 100_000], count: 600, concurrency: 20, maxSeconds: 30, warmUp: 20, consoleRequests: 20 };
}

type Measured = {
  tickets: number;
  seedSeconds: number;
  load: LoadResult;
  cpuMsPerMsg: number;
  ticketListMs: number;
  queueMs: number;
  /** Rows read by sequential scans of the seeded tables, per request (messages and console requests). */
  seqRowsPerRequest: number;
  scanned: string[];
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const round1 = (n: number) => Math.round(n * 10) / 10;

/** Median wall time of `n` sequential GETs of a console endpoint, as the bootstrap supervisor. */
async function consoleLatency(url: string, n: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${STAFF_TOKEN}` } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    times.push(performance.now() - t);
  }
  return round1(median(times));
}

async function seqScans(url: string): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ relname: string; read: string }>(`SELECT relname, coalesce(seq_tup_read, 0)::text AS read FROM pg_stat_user_tables WHERE relname = ANY($1::text[])`, [SEEDED_TABLES]);
    return new Map(rows.map((r) => [r.relname, Number(r.read)]));
  } finally {
    await client.end();
  }
}

/**
 * One size: a fresh database migrated and seeded with `tickets` tickets of history, then one app process
 * under the e2e load (FAQ questions from 50 returning customers) and the console's ticket list and queue.
 * Sequential-scan reads are counted from pg_stat_user_tables between the seed and the app's exit (an
 * exiting backend flushes its statistics), so start-up and warm-up are in them too.
 */
async function measureSize(tickets: number, quick: boolean): Promise<Measured | null> {
  const size = sizes(quick);
  return withFreshDatabase(`aftercare_bench_tickets${tickets}_${process.pid}`, async (url) => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'aftercare-bench-tickets-'));
    try {
      const migrated = await openDatabase({ dataDir, databaseUrl: url });
      await migrated.close();
      const seedStarted = performance.now();
      await seedTickets(url, tickets);
      const seedSeconds = round1((performance.now() - seedStarted) / 1000);
      const scansBefore = await seqScans(url);
      const app = await startAppOnFreePort(PORTS, {
        DATABASE_URL: url,
        DATA_DIR: dataDir,
        ...benchAppEnv,
      });
      let load: LoadResult;
      let cpuMsPerMsg: number;
      let ticketListMs: number;
      let queueMs: number;
      try {
        await runLoad({ url: app.url, count: size.warmUp, concurrency: 5, maxSeconds: 30, token: TWILIO_TOKEN, publicBaseUrl: PUBLIC_BASE_URL });
        const cpuBefore = await app.cpuMs();
        load = await runLoad({ url: app.url, count: size.count, concurrency: size.concurrency, maxSeconds: size.maxSeconds, token: TWILIO_TOKEN, publicBaseUrl: PUBLIC_BASE_URL });
        cpuMsPerMsg = load.ok ? Math.round((((await app.cpuMs()) - cpuBefore) / load.ok) * 100) / 100 : NaN;
        ticketListMs = await consoleLatency(`${app.url}/console/api/tickets`, size.consoleRequests);
        queueMs = await consoleLatency(`${app.url}/console/api/queue`, size.consoleRequests);
      } finally {
        await app.stop();
      }
      const scansAfter = await seqScans(url);
      const requests = size.warmUp + load.sent + 2 * size.consoleRequests;
      const read = SEEDED_TABLES.map((t) => ({ table: t, rows: (scansAfter.get(t) ?? 0) - (scansBefore.get(t) ?? 0) })).filter((r) => r.rows > 0);
      return {
        tickets,
        seedSeconds,
        load,
        cpuMsPerMsg,
        ticketListMs,
        queueMs,
        seqRowsPerRequest: round1(read.reduce((sum, r) => sum + r.rows, 0) / requests),
        scanned: read.sort((a, b) => b.rows - a.rows).map((r) => `${r.table} ${r.rows}`),
      };
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
}

const label = (tickets: number) => (tickets >= 1000 ? `${tickets / 1000}k` : String(tickets));

function sizeRows(m: Measured): Row[] {
  const l = label(m.tickets);
  const key = `tickets.t${l}`;
  return [
    { name: `${l} tickets: seeded in`, value: m.seedSeconds, unit: 's', key: `${key}.seedSeconds` },
    { name: `${l} tickets: signed SMS end to end`, value: m.load.msgsPerSec, unit: 'msg/s', key: `${key}.msgsPerSec` },
    { name: `${l} tickets: latency p50`, value: m.load.p50Ms ?? NaN, unit: 'ms', key: `${key}.p50Ms` },
    { name: `${l} tickets: latency p99`, value: m.load.p99Ms ?? NaN, unit: 'ms', key: `${key}.p99Ms` },
    { name: `${l} tickets: app CPU per answered message`, value: m.cpuMsPerMsg, unit: 'ms', key: `${key}.cpuMsPerMsg` },
    { name: `${l} tickets: answered 200 / sent`, value: m.load.ok, unit: `/${m.load.sent}`, key: `${key}.ok` },
    { name: `${l} tickets: console ticket list (GET /console/api/tickets), median`, value: m.ticketListMs, unit: 'ms', key: `${key}.ticketListMs` },
    { name: `${l} tickets: console queue (GET /console/api/queue), median`, value: m.queueMs, unit: 'ms', key: `${key}.queueMs` },
    {
      name: `${l} tickets: rows read by sequential scans per request${m.scanned.length ? ` (${m.scanned.slice(0, 3).join(', ')})` : ''}`,
      value: m.seqRowsPerRequest,
      unit: 'rows',
      key: `${key}.seqRowsPerRequest`,
    },
  ];
}

/**
 * Time per message and console latency as the stored history grows: 1k, 10k and 100k tickets (with
 * customers, conversations, messages, events and promises), each on a fresh database.
 */
export async function benchTicketCount(options: BenchOptions = { quick: false }): Promise<Row[]> {
  const rows: Row[] = [];
  for (const tickets of sizes(options.quick).tickets) {
    const m = await measureSize(tickets, options.quick);
    if (!m) return [{ name: `PostgreSQL skipped: cannot reach ${new URL(benchServerUrl).host} (set BENCH_DATABASE_URL)`, value: NaN, unit: '' }];
    rows.push(...sizeRows(m));
  }
  return rows;
}
