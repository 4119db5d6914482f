import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { databaseKinds } from '../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialogs/dialog-harness.js';

/**
 * Counts every statement the application sends to the database (BEGIN and COMMIT included), leaving out
 * the job queue's own housekeeping, which runs on its own timers.
 */
function countStatements(h: Harness): { readonly count: number; stop(): void } {
  let count = 0;
  const counted = (text: unknown) => {
    if (!String(text).includes('pgboss')) count += 1;
  };
  if (h.db.pglite) {
    const db = h.db.pglite as PGlite & Record<string, unknown>;
    const originals = { query: db.query, exec: db.exec, transaction: db.transaction };
    db.query = ((text: string, ...rest: unknown[]) => (counted(text), originals.query.call(db, text, ...(rest as [])))) as PGlite['query'];
    db.exec = ((text: string, ...rest: unknown[]) => (counted(text), originals.exec.call(db, text, ...(rest as [])))) as PGlite['exec'];
    db.transaction = ((fn: (tx: unknown) => Promise<unknown>) => {
      count += 2; // BEGIN and COMMIT (or ROLLBACK)
      return originals.transaction.call(db, (tx) => {
        const inner = tx.query.bind(tx);
        tx.query = ((text: string, ...rest: unknown[]) => (counted(text), inner(text, ...(rest as [])))) as typeof tx.query;
        return fn(tx);
      });
    }) as PGlite['transaction'];
    return {
      get count() {
        return count;
      },
      stop: () => Object.assign(db, originals),
    };
  }
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0];
    counted(typeof first === 'string' ? first : (first as { text?: string } | undefined)?.text);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pg.Client.prototype.query;
  return {
    get count() {
      return count;
    },
    stop: () => {
      pg.Client.prototype.query = original;
    },
  };
}

describe.each(databaseKinds)('database round trips of a turn on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers a known customer’s FAQ question in two database round trips', async () => {
    const phone = aPhone();
    await h.say(phone, 'What are your opening hours?');
    const counter = countStatements(h);
    let reply: string;
    try {
      reply = await h.say(phone, 'How much is an on-site visit?');
    } finally {
      counter.stop();
    }
    expect(reply).not.toBe('');
    // Store the message and load its turn (conversation, customer, dialog state) in one; finish it.
    expect(counter.count).toBe(2);
  });
});
