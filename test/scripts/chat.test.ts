import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/db.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = join(root, 'node_modules/.bin/tsx');
const dataDir = mkdtempSync(join(tmpdir(), 'aftercare-chat-cli-'));
const env = { ...process.env, DATA_DIR: join(dataDir, 'db'), DATABASE_URL: '', LOG_LEVEL: 'error', DOTENV_CONFIG_QUIET: 'true' };

/** Runs `npm run chat` with piped input (scripted mode) and returns its stdout. */
function chat(args: string[], input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ['scripts/chat.ts', ...args], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`chat exited ${code}: ${err}`))));
    child.stdin.end(input);
  });
}

async function terminalConversations(): Promise<{ threadKey: string; messages: number }[]> {
  const db = await openDatabase({ dataDir: env.DATA_DIR, connectTimeoutMs: 5_000 });
  try {
    const rows = await db.prisma.conversation.findMany({ where: { threadKey: { startsWith: 'terminal:' } }, orderBy: { createdAt: 'asc' }, include: { _count: { select: { messages: true } } } });
    return rows.map((r) => ({ threadKey: r.threadKey, messages: r._count.messages }));
  } finally {
    await db.close();
  }
}

describe('npm run chat', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts a fresh conversation on each run, and continues the last one with --continue', { timeout: 120_000 }, async () => {
    const before = await terminalConversations();
    await chat([], 'hello\n');
    const afterFresh = await terminalConversations();
    expect(afterFresh).toHaveLength(before.length + 1);
    await chat(['--continue'], 'thanks\n');
    const afterContinue = await terminalConversations();
    expect(afterContinue).toHaveLength(afterFresh.length);
    expect(afterContinue.at(-1)!.messages).toBeGreaterThan(afterFresh.at(-1)!.messages);
  });

  it('shows what is typed in interactive mode', { timeout: 120_000 }, async () => {
    // `script` gives the chat a real terminal (a pty); we type only after the prompt, when readline has
    // switched the terminal to raw mode and echoing is its own job.
    const child = spawn('script', ['-qfec', `${tsx} scripts/chat.ts --as +886912000777`, '/dev/null'], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    // What the terminal shows, without readline's cursor movements.
    const shown = () => out.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g'), '');
    const seen = (pattern: RegExp) =>
      new Promise<void>((resolve) => {
        const check = () => (pattern.test(shown()) ? resolve() : setTimeout(check, 50));
        check();
      });
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    await seen(/you> $/);
    child.stdin.write('hello there\r');
    await seen(/bot> /);
    child.stdin.write('\u0004');
    await new Promise((resolve) => child.on('close', resolve));
    expect(shown()).toMatch(/you> hello there\r/);
  });
});
