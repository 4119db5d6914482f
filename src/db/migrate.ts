import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlConnection } from './sql-connection.js';

export const migrationsDir = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

// Prisma's own advisory-lock key: the app and `prisma migrate deploy` never migrate at the same time.
const MIGRATION_LOCK_KEY = 72707369;

type Migration = { name: string; sql: string; checksum: string };

async function readMigrations(dir: string): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(path.join(dir, name, 'migration.sql'));
      return { name, sql: bytes.toString('utf8'), checksum: createHash('sha256').update(bytes).digest('hex') };
    }),
  );
}

/**
 * Applies pending `prisma/migrations/*` in-process, recording them in Prisma's `_prisma_migrations`
 * table exactly as `prisma migrate deploy` would, so the CLI and the app agree. The CLI takes ~11 s
 * on PGlite; this takes milliseconds. On a server, an advisory lock serialises instances starting at once.
 */
export async function migrate(
  conn: SqlConnection,
  options: { dir?: string; useAdvisoryLock: boolean },
): Promise<string[]> {
  const migrations = await readMigrations(options.dir ?? migrationsDir);
  if (options.useAdvisoryLock) await conn.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  try {
    await conn.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const done = await conn.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Set(done.map((r) => r.migration_name));
    const pending = migrations.filter((m) => !applied.has(m.name));
    for (const m of pending) {
      await conn.transaction(async (tx) => {
        await tx.exec(m.sql);
        await tx.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), m.checksum, m.name],
        );
      });
    }
    return pending.map((m) => m.name);
  } finally {
    if (options.useAdvisoryLock) await conn.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  }
}
