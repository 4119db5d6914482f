import { setTimeout as sleep } from 'node:timers/promises';
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { DatabaseUnavailableError } from '../errors/app-error.js';
import { PrismaClient, type Prisma } from '../generated/prisma/client.js';
import { startEmbedded, type EmbeddedStart } from './embedded-start.js';
import { migrate } from './migrate.js';
import { withBytesDecoding } from './pglite-bytes-fix.js';
import { withinDeadline } from './db-errors.js';
import { withQueryDeadline } from './query-deadline.js';
import { pgClientConnection, pgliteConnection, pgPoolConnection, type SqlConnection } from './sql-connection.js';

/** A Prisma client or an open transaction: domain functions take either, so callers own transactions. */
export type Db = PrismaClient | Prisma.TransactionClient;

export type DatabaseKind = 'pglite' | 'postgresql';

export interface Database {
  readonly kind: DatabaseKind;
  readonly prisma: PrismaClient;
  /** Raw SQL for the job queue: the embedded PGlite instance or a pool on the server. */
  readonly pglite?: PGlite;
  /**
   * Hand-written SQL on the same connections Prisma uses (PGlite itself, or Prisma's own pool on a
   * server): the turn's hot path runs here, without the query compiler.
   */
  readonly sql: SqlConnection;
  readonly connectionString?: string;
  close(): Promise<void>;
}

export type OpenDatabaseOptions = {
  databaseUrl?: string;
  dataDir: string;
  connectTimeoutMs?: number;
  onRetry?: (attempt: number, error: unknown) => void;
  /** Longest a statement may run (PostgreSQL) or wait for the connection (PGlite); then a retryable error. */
  statementTimeoutMs?: number;
  /** Longest a request waits for a pool connection, or for a new one to open (PostgreSQL). */
  poolTimeoutMs?: number;
  /** PGlite already being opened by main.ts (startEmbedded), so it overlaps with loading the app. */
  embedded?: Promise<EmbeddedStart>;
};

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openServer(options.databaseUrl, options) : openEmbedded(options.dataDir, options);
}

export const defaultStatementTimeoutMs = 10_000;
export const defaultPoolTimeoutMs = 5_000;

async function openEmbedded(dataDir: string, options: OpenDatabaseOptions): Promise<Database> {
  const started = options.embedded;
  const { pglite, lock } = await (started ?? startEmbedded(dataDir));
  try {
    await migrate(pgliteConnection(pglite), { useAdvisoryLock: false });
  } catch (err) {
    await pglite.close().catch(() => undefined);
    await lock.release();
    throw err;
  }
  const db = pglite;
  const deadline = options.statementTimeoutMs ?? defaultStatementTimeoutMs;
  const prisma = new PrismaClient({ adapter: withQueryDeadline(withBytesDecoding(new PrismaPGlite(db)), deadline) });
  return {
    kind: 'pglite',
    prisma,
    pglite: db,
    sql: withSqlDeadline(pgliteConnection(db), deadline),
    close: async () => {
      await prisma.$disconnect();
      // The adapter's dispose() does not close PGlite: we do.
      await db.close();
      await lock.release();
    },
  };
}

async function openServer(connectionString: string, options: OpenDatabaseOptions): Promise<Database> {
  const client = await connectWithRetry(connectionString, options);
  try {
    await migrate(pgClientConnection(client), { useAdvisoryLock: true });
  } finally {
    await client.end();
  }
  const statementTimeout = options.statementTimeoutMs ?? defaultStatementTimeoutMs;
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    // Waiting for a free connection or opening one: bounded, so a stalled server fails a request, not hangs it.
    connectionTimeoutMillis: options.poolTimeoutMs ?? defaultPoolTimeoutMs,
    // The server cancels a slow statement itself (a clean error, the connection stays usable)...
    statement_timeout: statementTimeout,
    // ...and the client gives up a little later when the server does not answer at all (a network stall).
    query_timeout: statementTimeout + 1_000,
    idle_in_transaction_session_timeout: 60_000,
    keepAlive: true,
  });
  // An idle connection the server dropped must not take the process down, nor one checked out between
  // queries (pg-pool removes its idle listener on checkout; a backend terminated then raised an unhandled
  // 'error' and killed the process in the soak). The next query on it fails and is retried as usual.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: 'postgresql',
    prisma,
    connectionString,
    sql: pgPoolConnection(pool),
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/** Retries with backoff for `connectTimeoutMs`: a server starting next to us is not a failure yet. */
async function connectWithRetry(connectionString: string, options: OpenDatabaseOptions): Promise<pg.Client> {
  const deadline = Date.now() + (options.connectTimeoutMs ?? 30_000);
  for (let attempt = 1; ; attempt++) {
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
    try {
      await client.connect();
      return client;
    } catch (err) {
      await client.end().catch(() => undefined);
      if (Date.now() >= deadline) {
        throw new DatabaseUnavailableError(
          `Cannot reach PostgreSQL at ${redactUrl(connectionString)}: ${(err as Error).message}. ` +
            'Check DATABASE_URL, or unset it to use the embedded database.',
          { cause: err },
        );
      }
      options.onRetry?.(attempt, err);
      await sleep(Math.min(250 * 2 ** (attempt - 1), 5_000, Math.max(deadline - Date.now(), 0)));
    }
  }
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable url)';
  }
}

export type { SqlConnection };

/** The hot path's hand-written statements get the same bounded wait on PGlite as Prisma's (query-deadline.ts). */
function withSqlDeadline(sql: SqlConnection, ms: number): SqlConnection {
  return { ...sql, query: <T>(text: string, params?: unknown[], name?: string) => withinDeadline(sql.query<T>(text, params, name), ms, 'a query') };
}
