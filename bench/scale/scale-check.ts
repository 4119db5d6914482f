import pg from 'pg';
import { countBacklog, readSoakFacts } from '../soak/soak-check.js';
import type { ProviderSend } from './fake-twilio.js';
import type { CronJobRow, CronTriggerRow, ScaleFacts } from './scale-accounting.js';

/**
 * What the database holds after the instances stopped: the soak's facts (inbound, replies, tickets, jobs)
 * for the acknowledged SMS, pg-boss's cron firings and the jobs of the scheduled queues, and the outbox.
 */
export async function readScaleFacts(url: string, ackedSids: readonly string[], providerSends?: readonly ProviderSend[]): Promise<ScaleFacts> {
  const facts = await readSoakFacts(
    url,
    ackedSids.map((externalId) => ({ channel: 'sms' as const, externalId })),
  );
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const all = `(SELECT id, name, singleton_key, singleton_on FROM pgboss.job UNION ALL SELECT id, name, singleton_key, singleton_on FROM pgboss.archive)`;
    const triggers = await client.query<CronTriggerRow>(
      `SELECT j.id::text, j.singleton_key AS name, to_char(j.singleton_on, 'YYYY-MM-DD"T"HH24:MI') AS slot FROM ${all} j WHERE j.name = '__pgboss__send-it'`,
    );
    const cron = await client.query<CronJobRow>(`SELECT j.id::text, j.name FROM ${all} j WHERE j.name IN (SELECT name FROM pgboss.schedule)`);
    const outbox = await client.query<{ id: string }>(`SELECT id FROM "OutboundMessage"`);
    return { ...facts, cronTriggers: triggers.rows, cronJobs: cron.rows, outbox: outbox.rows, ...(providerSends ? { providerSends } : {}) };
  } finally {
    await client.end();
  }
}

/** Outbox rows not yet sent nor given up on. */
async function unsent(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "OutboundMessage" WHERE status IN ('pending', 'sending', 'failed')`);
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

/** What the outbox rows not sent yet are doing: status, attempts and last error, counted. */
export async function describeUnsent(url: string): Promise<{ status: string; attempts: number; lastError: string | null; n: number }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ status: string; attempts: number; lastError: string | null; n: number }>(
      `SELECT status::text, attempts, left("lastError", 200) AS "lastError", count(*)::int AS n FROM "OutboundMessage"
        WHERE status IN ('pending', 'sending', 'failed') GROUP BY 1, 2, 3 ORDER BY n DESC LIMIT 10`,
    );
    return rows;
  } finally {
    await client.end();
  }
}

/** Waits (bounded) until no stored inbound message is left unprocessed and no outbox row unsent; returns how many still are. */
export async function waitForBacklog(url: string, maxMs: number): Promise<number> {
  const deadline = performance.now() + maxMs;
  for (;;) {
    const left = (await countBacklog(url)).unprocessed + (await unsent(url));
    if (left === 0 || performance.now() > deadline) return left;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
