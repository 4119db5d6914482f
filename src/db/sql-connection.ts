import type { PGlite, Transaction } from '@electric-sql/pglite';
import type pg from 'pg';

/** The raw SQL the migrator and the job queue need, over either PGlite or a pg client. */
export interface SqlConnection {
  /**
   * `name` makes it a prepared statement on a PostgreSQL server (parsed and planned once per connection,
   * then only bound and run): for the turn's few large statements, run on every message. PGlite ignores it.
   */
  query<T = Record<string, unknown>>(text: string, params?: unknown[], name?: string): Promise<T[]>;
  /** Runs a script of several statements (no parameters). */
  exec(script: string): Promise<void>;
  transaction<T>(fn: (tx: SqlConnection) => Promise<T>): Promise<T>;
}

export function pgliteConnection(db: PGlite | Transaction): SqlConnection {
  return {
    query: async <T>(text: string, params?: unknown[]) => (await db.query<T>(text, params)).rows,
    exec: async (script) => {
      await db.exec(script);
    },
    transaction: (fn) => {
      if (!('transaction' in db)) return fn(pgliteConnection(db));
      return db.transaction((tx) => fn(pgliteConnection(tx)));
    },
  };
}

export function pgClientConnection(client: pg.ClientBase): SqlConnection {
  const self: SqlConnection = {
    query: async <T>(text: string, params?: unknown[], name?: string) =>
      (await (name ? client.query({ name, text, values: params }) : client.query(text, params))).rows as T[],
    exec: async (script) => {
      await client.query(script);
    },
    transaction: async (fn) => {
      await client.query('BEGIN');
      try {
        const result = await fn(self);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    },
  };
  return self;
}

/** A pool: each query on whichever connection is free; a transaction holds one connection throughout. */
export function pgPoolConnection(pool: pg.Pool): SqlConnection {
  return {
    query: async <T>(text: string, params?: unknown[], name?: string) => (await (name ? pool.query({ name, text, values: params }) : pool.query(text, params))).rows as T[],
    exec: async (script) => {
      await pool.query(script);
    },
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        return await pgClientConnection(client).transaction(fn);
      } finally {
        client.release();
      }
    },
  };
}
