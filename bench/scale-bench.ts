import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runLoad, startAppOnFreePort, type AppProcess, type LoadResult } from './e2e/app-process.js';
import { benchAppEnv, PUBLIC_BASE_URL, TWILIO_TOKEN } from './e2e/bench-app-env.js';
import { benchServerUrl, withFreshDatabase } from './e2e/fresh-database.js';
import { startFakeTwilio } from './scale/fake-twilio.js';
import { judgeScale, type ScaleVerdict } from './scale/scale-accounting.js';
import { describeUnsent, readScaleFacts, waitForBacklog } from './scale/scale-check.js';

type Row = { name: string; value: number; unit: string; target?: string; key?: string };
export type BenchOptions = { quick: boolean };

/**
 * Not part of the plain `npm run bench -- --quick` (which stays under a minute); `npm run bench -- scale tickets
 * --quick` runs it with small counts.
 */
export const inQuick = false;

/** Ports this bench may use (two apps at a time), apart from the e2e bench's. */
const PORTS = { first: 41500, last: 41599 };

/** Same message count for one and two instances; the backlog wait is bounded so the bench stops by itself. */
function sizes(quick: boolean) {
  return quick
    ? { count: 300, queuedCount: 100, concurrency: 20, maxSeconds: 8, warmUp: 10, backlogMs: 15_000 }
    : { count: 3000, queuedCount: 1000, concurrency: 20, maxSeconds: 90, warmUp: 40, backlogMs: 90_000 };
}

type Phase = { load: LoadResult; cpuMsPerMsg: number; verdict: ScaleVerdict; stored: number; outbox: number; leftAfterWait: number };

/** Starts `n` instances at once on one database (they race for the migration lock as a real roll-out would). */
async function startInstances(n: number, envOf: (instance: number) => Record<string, string>, scratch: string): Promise<AppProcess[]> {
  const width = Math.floor((PORTS.last - PORTS.first + 1) / n);
  const started = await Promise.allSettled(
    Array.from({ length: n }, async (_, instance) => {
      const dataDir = path.join(scratch, `app-${instance}`);
      await mkdir(dataDir);
      const first = PORTS.first + instance * width;
      return startAppOnFreePort({ first, last: first + width - 1 }, { ...envOf(instance), DATA_DIR: dataDir });
    }),
  );
  const apps = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(apps.map((a) => a.stop()));
    throw failed.reason;
  }
  return apps;
}

const totalCpuMs = async (apps: readonly AppProcess[]) => (await Promise.all(apps.map((a) => a.cpuMs()))).reduce((a, b) => a + b, 0);

/**
 * One phase: `instances` app processes on a fresh database, warmed up, then the same signed SMS load spread
 * round robin over them; once the backlog is worked off (bounded wait) and the apps stopped, the database
 * is checked against the MessageSids the load generator saw acknowledged. `queued`: a reply budget of 1 ms,
 * so every turn finishes after the answer and its replies go out through the outbox, one pg-boss
 * `message.send` job each, taken by either instance and sent to a fake Twilio that counts them.
 */
export async function measurePhase(instances: number, quick: boolean, queued = false): Promise<Phase | null> {
  const size = sizes(quick);
  const count = queued ? size.queuedCount : size.count;
  return withFreshDatabase(`aftercare_bench_scale${instances}${queued ? 'q' : ''}_${process.pid}`, async (url) => {
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'aftercare-bench-scale-'));
    const twilio = queued ? await startFakeTwilio() : null;
    let apps: AppProcess[] = [];
    try {
      const envOf = (instance: number) => ({
        ...benchAppEnv,
        DATABASE_URL: url,
        ...(twilio
          ? { TWILIO_SMS_REPLY_BUDGET_MS: '1', TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`, TWILIO_FROM_NUMBER: '+886277001234', TWILIO_API_BASE_URL: twilio.baseUrlFor(`i${instance}`) }
          : {}),
      });
      apps = await startInstances(instances, envOf, scratch);
      const urls = apps.map((a) => a.url);
      await runLoad({ url: urls, count: size.warmUp * instances, concurrency: 5, maxSeconds: 30, token: TWILIO_TOKEN, publicBaseUrl: PUBLIC_BASE_URL });
      const cpuBefore = await totalCpuMs(apps);
      const ackedFile = path.join(scratch, 'acked.json');
      const load = await runLoad({ url: urls, count, concurrency: size.concurrency, maxSeconds: size.maxSeconds, token: TWILIO_TOKEN, publicBaseUrl: PUBLIC_BASE_URL, ackedFile });
      const leftAfterWait = await waitForBacklog(url, size.backlogMs);
      if (leftAfterWait) console.error(`scale bench, ${instances} instance(s)${queued ? ', queued' : ''}: backlog left after the wait: ${JSON.stringify(await describeUnsent(url))}`);
      // Queued, the work goes on after the answers: CPU counts until the backlog is gone.
      const cpuMsPerMsg = load.ok ? Math.round((((await totalCpuMs(apps)) - cpuBefore) / load.ok) * 100) / 100 : NaN;
      await Promise.all(apps.map((a) => a.stop()));
      const acked = JSON.parse(await readFile(ackedFile, 'utf8')) as string[];
      const facts = await readScaleFacts(url, acked, twilio?.sends);
      const verdict = judgeScale(facts);
      if (Object.keys(verdict.examples).length) console.error(`scale bench, ${instances} instance(s)${queued ? ', queued' : ''}: ${JSON.stringify(verdict.examples)}`);
      return { load, cpuMsPerMsg, verdict, stored: facts.inbound.length, outbox: facts.outbox.length, leftAfterWait };
    } finally {
      await Promise.all(apps.map((a) => a.stop()));
      await twilio?.close();
      await rm(scratch, { recursive: true, force: true });
    }
  });
}

function phaseRows(label: string, key: string, p: Phase): Row[] {
  const refused = Object.entries(p.load.statuses).filter(([s]) => s !== '200');
  return [
    { name: `${label}: signed SMS end to end`, value: p.load.msgsPerSec, unit: 'msg/s', key: `scale.${key}.msgsPerSec` },
    { name: `${label}: latency p50`, value: p.load.p50Ms ?? NaN, unit: 'ms', key: `scale.${key}.p50Ms` },
    { name: `${label}: latency p99`, value: p.load.p99Ms ?? NaN, unit: 'ms', key: `scale.${key}.p99Ms` },
    { name: `${label}: app CPU per answered message (all instances)`, value: p.cpuMsPerMsg, unit: 'ms', key: `scale.${key}.cpuMsPerMsg` },
    { name: `${label}: answered 200 / sent${refused.length ? ` (others: ${refused.map(([s, n]) => `${s}×${n}`).join(', ')})` : ''}`, value: p.load.ok, unit: `/${p.load.sent}`, key: `scale.${key}.ok` },
    { name: `${label}: inbound rows stored (warm-up included)`, value: p.stored, unit: 'rows', key: `scale.${key}.stored` },
    { name: `${label}: backlog (unprocessed, unsent) when the bounded wait ended`, value: p.leftAfterWait, unit: '', target: '0', key: `scale.${key}.leftAfterWait` },
    { name: `${label}: lost (acknowledged not stored, job missing, reply never sent)`, value: p.verdict.lost, unit: '', target: '0', key: `scale.${key}.lost` },
    { name: `${label}: duplicates (stored, replies, jobs, sends)`, value: p.verdict.duplicates, unit: '', target: '0', key: `scale.${key}.duplicates` },
    { name: `${label}: stored but unprocessed after the wait`, value: p.verdict.unprocessed, unit: '', target: '0', key: `scale.${key}.unprocessed` },
    { name: `${label}: processed without a reply`, value: p.verdict.unanswered, unit: '', target: '0', key: `scale.${key}.unanswered` },
    { name: `${label}: pg-boss jobs checked for doubles`, value: p.verdict.parts.jobsChecked, unit: 'jobs', key: `scale.${key}.jobsChecked` },
    ...(p.outbox
      ? [
          { name: `${label}: replies through the outbox (message.send jobs)`, value: p.outbox, unit: 'rows', key: `scale.${key}.outbox` },
          ...Object.entries(p.verdict.sentBy)
            .sort()
            .map(([instance, n]) => ({ name: `${label}: outbox replies sent by instance ${instance}`, value: n, unit: 'sends', key: `scale.${key}.sentBy.${instance}` })),
        ]
      : []),
  ];
}

/**
 * Scale-out on PostgreSQL: the e2e load (signed SMS, FAQ questions from 50 numbers) against one instance,
 * then the same count spread round robin over two instances on one database, then two instances again with
 * every reply deferred to the pg-boss outbox; after each, from the database (and the fake Twilio), every
 * acknowledged message stored, processed and answered exactly once, no job queued twice, no reply sent twice.
 */
export async function benchScaleOut(options: BenchOptions = { quick: false }): Promise<Row[]> {
  const one = await measurePhase(1, options.quick);
  if (!one) return [{ name: `PostgreSQL skipped: cannot reach ${new URL(benchServerUrl).host} (set BENCH_DATABASE_URL)`, value: NaN, unit: '' }];
  const two = (await measurePhase(2, options.quick))!;
  const queued = (await measurePhase(2, options.quick, true))!;
  return [
    ...phaseRows('1 instance', 'oneInstance', one),
    ...phaseRows('2 instances, round robin', 'twoInstances', two),
    { name: 'throughput, 2 instances ÷ 1', value: Math.round((two.load.msgsPerSec / one.load.msgsPerSec) * 100) / 100, unit: '×', key: 'scale.speedup' },
    ...phaseRows('2 instances, every reply queued', 'twoInstancesQueued', queued),
  ];
}
