import type { Prisma } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';
import { inTransaction, isUniqueViolation } from '../db/transaction.js';
import type { EventBus } from '../events/event-bus.js';
import { markResponded } from '../sla/sla-service.js';

export type StaffMailInput = {
  conversationKey: string;
  ticketId?: string | null;
  staffId: string;
  messageId: string;
  subject: string;
  text: string;
  raw: Prisma.InputJsonValue;
  at: Date;
  /** Hears `ticket.responded` (the progress-update promise re-arms); without it the promises are still kept. */
  events?: EventBus;
};

/**
 * A member of staff answered the customer from their own mail client and copied the support box: the
 * mail goes on the ticket's conversation as theirs (the customer already has it), with a ticket event.
 * The bot does not answer it. Stored once per Message-ID. It counts as the staff member's response, as a
 * console reply does (`markResponded`: first-response, e-mail and contact promises kept).
 */
export async function recordStaffMail(db: Db, input: StaffMailInput): Promise<{ duplicate: boolean }> {
  const existing = await db.message.findUnique({ where: { channel_externalId: { channel: 'email', externalId: input.messageId } } });
  if (existing) return { duplicate: true };
  try {
    await inTransaction(db, async (tx) => {
      const conversation = await tx.conversation.findUniqueOrThrow({ where: { channel_threadKey: { channel: 'email', threadKey: input.conversationKey } } });
      await tx.message.create({
        data: {
          conversationId: conversation.id,
          ticketId: input.ticketId ?? null,
          direction: 'outbound',
          channel: 'email',
          externalId: input.messageId,
          author: `staff:${input.staffId}`,
          text: input.text,
          subject: input.subject,
          raw: input.raw,
          processedAt: input.at,
          createdAt: input.at,
        },
      });
      await tx.conversation.update({ where: { id: conversation.id }, data: { lastOutboundAt: input.at } });
      if (!input.ticketId) return;
      await tx.ticketEvent.create({
        data: { ticketId: input.ticketId, at: input.at, actor: `staff:${input.staffId}`, kind: 'staff_email', data: { messageId: input.messageId, subject: input.subject } },
      });
      await markResponded(tx, input.ticketId, { now: input.at, actor: `staff:${input.staffId}`, events: input.events, channel: 'email' });
    });
    return { duplicate: false };
  } catch (err) {
    if (isUniqueViolation(err)) return { duplicate: true };
    throw err;
  }
}
