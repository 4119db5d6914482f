import type { Db } from '../../src/db/db.js';

/** Photos sent while the report was being taken, at most this long before the ticket was opened, belong to it. */
const MEDIA_WINDOW_MS = 24 * 3_600_000;

/**
 * MMS photos arrive before the dialog has opened a ticket; once the conversation has one, the photos sent
 * for it (not yet linked to any ticket, within the window) are linked, as references, to that ticket.
 */
export async function linkMediaToTicket(db: Db, phone: string): Promise<number> {
  const conversation = await db.conversation.findUnique({ where: { channel_threadKey: { channel: 'sms', threadKey: phone } }, include: { ticket: true } });
  if (!conversation?.ticket) return 0;
  const since = new Date(conversation.ticket.createdAt.getTime() - MEDIA_WINDOW_MS);
  const { count } = await db.attachment.updateMany({
    where: { ticketId: null, url: { not: null }, message: { conversationId: conversation.id, createdAt: { gte: since } } },
    data: { ticketId: conversation.ticket.id },
  });
  return count;
}
