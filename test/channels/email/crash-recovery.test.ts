import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Database, type DatabaseKind } from '../../../src/db/db.js';
import { startImapServer, type ImapFixture } from '../../fixtures/imap-server.js';
import { databaseKinds, openTestDatabase } from '../../support/test-database.js';
import { eventually, rawMail } from './mail-test-helpers.js';

const script = fileURLToPath(new URL('../../fixtures/mail-listener-process.ts', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));

type ChildDatabase = { env: Record<string, string>; open(): Promise<Database>; cleanup(): Promise<void> };

/** A database the child process can open: a PGlite directory nobody else holds, or a private server database. */
async function databaseForChild(kind: DatabaseKind): Promise<ChildDatabase> {
  if (kind === 'postgresql') {
    const db = await openTestDatabase('postgresql');
    return { env: { DATA_DIR: db.dataDir, DATABASE_URL: db.connectionString! }, open: async () => db, cleanup: () => db.close() };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aftercare-mail-crash-'));
  await cp(inject('pgliteTemplateDir'), path.join(dir, 'pglite'), { recursive: true });
  let opened: Database | undefined;
  return {
    env: { DATA_DIR: dir },
    open: async () => (opened = await openDatabase({ dataDir: dir })),
    cleanup: async () => {
      await opened?.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Starts the listener process and resolves with the first stdout line matching `until`. */
function startListener(env: Record<string, string>, until: RegExp): { child: ChildProcess; line: Promise<string>; exited: Promise<number | null>; stderr: string[] } {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: process.env.MAIL_TEST_CHILD_LOG ?? 'warn', DOTENV_CONFIG_QUIET: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const line = new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const found = buffer.split('\n').find((l) => until.test(l));
      if (found) resolve(found);
    });
    void exited.then((code) => reject(new Error(`listener exited (${code}) before printing ${until}: ${stderr.join('')}`)));
  });
  return { child, line, exited, stderr };
}

describe.each(databaseKinds)('a listener killed between storing and flagging a mail, on %s', (kind) => {
  let imap: ImapFixture | undefined;
  let database: ChildDatabase | undefined;
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await imap?.stop();
    await database?.cleanup();
  });

  it('loses nothing and stores nothing twice after a restart', { timeout: 120_000 }, async () => {
    imap = await startImapServer();
    database = await databaseForChild(kind);
    const env = { ...database.env, ...imap.env(), IMAP_POLL_INTERVAL_SECONDS: '1', MAIL_FROM: 'service@aftercare.test' };
    const uid = imap.deliver(rawMail('fault-new.eml'));

    const first = startListener({ ...env, MAIL_TEST_CRASH_AT: 'after-store' }, /^STORED /);
    children.push(first.child);
    expect(await first.line).toBe(`STORED ${uid}`);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(imap.messages().find((m) => m.uid === uid)?.flags).not.toContain('\\Seen');

    const second = startListener(env, /^READY$/);
    children.push(second.child);
    await second.line;
    await eventually(async () => imap!.messages().find((m) => m.uid === uid)?.flags.includes('\\Seen'));
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    const db = (await database.open()).prisma;
    expect(await db.message.count({ where: { channel: 'email', externalId: 'fault-new-1@customer.test' } })).toBe(1);
    expect(await db.ticket.count()).toBe(1);
    expect(await db.outboundMessage.count({ where: { to: 'alice@customer.test' } })).toBe(1);
    expect(await db.mailReceipt.findMany({ select: { uid: true, outcome: true, reason: true } })).toEqual([{ uid, outcome: 'stored', reason: 'already stored (reprocessed)' }]);
  });
});
