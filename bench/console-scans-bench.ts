import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createApp } from '../src/app.js';
import { systemClock } from '../src/clock.js';
import { loadEnv } from '../src/config/env.js';
import { openSession } from '../src/console/staff-sessions.js';
import { openDatabase } from '../src/db/db.js';
import { createLogger } from '../src/logger.js';
import { withFreshDatabase } from './e2e/fresh-database.js';
import { seedTickets } from './tickets/seed-tickets.js';
import { seedCustomerNames } from './tickets/seed-customer-names.js';

type Row = { name: string; value: number; unit: string; target?: string; key?: string };
export type BenchOptions = { quick: boolean };

/** Not in the plain quick run (it seeds 10k customers); `npm run bench -- console-scans` runs it. */
export const inQuick = false;

/** A table this size or larger read by a sequential scan is reported (below it, a scan is often the cheaper plan). */
const LARGE_TABLE_ROWS = 5_000;

type Statement = { text: string; values: unknown[]; endpoint: string };
type PlanNode = { 'Node Type': string; 'Relation Name'?: string; Plans?: PlanNode[] };

/** Every relation a plan reads with a sequential scan. */
function seqScanned(node: PlanNode, out: Set<string> = new Set()): Set<string> {
  if (node['Node Type'] === 'Seq Scan' && node['Relation Name']) out.add(node['Relation Name']);
  for (const child of node.Plans ?? []) seqScanned(child, out);
  return out;
}

/**
 * Records every statement the app sends through `pg` while `fn` runs (Prisma's adapter and the hand-written
 * SQL both go through pg.Client#query), tagged with the endpoint being requested.
 */
function recordStatements() {
  const statements: Statement[] = [];
  let endpoint: string | null = null;
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    if (endpoint) {
      const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown];
      const text = typeof first === 'string' ? first : first?.text;
      const values = (typeof first === 'string' ? second : first?.values) as unknown[] | undefined;
      if (typeof text === 'string') statements.push({ text, values: Array.isArray(values) ? values : [], endpoint });
    }
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  return {
    statements,
    during: async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
      endpoint = name;
      try {
        return await fn();
      } finally {
        endpoint = null;
      }
    },
    restore: () => {
      pg.Client.prototype.query = original;
    },
  };
}

/**
 * On a PostgreSQL database with 10k customers (50k with the full run) of ticket history and realistic names,
 * requests every console read that touches customers as a supervisor (and an engineer's lists, which are
 * filtered to their own tickets), records the SQL the app sent, and
 * EXPLAINs each SELECT: a row per endpoint with the statements whose plan reads a table of 5,000 rows or more
 * in full (0 is the target; SCANS_DEBUG=1 prints those statements).
 */
export async function benchConsoleScans(options: BenchOptions = { quick: false }): Promise<Row[]> {
  const customers = options.quick ? 10_000 : 50_000;
  const rows = await withFreshDatabase(`aftercare_bench_scans_${process.pid}`, async (url) => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'aftercare-bench-scans-'));
    const recorder = recordStatements();
    try {
      const database = await openDatabase({ dataDir, databaseUrl: url });
      await seedTickets(url, customers);
      await seedCustomerNames(url);
      const env = loadEnv({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: dataDir, JOBS_ENABLED: 'false', DATABASE_URL: url });
      const app = await createApp({ env, logger: createLogger('silent'), clock: systemClock, database });
      const base = (await app.listen()).replace('localhost', '127.0.0.1');
      try {
        const prisma = database.prisma;
        const supervisor = await prisma.staff.create({ data: { name: 'Bench supervisor', role: 'supervisor', email: 'bench-supervisor@example.test' } });
        const { token } = await openSession(prisma, supervisor, { now: new Date(), hours: 1, ip: null });
        const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
        const ticket = await prisma.ticket.findFirstOrThrow({ where: { status: { notIn: ['resolved', 'closed'] } }, orderBy: { createdAt: 'desc' } });
        const conversation = await prisma.conversation.findFirstOrThrow({ where: { ticketId: ticket.id } });
        // An engineer with a day's work: 20 open tickets assigned, and visits on 5 more (their lists are filtered to these).
        const engineer = await prisma.staff.create({ data: { name: 'Bench engineer', role: 'engineer', email: 'bench-engineer@example.test' } });
        const engineerHeaders = { authorization: `Bearer ${(await openSession(prisma, engineer, { now: new Date(), hours: 1, ip: null })).token}` };
        const work = await prisma.ticket.findMany({ where: { status: { notIn: ['resolved', 'closed'] } }, orderBy: { createdAt: 'desc' }, skip: 1, take: 25, select: { id: true } });
        await prisma.ticket.updateMany({ where: { id: { in: work.slice(0, 20).map((w) => w.id) } }, data: { assigneeId: engineer.id } });
        await prisma.visit.createMany({ data: work.slice(20).map((w) => ({ ticketId: w.id, engineerId: engineer.id, scheduledAt: new Date() })) });
        const get = (p: string, as: Record<string, string> = headers) => async () => {
          const res = await fetch(`${base}${p}`, { headers: as });
          await res.arrayBuffer();
          if (!res.ok) throw new Error(`GET ${p} answered ${res.status}`);
        };
        const reads: [string, () => Promise<void>][] = [
          ['search 王 (one-character surname)', get(`/console/api/customers?q=${encodeURIComponent('王')}`)],
          ['search 歐陽 (two-character surname)', get(`/console/api/customers?q=${encodeURIComponent('歐陽')}`)],
          ['search 小明 (two characters inside a name)', get(`/console/api/customers?q=${encodeURIComponent('小明')}`)],
          ['search 大同 (two characters inside a company)', get(`/console/api/customers?q=${encodeURIComponent('大同')}`)],
          ['search Li (Latin word prefix)', get('/console/api/customers?q=Li')],
          ['search 王小明 (full name)', get(`/console/api/customers?q=${encodeURIComponent('王小明')}`)],
          ['search Chen Mei (Latin full name)', get(`/console/api/customers?q=${encodeURIComponent('Chen Mei')}`)],
          ['search 0910000123 (local phone)', get('/console/api/customers?q=0910000123')],
          ['search 5550 (partial number)', get('/console/api/customers?q=5550')],
          ['search mei.chen (e-mail)', get('/console/api/customers?q=mei.chen')],
          ['queue', get('/console/api/queue')],
          ['tickets', get('/console/api/tickets')],
          ['tickets ?q=', get('/console/api/tickets?q=Printer%20fault%209')],
          ['ticket workspace', get(`/console/api/tickets/${ticket.id}`)],
          ['conversation', get(`/console/api/conversations/${conversation.id}`)],
          ['inbox', get('/console/api/inbox')],
          ['outbox', get('/console/api/outbox')],
          ['visits', get('/console/api/visits')],
          ['notifications', get('/console/api/notifications')],
          ['call tasks', get('/console/api/call-tasks')],
          ['engineer: tickets', get('/console/api/tickets', engineerHeaders)],
          ['engineer: queue', get('/console/api/queue', engineerHeaders)],
          ['engineer: inbox', get('/console/api/inbox', engineerHeaders)],
          ['engineer: outbox', get('/console/api/outbox', engineerHeaders)],
          ['engineer: notifications', get('/console/api/notifications', engineerHeaders)],
          ['engineer: own ticket', get(`/console/api/tickets/${work[0]!.id}`, engineerHeaders)],
          ['kpis', get('/console/api/kpis')],
          ['reports', get('/console/api/reports')],
          ['audit', get('/console/api/audit')],
          ['access requests', get('/console/api/access-requests')],
          [
            'customer archive',
            async () => {
              const res = await fetch(`${base}/console/api/customers/${ticket.customerId}/access`, { method: 'POST', headers, body: JSON.stringify({ reason: 'bench: open the archive' }) });
              await res.arrayBuffer();
              await get(`/console/api/customers/${ticket.customerId}`)();
            },
          ],
        ];
        for (const [name, read] of reads) await recorder.during(name, read);
      } finally {
        recorder.restore();
        await app.stop();
      }
      return explainAll(url, recorder.statements);
    } finally {
      recorder.restore();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
  if (!rows) return [{ name: 'PostgreSQL skipped: no server (set BENCH_DATABASE_URL)', value: NaN, unit: '' }];
  return rows.map((r) => ({
    name: `${customers / 1000}k customers: ${r.endpoint}: statements reading a large table in full${r.scanned.length ? ` (${r.scanned.join('; ')})` : ''}`,
    value: r.seqScans,
    unit: 'plans',
    target: '0',
    key: `consoleScans.${r.endpoint.replace(/[^A-Za-z0-9]+/g, '_')}`,
  }));
}

/** EXPLAIN (no ANALYZE) of each recorded SELECT, grouped by endpoint: the large tables each reads in full. */
async function explainAll(url: string, statements: Statement[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const byEndpoint = new Map<string, { seqScans: number; scanned: string[] }>();
  try {
    const large = new Set(
      (await client.query<{ relname: string }>(`SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND reltuples >= $1`, [LARGE_TABLE_ROWS])).rows.map((r) => r.relname),
    );
    for (const s of statements) {
      const entry = byEndpoint.get(s.endpoint) ?? { seqScans: 0, scanned: [] };
      byEndpoint.set(s.endpoint, entry);
      if (!/^\s*(SELECT|WITH)\b/i.test(s.text)) continue;
      const { rows } = await client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`EXPLAIN (FORMAT JSON) ${s.text}`, s.values);
      const scanned = [...seqScanned(rows[0]!['QUERY PLAN'][0]!.Plan)].filter((t) => large.has(t));
      if (scanned.length && process.env.SCANS_DEBUG) console.error(s.endpoint, s.text.slice(0, 2000), JSON.stringify(s.values).slice(0, 300));
      if (scanned.length) {
        entry.seqScans += 1;
        entry.scanned.push(`${scanned.join('+')}: ${s.text.replace(/\s+/g, ' ').slice(0, 100)}`);
      }
    }
  } finally {
    await client.end();
  }
  return [...byEndpoint].map(([endpoint, e]) => ({ endpoint, ...e }));
}
