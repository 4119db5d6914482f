import { spawn } from 'node:child_process';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/db.js';

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

  /** Terminal conversations in the data directory, oldest first, with their message counts. */
  async function terminalConversations(): Promise<{ threadKey: string; messages: number }[]> {
    const db = await openDatabase({ dataDir, connectTimeoutMs: 5_000 });
    try {
      const rows = await db.prisma.conversation.findMany({
        where: { threadKey: { startsWith: 'terminal:' } },
        orderBy: { createdAt: 'asc' },
        include: { _count: { select: { messages: true } } },
      });
      return rows.map((r) => ({ threadKey: r.threadKey, messages: r._count.messages }));
    } finally {
      await db.close();
    }
  }

  it('starts a fresh conversation on each run, and continues the last one with --continue', async () => {
    const before = await terminalConversations();
    expect((await chat('hello\n', { DATA_DIR: dataDir })).code).toBe(0);
    const afterFresh = await terminalConversations();
    expect(afterFresh).toHaveLength(before.length + 1);
    expect((await chat('thanks\n', { DATA_DIR: dataDir }, ['--continue'])).code).toBe(0);
    const afterContinue = await terminalConversations();
    expect(afterContinue).toHaveLength(afterFresh.length);
    expect(afterContinue.at(-1)!.messages).toBeGreaterThan(afterFresh.at(-1)!.messages);
  }, 180_000);

  it('shows what is typed in interactive mode', async () => {
    // `script` gives the chat a real terminal (a pty); we type only after the prompt, when readline has
    // switched the terminal to raw mode and echoing is its own job.
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const child = spawn('script', ['-qfec', `${process.execPath} --import tsx scripts/chat.ts`, '/dev/null'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...inherited, LOG_LEVEL: 'warn', DOTENV_CONFIG_QUIET: 'true', DATA_DIR: dataDir },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    // What the terminal shows, without readline's cursor movements.
    const shown = () => out.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g'), '');
    const seen = async (pattern: RegExp) => {
      while (!pattern.test(shown())) await sleep(50);
    };
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    await seen(/you> $/);
    child.stdin.write('hello there\r');
    await seen(/bot> /);
    child.stdin.write('\u0004');
    await new Promise((resolve) => child.on('close', resolve));
    expect(shown()).toMatch(/you> hello there\r/);
  }, 120_000);
});
