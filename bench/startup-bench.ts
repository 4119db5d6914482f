import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

type Row = { name: string; value: number; unit: string; target?: string };

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

/** SIGTERM to npm and the node process under it; resolves once every process of the group is gone. */
async function stopGroup(pid: number): Promise<void> {
  const alive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (alive()) process.kill(-pid, 'SIGTERM');
  while (alive()) await sleep(50);
}

/** Runs `npm start` and measures until /healthz answers ok; then stops it with SIGTERM. */
async function timeToHealthy(dataDir: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: path.join(import.meta.dirname, '..'),
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: process.env.BENCH_VERBOSE ? 'inherit' : 'ignore',
    // Its own process group: npm does not pass SIGTERM on to the node process it started.
    detached: true,
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`aftercare exited with ${child.exitCode}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (res.ok) return performance.now() - started;
      } catch {
        // not listening yet
      }
      if (performance.now() - started > 60_000) throw new Error('no healthy answer within 60 s');
      await sleep(50);
    }
  } finally {
    await stopGroup(child.pid!);
  }
}

export async function benchStartup(): Promise<Row[]> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'aftercare-bench-start-'));
  try {
    const fresh = await timeToHealthy(dataDir);
    const again = await timeToHealthy(dataDir);
    return [
      { name: 'npm start to /healthz, empty data directory', value: Math.round(fresh), unit: 'ms', target: '< 20000' },
      { name: 'npm start to /healthz, existing data directory', value: Math.round(again), unit: 'ms', target: '< 3000' },
    ];
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
