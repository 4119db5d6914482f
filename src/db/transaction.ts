import type { Prisma } from '../generated/prisma/client.js';
import type { Db } from './db.js';

/** Runs fn in a transaction, or inside the caller's when db already is one. */
export function inTransaction<T>(db: Db, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  if ('$transaction' in db) return db.$transaction(fn, { timeout: 15_000, maxWait: 15_000 });
  return fn(db);
}

/**
 * A unique-constraint violation: how concurrent inserts of the same key show up. Prisma reports P2002;
 * inside an interactive transaction the driver adapter's own error can surface instead.
 */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; cause?: { kind?: unknown; originalCode?: unknown }; message?: unknown };
  return (
    e.code === 'P2002' ||
    e.cause?.kind === 'UniqueConstraintViolation' ||
    e.cause?.originalCode === '23505' ||
    (typeof e.message === 'string' && e.message.includes('violates unique constraint'))
  );
}
