import { randomUUID } from 'node:crypto';
import type { SqlConnection } from '../db/sql-connection.js';
import type { Prisma } from '../generated/prisma/client.js';
import { envelopeOf, type Envelope } from '../conversations/message-service.js';
import type { InboundMessage } from '../messages/inbound-message.js';
import type { OutboundMessage } from '../messages/outbound-message.js';

/*
 * The turn's hot path in hand-written SQL: a FAQ turn is three statements (store, load, finish) instead of
 * the fifteen transactions Prisma's query compiler planned one by one. Timestamps go in as ISO strings
 * cast to timestamp(3), which keeps Prisma's convention (UTC wall time) on both drivers, and none come
 * back except as epoch milliseconds, so no driver's local-time parsing is involved.
 */

/**
 * Where a statement runs: the connection directly, or inside the turn's Prisma transaction. `name` prepares
 * it on the connection (sql-connection.ts): planning these CTEs cost the server about as much CPU as running them.
 */
export type SqlRunner = { query<T>(text: string, params: unknown[], name?: string): Promise<T[]> };

export function connectionRunner(sql: SqlConnection): SqlRunner {
  return { query: (text, params, name) => sql.query(text, params, name) };
}

export function transactionRunner(tx: Prisma.TransactionClient): SqlRunner {
  return { query: (text, params) => tx.$queryRawUnsafe(text, ...params) };
}

/** The next message a conversation's turn processor takes, with everything the turn reads. */
export type PendingTurn = {
  id: string;
  externalId: string;
  text: string;
  subject: string | null;
  meta: Envelope | null;
  receivedMs: number;
  conversationId: string;
  channel: InboundMessage['channel'];
  threadKey: string;
  state: string;
  conversationLanguage: string | null;
  ticketId: string | null;
  customerId: string;
  customerName: string | null;
  company: string | null;
  customerLanguage: string | null;
  phone: string | null;
  email: string | null;
  stateData: Record<string, unknown> | null;
  stateEtag: string | null;
  /** Visit times or a quote were sent and not answered (src/visits/visit-answers.ts says which); read here so a short message costs no extra query. */
  awaitsVisitAnswer: boolean;
};

/**
 * What a turn reads besides the message's id and conversation: the message `m`, its conversation `v`, the
 * customer `c` and the dialog state `b`. One list for the load below and for the store that loads too.
 */
const TURN_COLUMNS = `m."externalId", m.text, m.subject, m.meta, (extract(epoch from m."createdAt") * 1000)::float8 AS "receivedMs",
  v.channel::text AS channel, v."threadKey", v.state::text AS state, v.language AS "conversationLanguage", v."ticketId",
  c.id AS "customerId", c.name AS "customerName", c.company, c.language AS "customerLanguage",
  (SELECT p.address FROM "ContactPoint" p WHERE p."customerId" = c.id AND p.kind = 'phone' ORDER BY p."createdAt" DESC LIMIT 1) AS phone,
  (SELECT p.address FROM "ContactPoint" p WHERE p."customerId" = c.id AND p.kind = 'email' ORDER BY p."createdAt" DESC LIMIT 1) AS email,
  b.data AS "stateData", b.etag AS "stateEtag",
  EXISTS (
    SELECT 1 FROM "Ticket" t JOIN "Visit" vi ON vi."ticketId" = t.id
    WHERE t."customerId" = c.id AND t.status NOT IN ('resolved', 'closed')
      AND ((vi.status = 'proposed' AND vi."proposalsDeclinedAt" IS NULL)
        OR (vi.status IN ('proposed', 'scheduled', 'on_site') AND vi."quoteSentAt" IS NOT NULL AND vi."quoteAcceptedAt" IS NULL AND vi."quoteRefusedAt" IS NULL))
  ) AS "awaitsVisitAnswer"`;

/** The conversation, customer and dialog state of message `m`. */
const TURN_JOINS = `JOIN "Conversation" v ON v.id = m."conversationId"
JOIN "Customer" c ON c.id = COALESCE(m."customerId", v."customerId")
LEFT JOIN "BotState" b ON b.key = v.channel::text || '/conversations/' || v.id || '/'`;

const LOAD_NEXT = `
SELECT m.id, v.id AS "conversationId", ${TURN_COLUMNS}
FROM "Message" m
${TURN_JOINS}
WHERE m."conversationId" = $1 AND m.direction = 'inbound' AND m."processedAt" IS NULL
ORDER BY m.seq
LIMIT 1`;

export type StoredInbound = {
  id: string;
  conversationId: string;
  duplicate: boolean;
  processed: boolean;
  /**
   * The new message's turn as loadNextTurn would read it, when the store could read it too: a new message
   * with no older one of its conversation waiting. Saves the turn's load, one round trip.
   */
  turn?: PendingTurn | null;
};

/*
 * The insert's RETURNING gives the row as stored (its meta as jsonb gives it back), and the rest is read
 * in the same statement. Its snapshot does not see the row being inserted, so "an older message waits"
 * is any unprocessed inbound message of the conversation at all.
 */
const STORE_KNOWN_SENDER = `
WITH cust AS (
  SELECT c.id FROM "ContactPoint" p JOIN "Customer" c ON c.id = p."customerId"
  WHERE p.kind = $1::"ContactKind" AND p.address = $2 AND c."mergedIntoId" IS NULL
), conv AS (
  SELECT v.id, v."ticketId" FROM "Conversation" v JOIN cust ON v."customerId" = cust.id
  WHERE v.channel = $3::"ChannelKind" AND v."threadKey" = $4 AND v.state <> 'closed'
), ins AS (
  INSERT INTO "Message" (id, "conversationId", "customerId", "ticketId", direction, channel, "externalId", author, text, subject, raw, meta, attachments, "createdAt")
  SELECT $5, conv.id, cust.id, conv."ticketId", 'inbound', $3::"ChannelKind", $6, 'customer', $7, $8, $9::jsonb, $10::jsonb, '[]'::jsonb, $11::timestamp(3)
  FROM conv, cust
  ON CONFLICT (channel, "externalId") DO NOTHING
  RETURNING id, "conversationId", "customerId", "externalId", text, subject, meta, "createdAt"
), stored AS (
  SELECT id, "conversationId", false AS duplicate, false AS processed FROM ins
  UNION ALL
  SELECT m.id, m."conversationId", true, m."processedAt" IS NOT NULL FROM "Message" m
  WHERE m.channel = $3::"ChannelKind" AND m."externalId" = $6
)
SELECT s.id, s."conversationId", s.duplicate, s.processed, t.*
FROM stored s
LEFT JOIN LATERAL (
  SELECT ${TURN_COLUMNS},
    EXISTS (SELECT 1 FROM "Message" o WHERE o."conversationId" = m."conversationId" AND o.direction = 'inbound' AND o."processedAt" IS NULL) AS "olderWaiting"
  FROM ins m
  ${TURN_JOINS}
  WHERE m.id = s.id AND NOT s.duplicate
) t ON true`;

/**
 * One statement that stores a message from a sender we know, on a conversation that is open and theirs,
 * and commits it: ON CONFLICT DO NOTHING on the provider's id, so a redelivery stores nothing and is told
 * it is a duplicate. A new message that is next in its conversation comes back with its turn loaded.
 * Null when the message needs the general path (new sender or conversation, a closed or re-owned
 * conversation, attachments, or a copy of the same message being stored at this moment).
 */
export async function storeFromKnownSender(sql: SqlConnection, message: InboundMessage, contact: { kind: string; address: string }): Promise<StoredInbound | null> {
  if (message.attachments.length > 0) return null;
  const rows = await sql.query<StoredInbound & Omit<PendingTurn, 'id' | 'conversationId'> & { olderWaiting: boolean | null }>(
    STORE_KNOWN_SENDER,
    [
    contact.kind,
    contact.address,
    message.channel,
    message.conversationKey,
    randomUUID(),
    message.externalId,
    message.text,
    message.subject ?? null,
    message.raw === undefined ? null : JSON.stringify(message.raw),
    JSON.stringify(envelopeOf(message)),
    message.receivedAt.toISOString(),
    ],
    'aftercare_turn_store',
  );
  const row = rows[0];
  if (!row) return null;
  const { id, conversationId, duplicate, processed, olderWaiting, ...turn } = row;
  return { id, conversationId, duplicate, processed, turn: duplicate || olderWaiting !== false ? null : pendingTurn({ ...turn, id, conversationId }) };
}

/** botbuilder's ConversationState key for our conversation (channelId/conversations/id/). */
export function stateKeyOf(channel: string, conversationId: string): string {
  return `${channel}/conversations/${conversationId}/`;
}

/** The oldest unprocessed inbound message of the conversation (turns run in arrival order), or null. */
export async function loadNextTurn(run: SqlRunner, conversationId: string): Promise<PendingTurn | null> {
  const rows = await run.query<PendingTurn>(LOAD_NEXT, [conversationId], 'aftercare_turn_load');
  const row = rows[0];
  return row ? pendingTurn(row) : null;
}

/** The pg driver hands JSON back parsed; Prisma's raw queries too. Numbers may arrive as strings. */
function pendingTurn(row: PendingTurn): PendingTurn {
  return { ...row, receivedMs: Number(row.receivedMs) };
}

/** MMS photos sent at most this long before the conversation's ticket was opened belong to it. */
const MMS_MEDIA_WINDOW_HOURS = 24;

const FINISH = `
WITH claim AS (
  UPDATE "Message" SET "processedAt" = $2::timestamp(3), understanding = $3::jsonb,
    "ticketId" = COALESCE("ticketId", (SELECT "ticketId" FROM "Conversation" WHERE id = $4))
  WHERE id = $1 AND "processedAt" IS NULL
  RETURNING id
), st_upd AS (
  UPDATE "BotState" SET data = $8::jsonb, etag = $10, "updatedAt" = $2::timestamp(3)
  WHERE $7::boolean AND $9::text IS NOT NULL AND key = $11 AND etag = $9::text
  RETURNING key
), st_ins AS (
  INSERT INTO "BotState" (key, data, etag, "updatedAt")
  SELECT $11, $8::jsonb, $10, $2::timestamp(3) WHERE $7::boolean AND $9::text IS NULL
  ON CONFLICT (key) DO NOTHING
  RETURNING key
), conv AS (
  UPDATE "Conversation" SET language = COALESCE($6, language), "lastInboundAt" = $2::timestamp(3),
    "lastOutboundAt" = CASE WHEN $13::boolean THEN $2::timestamp(3) ELSE "lastOutboundAt" END, "updatedAt" = $2::timestamp(3)
  WHERE id = $4
  RETURNING "ticketId"
), cust AS (
  UPDATE "Customer" SET language = COALESCE($6, language), "lastContactAt" = $2::timestamp(3), "updatedAt" = $2::timestamp(3)
  WHERE id = $5
  RETURNING id
), replies AS (
  INSERT INTO "Message" (id, "conversationId", "customerId", "ticketId", direction, channel, "inReplyToId", author, text, subject, raw, attachments, "createdAt")
  SELECT r.id, $4, $5, (SELECT "ticketId" FROM conv), 'outbound', r.channel::"ChannelKind", $1, 'bot', r.text, r.subject, r.raw, '[]'::jsonb, $2::timestamp(3)
  FROM jsonb_to_recordset($12::jsonb) AS r(n int, id text, channel text, text text, subject text, raw jsonb)
  ORDER BY r.n
  RETURNING id
), media AS (
  UPDATE "Attachment" a SET "ticketId" = t.id
  FROM "Conversation" v
  JOIN "Ticket" t ON t.id = v."ticketId"
  JOIN "Message" m ON m."conversationId" = v.id
  WHERE v.id = $4 AND v.channel = 'sms'
    AND a."messageId" = m.id AND a."ticketId" IS NULL AND a.url IS NOT NULL
    AND m."createdAt" >= t."createdAt" - interval '${MMS_MEDIA_WINDOW_HOURS} hours'
  RETURNING a.id
)
SELECT aftercare_turn_guard(
  (SELECT count(*) FROM claim) = 1
  AND (NOT $7::boolean OR (SELECT count(*) FROM st_upd) + (SELECT count(*) FROM st_ins) = 1)
  AND (SELECT count(*) FROM conv) = 1 AND (SELECT count(*) FROM cust) = 1
) AS ok, (SELECT count(*) FROM replies) AS replies, (SELECT count(*) FROM media) AS media`;

export type TurnOutcome = {
  messageId: string;
  conversationId: string;
  customerId: string;
  now: Date;
  understanding: unknown;
  /** The language the turn settled on; null leaves the stored one. */
  language: string | null;
  replies: OutboundMessage[];
  /** The dialog state to save as JSON text, guarded by the eTag it was read with (null: there was none). */
  state: { key: string; json: string; readEtag: string | null } | null;
};

/**
 * Everything a turn writes, in one statement: the message marked processed (with its understanding and
 * ticket), the dialog state, the replies, the conversation's and customer's language and times, and on an
 * SMS conversation with a ticket, the MMS photos sent for it that no ticket has yet (photos arrive before
 * the dialog has opened the ticket, and those sent during a slow turn are picked up by the next). The guard
 * aborts the whole statement (40001, `isStaleTurn`) when the message was processed meanwhile or the dialog
 * state is no longer the one read, so a turn commits entirely or not at all, and at most once.
 */
export async function finishTurn(run: SqlRunner, outcome: TurnOutcome): Promise<void> {
  const replies = outcome.replies.map((reply, n) => ({
    n,
    id: randomUUID(),
    channel: reply.channel,
    text: reply.text,
    subject: reply.subject ?? null,
    raw: { choices: reply.choices ?? [], meta: reply.meta },
  }));
  await run.query(FINISH, [
    outcome.messageId,
    outcome.now.toISOString(),
    JSON.stringify(outcome.understanding ?? null),
    outcome.conversationId,
    outcome.customerId,
    outcome.language,
    outcome.state !== null,
    outcome.state?.json ?? null,
    outcome.state?.readEtag ?? null,
    randomUUID(),
    outcome.state?.key ?? null,
    JSON.stringify(replies),
    replies.length > 0,
  ], 'aftercare_turn_finish');
}

/** The guard in finishTurn fired: someone else processed the message or moved the dialog on. */
export function isStaleTurn(err: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e: unknown = err; e && typeof e === 'object' && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    const { code, message, meta } = e as { code?: unknown; message?: unknown; meta?: { code?: unknown } };
    if (code === '40001' || meta?.code === '40001') return true;
    if (typeof message === 'string' && message.includes('aftercare: the turn is stale')) return true;
  }
  return false;
}

/** Inbound messages stored but not processed for `olderThanSeconds`: their conversations, oldest first. */
export async function conversationsLeftUnprocessed(sql: SqlConnection, olderThan: Date, limit: number): Promise<{ conversationId: string }[]> {
  return sql.query(
    `SELECT m."conversationId" FROM "Message" m
     WHERE m.direction = 'inbound' AND m."processedAt" IS NULL AND m."createdAt" < $1::timestamp(3)
     GROUP BY m."conversationId" ORDER BY min(m.seq) LIMIT $2`,
    [olderThan.toISOString(), limit],
  );
}
