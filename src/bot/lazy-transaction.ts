import type { Prisma, PrismaClient } from '../generated/prisma/client.js';

class Rollback extends Error {}

export type LazyTransaction = {
  /** Stands in for a transaction client: the transaction opens on the first query made through it. */
  readonly db: Prisma.TransactionClient;
  /** The open transaction, or undefined when nothing has used `db` yet. */
  current(): Promise<Prisma.TransactionClient> | undefined;
  commit(): Promise<void>;
  rollback(): Promise<void>;
};

/**
 * A Prisma interactive transaction that begins only when something uses it. A FAQ turn never touches the
 * domain, so it costs no BEGIN and no COMMIT (its writes are one atomic statement); a turn whose dialog
 * opens a ticket gets one transaction around everything it does. `db` passes for a transaction client
 * (`inTransaction` runs inside it), and every model call or `$queryRaw` waits for the transaction to open.
 */
export function lazyTransaction(prisma: PrismaClient, options: { timeoutMs: number }): LazyTransaction {
  let opened: Promise<Prisma.TransactionClient> | undefined;
  let settle: ((commit: boolean) => void) | undefined;
  let finished: Promise<unknown> = Promise.resolve();

  const open = () =>
    (opened ??= new Promise<Prisma.TransactionClient>((resolveTx, rejectTx) => {
      finished = prisma
        .$transaction(
          (tx) => {
            resolveTx(tx);
            return new Promise<void>((resolve, reject) => {
              settle = (commit) => (commit ? resolve() : reject(new Rollback()));
            });
          },
          { timeout: options.timeoutMs, maxWait: options.timeoutMs },
        )
        .catch((err: unknown) => {
          rejectTx(err);
          throw err;
        });
      // Nobody may be waiting on `finished` yet: keep a failure from being reported as unhandled.
      finished.catch(() => undefined);
    }));

  const call = (path: readonly PropertyKey[], args: unknown[]) =>
    open().then((tx) => {
      let target: unknown = tx;
      let self: unknown;
      for (const key of path) {
        self = target;
        target = (target as Record<PropertyKey, unknown>)[key];
      }
      return (target as (...a: unknown[]) => unknown).apply(self, args);
    });

  const member = (path: readonly PropertyKey[]): unknown =>
    new Proxy(function lazyMember() {}, {
      apply: (_fn, _this, args: unknown[]) => call(path, args),
      get: (_fn, key) => (key === 'then' ? undefined : member([...path, key])),
    });

  const db = new Proxy({} as Prisma.TransactionClient, {
    get: (_target, key) => (key === 'then' ? undefined : member([key])),
    // A transaction client has no $transaction: inTransaction() runs its function on us directly.
    has: (_target, key) => key !== '$transaction',
  });

  return {
    db,
    current: () => opened,
    async commit() {
      if (!opened) return;
      await opened;
      settle?.(true);
      await finished;
    },
    async rollback() {
      if (!opened) return;
      await opened.catch(() => undefined);
      settle?.(false);
      await finished.catch(() => undefined);
    },
  };
}
