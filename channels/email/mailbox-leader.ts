import pg from 'pg';
import type { Logger } from '../../src/logger.js';

/** Who may poll a mailbox. Only the holder runs the IMAP listener; the others wait on standby. */
export interface MailboxLeadership {
  /** True when this instance now leads (or already did). */
  tryAcquire(): Promise<boolean>;
  /** Called when leadership is lost (the lock's connection dropped). */
  onLost(callback: () => void): void;
  release(): Promise<void>;
}

/** Embedded PGlite: one process owns the data directory, so it always leads. */
export function soleLeadership(): MailboxLeadership {
  return { tryAcquire: async () => true, onLost: () => undefined, release: async () => undefined };
}

/**
 * PostgreSQL server: `pg_try_advisory_lock` on a dedicated connection. The lock lives as long as that
 * session: if the instance dies or the connection drops, the server releases it and a standby takes over.
 * (A pg-boss singleton job cannot hold an IDLE connection open between runs; a session lock can.)
 */
export function advisoryLockLeadership(connectionString: string, lockName: string, logger: Logger): MailboxLeadership {
  let client: pg.Client | undefined;
  let leading = false;
  let lost: (() => void) | undefined;
  const drop = () => {
    const wasLeading = leading;
    leading = false;
    client = undefined;
    if (wasLeading) lost?.();
  };
  return {
    async tryAcquire() {
      if (leading) return true;
      if (!client) {
        const fresh = new pg.Client({ connectionString, application_name: 'aftercare-mail-leader' });
        fresh.on('error', (err) => {
          logger.warn({ err: err.message }, 'mail leader connection lost');
          drop();
        });
        fresh.on('end', drop);
        await fresh.connect();
        client = fresh;
      }
      const result = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtext('aftercare.mail'), hashtext($1)) AS locked", [lockName]);
      leading = result.rows[0]?.locked === true;
      return leading;
    },
    onLost(callback) {
      lost = callback;
    },
    async release() {
      const current = client;
      leading = false;
      client = undefined;
      if (current) await current.end().catch(() => undefined);
    },
  };
}
