import { DatabaseUnavailableError } from '../errors/app-error.js';

/**
 * Prisma error codes that mean "the database did not answer", not "the request was wrong":
 * P1001 cannot reach, P1002 reached but timed out, P1008 operation timed out, P1017 server closed the
 * connection, P2024 no free pool connection in time, P2028 interactive transaction expired or broke.
 */
const prismaUnavailable = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028', 'database.unavailable']);

/**
 * SQLSTATEs a retry can cure: connection exceptions (08…), statement timeout/cancel (57014), server shutting
 * down or starting (57P01–57P05), out of resources (53…), serialization failures and deadlocks (40001, 40P01).
 */
const retryableSqlState = /^(08|53|57P0|57014$|40001$|40P01$)/;

/** Driver adapter kinds for the same situations (@prisma/adapter-pg's convertDriverError). */
const adapterKinds = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'TransactionWriteConflict']);

const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** pg and pg-pool raise plain Errors for these, with no code. */
const unavailableMessage =
  /Connection terminated|Query read timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection terminated due to connection timeout|terminating connection|canceling statement due to statement timeout|Can't reach database server|Timed out fetching a new connection|Transaction already closed|Transaction not found|the database system is (starting up|shutting down)/i;

/**
 * Whether an error (or anything in its `cause` chain) means the database was unreachable, too slow or
 * restarting: the request can be retried as it is, so the web edge answers 503 with Retry-After.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = err;
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current);
    if (current instanceof DatabaseUnavailableError) return true;
    const e = current as { code?: unknown; kind?: unknown; originalCode?: unknown; message?: unknown; cause?: unknown };
    if (typeof e.code === 'string' && (prismaUnavailable.has(e.code) || socketCodes.has(e.code) || retryableSqlState.test(e.code))) return true;
    if (typeof e.kind === 'string' && adapterKinds.has(e.kind)) return true;
    if (typeof e.originalCode === 'string' && retryableSqlState.test(e.originalCode)) return true;
    if (typeof e.message === 'string' && unavailableMessage.test(e.message)) return true;
    current = e.cause;
  }
  return false;
}

/** Resolves as `work` does, or fails with a DatabaseUnavailableError once `ms` have passed. */
export async function withinDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseUnavailableError(`The database did not answer ${what} within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
