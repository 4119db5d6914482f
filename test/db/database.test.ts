import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../src/db/db.js';
import { migrationsDir } from '../../src/db/migrate.js';
import { DatabaseUnavailableError } from '../../src/errors/app-error.js';
import { maskPii } from '../../src/logger.js';

describe('the embedded database', () => {
  it('is created on first open and keeps its data across restarts', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'aftercare-embedded-'));
    try {
      const first = await openDatabase({ dataDir: dir });
      await first.prisma.staff.create({ data: { name: 'Kept' } });
      await first.close();
      const second = await openDatabase({ dataDir: dir });
      expect(await second.prisma.staff.findMany({ select: { name: true } })).toEqual([{ name: 'Kept' }]);
      const applied = await second.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "_prisma_migrations"`;
      expect(applied[0]?.n).toBeGreaterThan(0);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a second opener of the same directory with a message that says what to do', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'aftercare-embedded-'));
    const first = await openDatabase({ dataDir: dir });
    try {
      // Another process holding the directory: our own pid would be accepted, so use a live child's.
      const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
      const { writeFile } = await import('node:fs/promises');
      await writeFile(path.join(dir, 'pglite.lock'), String(child.pid));
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/in use by process .*DATABASE_URL/s);
      child.kill();
    } finally {
      await first.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a database server that cannot be reached', () => {
  it('is retried until the timeout, then reported clearly without the password', async () => {
    const attempts: number[] = [];
    const opening = openDatabase({
      dataDir: os.tmpdir(),
      databaseUrl: 'postgresql://aftercare:secret@127.0.0.1:1/nowhere',
      connectTimeoutMs: 600,
      onRetry: (n) => attempts.push(n),
    });
    await expect(opening).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await expect(opening).rejects.toThrow(/Cannot reach PostgreSQL at postgresql:\/\/aftercare:\*\*\*@127\.0\.0\.1:1\/nowhere/);
    expect(attempts.length).toBeGreaterThan(0);
  });
});

describe('log masking', () => {
  it('keeps the ends of phone numbers and e-mail addresses only', () => {
    expect(maskPii('call +886912345678 or mail mei.lin@example.com')).toBe('call +*********678 or mail m***@example.com');
  });
});

describe.runIf(inject('postgresTemplate'))('several instances starting at once on one server', () => {
  it('apply each migration exactly once', async () => {
    const { adminUrl } = inject('postgresTemplate')!;
    const name = `aftercare_race_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    try {
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const instances = await Promise.all(
        Array.from({ length: 3 }, () => openDatabase({ dataDir: os.tmpdir(), databaseUrl: url.toString() })),
      );
      const rows = await instances[0]!.prisma.$queryRaw<{ migration_name: string; n: number }[]>`
        SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY migration_name`;
      const { readdir } = await import('node:fs/promises');
      const dirs = (await readdir(migrationsDir, { withFileTypes: true })).filter((d) => d.isDirectory());
      expect(rows).toHaveLength(dirs.length);
      expect(rows.every((r) => r.n === 1)).toBe(true);
      await Promise.all(instances.map((db) => db.close()));
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });
});
