import pg from 'pg';
import { pgClientConnection, type SqlConnection } from '../../src/db/sql-connection.js';

/**
 * Stored history for the ticket-count bench, written with generate_series straight into the migrated
 * tables (not through the app: 100k tickets through the turn would take an hour). Per ticket g: a customer
 * with a phone contact point, an SMS conversation, the ticket itself (SR-2025-…, spread over two years; the
 * newest twentieth still open, and one in 500 older ones, with a first-response promise), two events, and four messages (question, bot
 * answer, follow-up, answer). Customer g's phone is the load generator's number g, so the bench's load comes
 * from the first 50 customers — returning customers with history, on an open conversation.
 */
/** Open: the newest twentieth, and a few old ones nobody closed. */
const OPEN = `(g >= $1 * 19 / 20 OR g % 500 = 0)`;

const SEED = [
  `INSERT INTO "Customer" (id, name, language, "lastContactAt", "createdAt", "updatedAt")
   SELECT md5('c' || g)::uuid::text, 'Customer ' || g, (ARRAY['zh-Hant', 'zh-Hans', 'en'])[1 + g % 3], t.at + interval '1 hour', t.at, t.at
     FROM generate_series(0, $1 - 1) g, LATERAL (SELECT now() - interval '730 days' * ($1 - g) / $1 AS at) t`,
  `INSERT INTO "ContactPoint" (id, "customerId", kind, address)
   SELECT md5('p' || g)::uuid::text, md5('c' || g)::uuid::text, 'phone', '+8869' || (10000000 + g)
     FROM generate_series(0, $1 - 1) g`,
  `INSERT INTO "Ticket" (id, number, "customerId", category, urgency, status, channel, language, title, problem, "contactPhone",
                         "sourceMessageId", "firstRespondedAt", "resolvedAt", "closedAt", "createdAt", "updatedAt")
   SELECT md5('t' || g)::uuid::text, 'SR-2025-' || lpad((g + 1)::text, 6, '0'), md5('c' || g)::uuid::text,
          (ARRAY['fault', 'fault', 'inquiry', 'complaint']::"TicketCategory"[])[1 + g % 4],
          (ARRAY['normal', 'normal', 'high', 'low']::"Urgency"[])[1 + g % 4 / 2 + g % 2],
          CASE WHEN ${OPEN} THEN (ARRAY['new', 'triaged', 'assigned', 'in_progress', 'waiting_customer']::"TicketStatus"[])[1 + g % 5]
               WHEN g % 10 = 1 THEN 'resolved'::"TicketStatus" ELSE 'closed'::"TicketStatus" END,
          'sms', 'zh-Hant', 'Printer fault ' || g, 'The printer shows error E' || g % 97 || ' after warming up.', '+8869' || (10000000 + g),
          md5('m' || g || '-0')::uuid::text, t.at + interval '5 minutes',
          CASE WHEN NOT ${OPEN} THEN t.at + interval '2 days' END, CASE WHEN NOT ${OPEN} AND g % 10 <> 1 THEN t.at + interval '9 days' END, t.at, t.at
     FROM generate_series(0, $1 - 1) g, LATERAL (SELECT now() - interval '730 days' * ($1 - g) / $1 AS at) t`,
  `INSERT INTO "TicketSequence" (year, last) VALUES (2025, $1)`,
  // The first 50 (the load's numbers) talk to the bot now; everyone else's conversation is closed.
  `INSERT INTO "Conversation" (id, channel, "threadKey", "customerId", "ticketId", state, language, "lastInboundAt", "lastOutboundAt", "createdAt", "updatedAt")
   SELECT md5('v' || g)::uuid::text, 'sms', '+8869' || (10000000 + g), md5('c' || g)::uuid::text,
          CASE WHEN g >= 50 THEN md5('t' || g)::uuid::text END, CASE WHEN g < 50 THEN 'bot' ELSE 'closed' END::"ConversationState",
          'zh-Hant', t.at + interval '1 hour', t.at + interval '1 hour', t.at, t.at + interval '1 hour'
     FROM generate_series(0, $1 - 1) g, LATERAL (SELECT now() - interval '730 days' * ($1 - g) / $1 AS at) t`,
  `INSERT INTO "Message" (id, "conversationId", "customerId", "ticketId", direction, channel, "externalId", "inReplyToId", author, text, "processedAt", "createdAt")
   SELECT md5('m' || g || '-' || k)::uuid::text, md5('v' || g)::uuid::text, md5('c' || g)::uuid::text, md5('t' || g)::uuid::text,
          CASE WHEN k % 2 = 0 THEN 'inbound' ELSE 'outbound' END::"Direction", 'sms',
          CASE WHEN k % 2 = 0 THEN 'SMseed' || g || 'x' || k END, CASE WHEN k % 2 = 1 THEN md5('m' || g || '-' || (k - 1))::uuid::text END,
          CASE WHEN k % 2 = 0 THEN 'customer' ELSE 'bot' END,
          CASE k WHEN 0 THEN 'My printer shows error E' || g % 97 WHEN 1 THEN 'Your ticket SR-2025-' || lpad((g + 1)::text, 6, '0') || ' is open.'
                 WHEN 2 THEN 'Any news?' ELSE 'An engineer will call you today.' END,
          CASE WHEN k % 2 = 0 THEN t.at + interval '1 minute' * k END, t.at + interval '1 minute' * k
     FROM generate_series(0, $1 - 1) g CROSS JOIN generate_series(0, 3) k, LATERAL (SELECT now() - interval '730 days' * ($1 - g) / $1 AS at) t`,
  `INSERT INTO "TicketEvent" (id, "ticketId", at, actor, kind, "from", "to")
   SELECT md5('e' || g || '-' || k)::uuid::text, md5('t' || g)::uuid::text, t.at + interval '1 day' * k, CASE k WHEN 0 THEN 'bot' ELSE 'system:bench' END,
          CASE k WHEN 0 THEN 'created' ELSE 'status_changed' END, CASE k WHEN 1 THEN 'new' END, CASE k WHEN 1 THEN 'triaged' END
     FROM generate_series(0, $1 - 1) g CROSS JOIN generate_series(0, 1) k, LATERAL (SELECT now() - interval '730 days' * ($1 - g) / $1 AS at) t`,
  // Met on the tickets handled; on the open ones, warned and breached once past (as the SLA sweep would have).
  `INSERT INTO "SlaPromise" (id, "ticketId", kind, "dueAt", "warnAt", "metAt", "warnedAt", "breachedAt")
   SELECT md5('s' || g)::uuid::text, md5('t' || g)::uuid::text, 'first_response', t.at + interval '4 hours', t.at + interval '3 hours',
          CASE WHEN NOT ${OPEN} THEN t.at + interval '5 minutes' END,
          CASE WHEN ${OPEN} AND t.at + interval '3 hours' < now() THEN t.at + interval '3 hours' END,
          CASE WHEN ${OPEN} AND t.at + interval '4 hours' < now() THEN t.at + interval '4 hours' END
     FROM generate_series(0, $1 - 1) g, LATERAL (SELECT now() - interval '730 days' * ($1 - g) / $1 AS at) t`,
];

/** Seeds `tickets` tickets with their history into a migrated, empty database, then ANALYZEs it. */
export async function seedTickets(url: string, tickets: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await seedTicketHistory(pgClientConnection(client), tickets);
  } finally {
    await client.end();
  }
}

/** seedTickets over a connection: the server's or PGlite's (tests seed their own database this way). */
export async function seedTicketHistory(sql: SqlConnection, tickets: number): Promise<void> {
  await sql.transaction(async (tx) => {
    for (const statement of SEED) await tx.query(statement, statement.includes('$1') ? [tickets] : []);
  });
  await sql.exec('ANALYZE');
}
