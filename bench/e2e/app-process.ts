import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const root = path.join(import.meta.dirname, '..', '..');

export type AppProcess = {
  url: string;
  pid: number;
  startMs: number;
  peakRssMb(): Promise<number>;
  rssMb(): Promise<number>;
  /** CPU time (user + system) the process has used since it started. */
  cpuMs(): Promise<number>;
  /** Whether the process is still running. */
  running(): boolean;
  /** `kill -9`, then waits for the exit (the soak's crash). */
  kill(): Promise<void>;
  stop(): Promise<void>;
};

/** The app's resident memory from /proc: VmHWM is the peak since it started, VmRSS the current. */
async function procMb(pid: number, field: 'VmHWM' | 'VmRSS'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

/** Linux counts CPU time in /proc in clock ticks of 1/100 s (USER_HZ, the same on every common kernel). */
const TICK_MS = 10;

/** utime + stime from /proc/<pid>/stat (fields 14 and 15; the name in parentheses may contain spaces). */
async function procCpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/**
 * Whether process `pid` holds the socket listening on 127.0.0.1:`port` (from /proc/net/tcp and its file
 * descriptors). The benches' ports lie in Linux's ephemeral range: between freePort and the app's listen,
 * another program (a test server of someone else's suite) can take the port, and its /healthz would pass
 * for ours.
 */
async function listensOn(pid: number, port: number): Promise<boolean> {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const table = await readFile('/proc/net/tcp', 'utf8');
  const inodes = new Set(
    table
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((f) => f[1]?.endsWith(`:${hexPort}`) && f[3] === '0A')
      .map((f) => f[9]),
  );
  if (!inodes.size) return false;
  const fds = await readdir(`/proc/${pid}/fd`).catch(() => []);
  for (const fd of fds) {
    const link = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    if (inodes.has(/^socket:\[(\d+)\]$/.exec(link)?.[1])) return true;
  }
  return false;
}

/**
 * Starts aftercare as `npm start` does (the compiled `dist/src/main.js`, built first when stale; one process), on 127.0.0.1:`port` with `env`,
 * and waits until /healthz answers ok. stop() sends SIGTERM and waits for the exit. `nodeArgs` go before the
 * script (e.g. `--cpu-prof`).
 */
export async function startAppProcess(port: number, env: Record<string, string>, timeoutMs = 180_000, nodeArgs: readonly string[] = []): Promise<AppProcess> {
  // A stale build is rebuilt first, outside the start-up time.
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--if-stale'], { stdio: 'inherit' });
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--disable-warning=DEP0111', 'dist/src/main.js'], {
    cwd: root,
    env: { ...process.env, DOTENV_CONFIG_QUIET: 'true', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: process.env.BENCH_VERBOSE ? 'inherit' : ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(killer);
  };
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`aftercare exited with ${child.exitCode} before it was healthy`);
      if (performance.now() - started > timeoutMs) throw new Error(`aftercare was not healthy within ${timeoutMs} ms`);
      const healthy = await fetch(`${url}/healthz`).then(
        (res) => res.ok,
        () => false, // not listening yet
      );
      if (healthy && (await listensOn(child.pid!, port))) break;
      if (healthy) throw new Error(`another program answers on ${url}; aftercare cannot listen there`);
      await sleep(50);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  const pid = child.pid!;
  const running = () => child.exitCode === null && child.signalCode === null;
  const kill = async () => {
    if (running()) child.kill('SIGKILL');
    await exited;
  };
  return { url, pid, startMs: Math.round(performance.now() - started), peakRssMb: () => procMb(pid, 'VmHWM'), rssMb: () => procMb(pid, 'VmRSS'), cpuMs: () => procCpuMs(pid), running, kill, stop };
}

export type LoadResult = { sent: number; ok: number; statuses: Record<string, number>; seconds: number; msgsPerSec: number; p50Ms: number | null; p99Ms: number | null; /** The generator's own CPU time per answered message, its start-up left out. */ loadCpuMsPerMsg?: number };

/**
 * Runs bench/e2e/load-generator.ts as its own process and returns what it printed. Several URLs: round robin
 * over them. With `ackedFile`, the generator writes the MessageSids answered 200 there. With `rate`, the load
 * is open-loop at that many messages per second (`concurrency` is then ignored; see the generator).
 */
export async function runLoad(args: { url: string | readonly string[]; count: number; concurrency: number; maxSeconds: number; token: string; publicBaseUrl: string; ackedFile?: string; rate?: number }): Promise<LoadResult> {
  const urls = typeof args.url === 'string' ? args.url : args.url.join(',');
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(import.meta.dirname, 'load-generator.ts'),
      ...(args.rate === undefined ? [] : [`--rate=${args.rate}`]),
      urls,
      String(args.count),
      String(args.concurrency),
      String(args.maxSeconds),
      args.token,
      args.publicBaseUrl,
      ...(args.ackedFile ? [args.ackedFile] : []),
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`load generator exited with ${code}`);
  return JSON.parse(out.trim().split('\n').at(-1)!) as LoadResult;
}

/** The first port of `range` on 127.0.0.1 that nothing listens on. */
export async function freePort(range: { first: number; last: number }): Promise<number> {
  for (let port = range.first; port <= range.last; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${range.first}-${range.last}`);
}

/**
 * startAppProcess on the first free port of `range`; when another program takes that port before the app
 * listens (startAppProcess then refuses it), tries the next free one, three times at most.
 */
export async function startAppOnFreePort(range: { first: number; last: number }, env: Record<string, string>, timeoutMs?: number): Promise<AppProcess> {
  let first = range.first;
  for (let attempt = 1; ; attempt++) {
    const port = await freePort({ first, last: range.last });
    try {
      return await startAppProcess(port, env, timeoutMs);
    } catch (err) {
      if (attempt >= 3 || !(err instanceof Error) || !err.message.startsWith('another program answers')) throw err;
      first = port + 1;
    }
  }
}
