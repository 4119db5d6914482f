import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils';
import { withinDeadline } from './db-errors.js';

/**
 * PGlite runs in this process and has no statement_timeout that helps here: what hangs is the wait for its
 * single connection (another transaction holding it). Every query through Prisma therefore gets a bounded
 * wait: after `ms` the caller gets a DatabaseUnavailableError (503 at the web edge) while the query itself
 * finishes or fails in the background. A query that is busy computing cannot be interrupted this way.
 */
function wrap<T extends SqlDriverAdapter | Transaction>(inner: T, ms: number): T {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'queryRaw' || prop === 'executeRaw') {
        return (query: SqlQuery) => withinDeadline(target[prop](query) as Promise<unknown>, ms, 'a query');
      }
      if (prop === 'startTransaction' && 'startTransaction' in target) {
        return async (...args: Parameters<SqlDriverAdapter['startTransaction']>) => {
          const starting = (target as SqlDriverAdapter).startTransaction(...args);
          try {
            return wrap(await withinDeadline(starting, ms, 'a transaction start'), ms);
          } catch (err) {
            // A transaction that starts after we gave up would hold the one connection for ever.
            starting.then((tx) => tx.rollback()).catch(() => undefined);
            throw err;
          }
        };
      }
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export function withQueryDeadline(factory: SqlDriverAdapterFactory, ms: number): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wrap(await factory.connect(), ms),
  };
}
