import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

type Row = { name: string; value: number; unit: string; target?: string; key?: string };

const root = path.join(import.meta.dirname, '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** How aftercare can be started: `npm start` runs the compiled JavaScript; tsx was how it ran before. */
const commands = {
  compiled: ['--disable-warning=DEP0111', 'dist/src/main.js'],
  tsx: ['--disable-warning=DEP0111', '--import', 'tsx', 'src/main.ts'],
} as const;

/**
 * Starts aftercare (node itself, so the pid is the app's), measures until /healthz answers ok, then its resident
 * memory after two idle seconds; stops it with SIGTERM.
 */
async function startOnce(kind: keyof typeof commands, dataDir: string): Promise<{ ms: number; cpuMs: number; idleRssMb: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...commands[kind]], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: process.env.BENCH_VERBOSE ? 'inherit' : 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`aftercare exited with ${child.exitCode}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (res.ok) break;
      } catch {
        // not listening yet
      }
      if (performance.now() - started > 90_000) throw new Error('no healthy answer within 90 s');
      await sleep(25);
    }
    const ms = performance.now() - started;
    // CPU time says more than wall time on a busy machine: utime + stime, in clock ticks (100 a second).
    const stat = (await readFile(`/proc/${child.pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
    const cpuMs = (Number(stat[11]) + Number(stat[12])) * 10;
    await sleep(2_000);
    const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
    const idleRssMb = Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024);
    return { ms, cpuMs, idleRssMb };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/** Start-up to /healthz on an empty and on an existing embedded database, compiled and through tsx. */
export async function benchStartup(): Promise<Row[]> {
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--if-stale'], { stdio: 'inherit' });
  const rows: Row[] = [];
  for (const kind of ['compiled', 'tsx'] as const) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'aftercare-bench-start-'));
    try {
      const fresh = await startOnce(kind, dataDir);
      const again = await startOnce(kind, dataDir);
      const label = kind === 'compiled' ? 'compiled JS (npm start)' : 'TypeScript through tsx (before)';
      rows.push(
        { name: `${label}: start to /healthz, empty data directory`, value: Math.round(fresh.ms), unit: 'ms', key: `startup.${kind}.freshMs` },
        { name: `${label}: start to /healthz, existing data directory`, value: Math.round(again.ms), unit: 'ms', target: '<= 1500', key: `startup.${kind}.existingMs` },
        { name: `${label}: CPU time to /healthz, existing data directory`, value: again.cpuMs, unit: 'ms', key: `startup.${kind}.existingCpuMs` },
        { name: `${label}: idle resident memory (PGlite)`, value: again.idleRssMb, unit: 'MB', target: '<= 400', key: `startup.${kind}.idleRssMb` },
      );
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  return rows;
}
