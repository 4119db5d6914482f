/**
 * Where an end-to-end message's time goes: one aftercare process (the compiled `npm start` build) on a fresh
 * database, warmed up, then signed SMS webhooks from the separate load generator. Prints one JSON line: rate,
 * latency, peak memory, and CPU time per answered message of the app process and (PostgreSQL) of the
 * server backends serving its database, both read from /proc, so the figures mean something on a shared
 * machine. With --profile DIR the app writes a CPU profile of the measured load only into DIR.
 *
 *   npx tsx bench/e2e-profile.ts [--pglite] [--count 1500] [--concurrency 20] [--profile .tmp/prof]
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { freePort, runLoad, startAppProcess } from './e2e/app-process.js';

const { values } = parseArgs({
  options: { pglite: { type: 'boolean', default: false }, count: { type: 'string', default: '1500' }, concurrency: { type: 'string', default: '20' }, profile: { type: 'string' } },
});
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const token = randomBytes(16).toString('hex');
const publicBaseUrl = 'https://bench.example.test';
const dbName = `aftercare_profile_${process.pid}`;

/** utime + stime of a process in ms (clock ticks of 1/100 s), 0 once it is gone. */
async function cpuMsOf(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

const admin = values.pglite ? undefined : new pg.Client({ connectionString: serverUrl });
await admin?.connect();
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'aftercare-profile-'));
let databaseUrl = '';
if (admin) {
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  databaseUrl = url.toString();
}
/** CPU time of the server backends connected to the bench database (the pool's and pg-boss's). */
const serverCpuMs = async () => {
  if (!admin) return 0;
  const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [dbName]);
  let ms = 0;
  for (const { pid } of rows) ms += await cpuMsOf(pid);
  return ms;
};
try {
  if (values.profile) await mkdir(values.profile, { recursive: true });
  const nodeArgs = values.profile ? ['--import', path.join(import.meta.dirname, 'e2e', 'cpu-profile-hook.mjs')] : [];
  const env = {
    TWILIO_AUTH_TOKEN: token,
    PUBLIC_BASE_URL: publicBaseUrl,
    RATE_LIMIT_SENDER_PER_MINUTE: '0',
    RATE_LIMIT_WEBHOOK_IP_PER_MINUTE: '0',
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    ...(values.profile ? { PROFILE_DIR: path.resolve(values.profile) } : {}),
  };
  const app = await startAppProcess(await freePort({ first: 41500, last: 41599 }), env, 180_000, nodeArgs);
  try {
    const idleRssMb = await app.rssMb();
    await runLoad({ url: app.url, count: 50, concurrency: 5, maxSeconds: 30, token, publicBaseUrl });
    const [app0, server0] = [await app.cpuMs(), await serverCpuMs()];
    if (values.profile) process.kill(app.pid, 'SIGUSR2');
    const load = await runLoad({ url: app.url, count: Number(values.count), concurrency: Number(values.concurrency), maxSeconds: 120, token, publicBaseUrl });
    const [app1, server1] = [await app.cpuMs(), await serverCpuMs()];
    if (values.profile) process.kill(app.pid, 'SIGUSR2');
    const perMsg = (ms: number) => Math.round((ms / Math.max(load.ok, 1)) * 100) / 100;
    console.log(
      JSON.stringify({
        database: values.pglite ? 'pglite' : 'postgresql',
        loadAverage: os.loadavg()[0]!.toFixed(1),
        ...load,
        appCpuMsPerMsg: perMsg(app1 - app0),
        ...(admin ? { serverCpuMsPerMsg: perMsg(server1 - server0) } : {}),
        idleRssMb,
        peakRssMb: await app.peakRssMb(),
        startMs: app.startMs,
      }),
    );
    if (values.profile) await new Promise((resolve) => setTimeout(resolve, 2_000));
  } finally {
    await app.stop();
  }
} finally {
  if (admin) {
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  }
  await rm(dataDir, { recursive: true, force: true });
}
