import pg from 'pg';
import { countBacklog, readSoakFacts } from '../soak/soak-check.js';
import type { CronJobRow, ScaleFacts } from './scale-accounting.js';

/**
 * What the database holds after the instances stopped: the soak's facts (inbound, replies, tickets, jobs)
 * for the acknowledged SMS, and the jobs of the cron queues by the minute they were created in.
 */
export async function readScaleFacts(url: string, ackedSids: readonly string[]): Promise<ScaleFacts> {
  const facts = await readSoakFacts(
    url,
    ackedSids.map((externalId) => ({ channel: 'sms' as const, externalId })),
  );
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const cron = await client.query<CronJobRow>(
      `SELECT j.id::text, j.name, to_char(date_trunc('minute', j.created_on), 'YYYY-MM-DD"T"HH24:MI') AS minute
         FROM (SELECT id, name, created_on FROM pgboss.job UNION ALL SELECT id, name, created_on FROM pgboss.archive) j
        WHERE j.name IN (SELECT name FROM pgboss.schedule)`,
    );
    return { ...facts, cronJobs: cron.rows };
  } finally {
    await client.end();
  }
}

/** Waits (bounded) until no stored inbound message is left unprocessed; returns how many still are. */
export async function waitForBacklog(url: string, maxMs: number): Promise<number> {
  const deadline = performance.now() + maxMs;
  for (;;) {
    const { unprocessed } = await countBacklog(url);
    if (unprocessed === 0 || performance.now() > deadline) return unprocessed;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
