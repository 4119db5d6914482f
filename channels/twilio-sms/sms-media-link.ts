import type { SqlConnection } from '../../src/db/sql-connection.js';

/** Photos sent while the report was being taken, at most this long before the ticket was opened, belong to it. */
const MEDIA_WINDOW_HOURS = 24;

/*
 * One statement on the driver, not Prisma: it runs after every SMS turn, and the two queries Prisma planned
 * for it (conversation with its ticket, then the update) took a quarter of the webhook's CPU under load.
 * For a conversation without a ticket the joins find nothing and it costs one index lookup.
 */
const LINK_MEDIA = `
UPDATE "Attachment" a SET "ticketId" = t.id
FROM "Conversation" v
JOIN "Ticket" t ON t.id = v."ticketId"
JOIN "Message" m ON m."conversationId" = v.id
WHERE v.channel = 'sms' AND v."threadKey" = $1
  AND a."messageId" = m.id AND a."ticketId" IS NULL AND a.url IS NOT NULL
  AND m."createdAt" >= t."createdAt" - make_interval(hours => $2::int)
RETURNING a.id`;

/**
 * MMS photos arrive before the dialog has opened a ticket; once the conversation has one, the photos sent
 * for it (not yet linked to any ticket, within the window) are linked, as references, to that ticket.
 */
export async function linkMediaToTicket(sql: SqlConnection, phone: string): Promise<number> {
  const rows = await sql.query(LINK_MEDIA, [phone, MEDIA_WINDOW_HOURS]);
  return rows.length;
}
