import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/db.js';
import { isDatabaseUnavailable } from '../../src/db/db-errors.js';
import { databaseKinds, openTestDatabase } from '../support/test-database.js';

describe('a bounded wait on the embedded database', () => {
  let dir: string;
  let database: Database;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'aftercare-deadline-'));
    await cp(inject('pgliteTemplateDir'), path.join(dir, 'pglite'), { recursive: true });
    database = await openDatabase({ dataDir: dir, statementTimeoutMs: 300 });
  });
  afterAll(async () => {
    await database?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('fails a query waiting behind a long transaction with a retryable error, and serves again after it', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const holder = database.pglite!.transaction(async () => held);
    const waited = await database.prisma.customer.count().catch((err: unknown) => err);
    // Prisma wraps what the adapter threw; the web edge still sees a retryable database error.
    expect(String((waited as Error).message)).toMatch(/did not answer a query within 300 ms/);
    expect(isDatabaseUnavailable(waited)).toBe(true);
    release();
    await holder;
    expect(await database.prisma.customer.count()).toBe(0);
  });
});

describe.runIf(databaseKinds.includes('postgresql'))('statement timeout on PostgreSQL', () => {
  it('cancels a statement that runs too long, as a retryable error, and the pool keeps working', async () => {
    const db = await openTestDatabase('postgresql');
    const slow = await openDatabase({ dataDir: db.dataDir, databaseUrl: db.connectionString!, statementTimeoutMs: 200 });
    try {
      const err = await slow.prisma.$queryRaw`SELECT pg_sleep(2)`.catch((e: unknown) => e);
      expect(isDatabaseUnavailable(err)).toBe(true);
      expect(await slow.prisma.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
    } finally {
      await slow.close();
      await db.close();
    }
  });
});

describe('which errors count as an unavailable database', () => {
  it('recognises connection, timeout and restart errors, and nothing else', () => {
    const pgError = (code: string) => Object.assign(new Error('x'), { code, severity: 'ERROR' });
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Query read timeout'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('wrapped'), { cause: { kind: 'DatabaseNotReachable' } }))).toBe(true);
    expect(isDatabaseUnavailable(pgError('57P01'))).toBe(true);
    expect(isDatabaseUnavailable(pgError('40001'))).toBe(true);
    expect(isDatabaseUnavailable({ code: 'P2024' })).toBe(true);
    expect(isDatabaseUnavailable(pgError('23505'))).toBe(false);
    expect(isDatabaseUnavailable({ code: 'P2002' })).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
  });
});
