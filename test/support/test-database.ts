import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database, type DatabaseKind } from '../../src/db/db.js';

/** PGlite always; the real PostgreSQL server too when TEST_DATABASE_URL is set (as in .ci/run). */
export const databaseKinds: DatabaseKind[] = inject('postgresTemplate') ? ['pglite', 'postgresql'] : ['pglite'];

export type TestDatabase = Database & { dataDir: string };

/** A fresh, migrated database of the given kind, private to the caller; close() throws it away. */
export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'aftercare-db-'));
  if (kind === 'pglite') {
    await cp(inject('pgliteTemplateDir'), path.join(dataDir, 'pglite'), { recursive: true });
    const db = await openDatabase({ dataDir });
    return {
      ...db,
      dataDir,
      close: async () => {
        await db.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  }
  const template = inject('postgresTemplate');
  if (!template) throw new Error('TEST_DATABASE_URL is not set');
  const name = `aftercare_t_${randomBytes(6).toString('hex')}`;
  await withAdmin(template.adminUrl, async (admin) => {
    // Clones from the same template can collide for a moment ("being accessed by other users").
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template.database}"`);
        return;
      } catch (err) {
        if (attempt >= 20 || !/being accessed/.test((err as Error).message)) throw err;
        await sleep(100 * attempt);
      }
    }
  });
  const url = new URL(template.adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ dataDir, databaseUrl: url.toString() });
  return {
    ...db,
    dataDir,
    close: async () => {
      await db.close();
      await withAdmin(template.adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function withAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
