import pg from 'pg';
import type { Ack, InboundRow, JobRow, ReplyRow, SoakFacts, TicketRow } from './soak-accounting.js';

/**
 * Reads what the soak's database holds after the run, straight from PostgreSQL (not through the proxy):
 * the inbound messages, the replies stored against them, the tickets with their opening message, the
 * pg-boss jobs (live and archived) and the jobs that must exist for the outbox and the open deadlines.
 */
export async function readSoakFacts(url: string, acked: readonly Ack[]): Promise<SoakFacts> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const inbound = await client.query<InboundRow>(
      `SELECT id, channel::text AS channel, "externalId", "processedAt" IS NOT NULL AS processed FROM "Message" WHERE direction = 'inbound'`,
    );
    const replies = await client.query<ReplyRow>(`SELECT "inReplyToId", text FROM "Message" WHERE direction = 'outbound' AND "inReplyToId" IS NOT NULL`);
    const tickets = await client.query<TicketRow>(
      `SELECT t.id, t."sourceMessageId", EXISTS (SELECT 1 FROM "Message" m WHERE m.id = t."sourceMessageId" AND m.direction = 'inbound') AS "sourceIsInbound" FROM "Ticket" t`,
    );
    const jobs = await client.query<JobRow>(
      `SELECT id::text, name, singleton_key AS "singletonKey" FROM pgboss.job UNION ALL SELECT id::text, name, singleton_key FROM pgboss.archive`,
    );
    // The same keys src/outbound/outbound-service.ts and src/sla/sla-service.ts send their jobs with.
    const outbox = await client.query<{ singletonKey: string }>(`SELECT 'message.send:' || id AS "singletonKey" FROM "OutboundMessage"`);
    const checks = await client.query<{ singletonKey: string }>(
      `SELECT 'sla:' || p."ticketId" || ':' || p.kind || ':' || s.stage || ':' || (extract(epoch FROM s.at) * 1000)::bigint AS "singletonKey"
         FROM "SlaPromise" p
         CROSS JOIN LATERAL (VALUES ('warn', p."warnAt", p."warnedAt" IS NULL), ('due', p."dueAt", p."breachedAt" IS NULL)) AS s(stage, at, open)
        WHERE p."metAt" IS NULL AND p."cancelledAt" IS NULL AND p."pausedAt" IS NULL AND s.open`,
    );
    return {
      acked,
      inbound: inbound.rows,
      replies: replies.rows,
      tickets: tickets.rows,
      jobs: jobs.rows,
      expectedJobKeys: [...outbox.rows.map((r) => ({ name: 'message.send', ...r })), ...checks.rows.map((r) => ({ name: 'sla.check', ...r }))],
    };
  } finally {
    await client.end();
  }
}

/**
 * Inbound messages stored but not yet processed, and e-mails stored: the soak waits for the first to reach
 * 0 and the second to reach the mails delivered before judging.
 */
export async function countBacklog(url: string): Promise<{ unprocessed: number; mails: number }> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ unprocessed: number; mails: number }>(
      `SELECT count(*) FILTER (WHERE "processedAt" IS NULL)::int AS unprocessed, count(*) FILTER (WHERE channel = 'email')::int AS mails FROM "Message" WHERE direction = 'inbound'`,
    );
    return rows[0]!;
  } finally {
    await client.end();
  }
}
