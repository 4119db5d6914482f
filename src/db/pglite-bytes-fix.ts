import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils';

/**
 * Prisma hands `Bytes` parameters to driver adapters as base64 strings; @prisma/adapter-pg decodes them,
 * pglite-prisma-adapter 0.6.1 does not, and PGlite then refuses them ("Invalid input for bytea type").
 * This wrapper decodes them before the query reaches the adapter. Remove it when the adapter does.
 */
function decodeBytes(query: SqlQuery): SqlQuery {
  if (!query.args.some((arg, i) => typeof arg === 'string' && query.argTypes[i]?.scalarType === 'bytes')) return query;
  return {
    ...query,
    args: query.args.map((arg, i) =>
      typeof arg === 'string' && query.argTypes[i]?.scalarType === 'bytes' ? Buffer.from(arg, 'base64') : arg,
    ),
  };
}

function wrap<T extends SqlDriverAdapter | Transaction>(inner: T): T {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'queryRaw' || prop === 'executeRaw') {
        return (query: SqlQuery) => target[prop](decodeBytes(query));
      }
      if (prop === 'startTransaction' && 'startTransaction' in target) {
        return async (...args: Parameters<SqlDriverAdapter['startTransaction']>) =>
          wrap(await (target as SqlDriverAdapter).startTransaction(...args));
      }
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export function withBytesDecoding(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wrap(await factory.connect()),
  };
}
