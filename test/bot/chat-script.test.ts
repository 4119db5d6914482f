import { spawn } from 'node:child_process';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Runs `tsx scripts/chat.ts` with the given stdin; resolves with its output and exit code. */
function chat(input: string | null, env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> & { end(): void } {
  let end = () => {};
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/chat.ts', ...args], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...inherited, LOG_LEVEL: 'warn', DOTENV_CONFIG_QUIET: 'true', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (input === null) end = () => child.stdin.end();
    else child.stdin.end(input);
  });
  return Object.assign(done, { end: () => end() });
}

describe('terminal chat (npm run chat)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'aftercare-chat-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('scripts a whole fault report from piped lines and prints the ticket number', async () => {
    const lines = ['My HP LaserJet M404 printer is broken, it jams on every page', 'Alice Chen', 'skip', 'skip', 'skip', 'skip', 'yes'];
    const result = await chat(`${lines.join('\n')}\n`, { DATA_DIR: dataDir }, ['--as', '0912 000 456']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('May I have your name, please?');
    expect(result.stdout).toMatch(/Your ticket number is SR-\d{4}-\d{6}\./);
  }, 90_000);

  it('says clearly that the embedded database is in use when another process holds it', async () => {
    const holder = chat(null, { DATA_DIR: dataDir });
    for (let i = 0; i < 200; i++) {
      if (await access(path.join(dataDir, 'pglite.lock')).then(() => true, () => false)) break;
      await sleep(100);
    }
    const second = await chat('hello\n', { DATA_DIR: dataDir });
    holder.end();
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('is in use by process');
    expect((await holder).code).toBe(0);
  }, 90_000);
});
