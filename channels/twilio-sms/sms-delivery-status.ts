import type { OutboundStatus } from '../../src/generated/prisma/enums.js';
import type { Db } from '../../src/db/db.js';
import { inTransaction } from '../../src/db/transaction.js';
import type { SmsStatus, TwilioMessageStatus } from './sms-webhook-schema.js';

/** Twilio's words mapped to our outbox states, in one place. */
const STATUS: Record<TwilioMessageStatus, OutboundStatus | null> = {
  accepted: 'sending',
  scheduled: 'sending',
  queued: 'sending',
  sending: 'sending',
  sent: 'sent',
  receiving: null,
  received: null,
  delivered: 'delivered',
  read: 'delivered',
  partially_delivered: 'delivered',
  undelivered: 'undelivered',
  failed: 'failed',
  canceled: 'failed',
};

/** Callbacks can arrive out of order: a late `queued` must not undo `delivered`. */
const RANK: Record<OutboundStatus, number> = { pending: 0, outbox: 0, sending: 1, sent: 2, delivered: 3, undelivered: 3, failed: 3 };

export type DeliveryUpdate = { outboundId: string | null; status: OutboundStatus | null; changed: boolean };

/**
 * Applies one status callback to the outbound row it belongs to (found by our id in the callback URL, else by
 * Twilio's MessageSid). Failures are written on the row and as a `message_failed` event on the ticket.
 */
export async function recordSmsDeliveryStatus(
  db: Db,
  update: SmsStatus & { outboundId?: string },
  now: Date,
): Promise<DeliveryUpdate> {
  const next = STATUS[update.MessageStatus];
  return inTransaction(db, async (tx) => {
    const row =
      (update.outboundId ? await tx.outboundMessage.findUnique({ where: { id: update.outboundId } }) : null) ??
      (await tx.outboundMessage.findUnique({ where: { providerMessageId: update.MessageSid } }));
    if (!row || next === null) return { outboundId: row?.id ?? null, status: row?.status ?? null, changed: false };
    if (RANK[next] < RANK[row.status] || next === row.status) return { outboundId: row.id, status: row.status, changed: false };
    const failed = next === 'failed' || next === 'undelivered';
    const reason = failed
      ? `Twilio reports ${update.MessageStatus}${update.ErrorCode ? ` (error ${update.ErrorCode}${update.ErrorMessage ? `: ${update.ErrorMessage}` : ''})` : ''}`
      : null;
    await tx.outboundMessage.update({
      where: { id: row.id },
      data: {
        status: next,
        providerMessageId: row.providerMessageId ?? update.MessageSid,
        ...(reason ? { lastError: reason } : {}),
      },
    });
    if (failed && row.ticketId) {
      await tx.ticketEvent.create({
        data: {
          ticketId: row.ticketId,
          at: now,
          actor: 'system:twilio',
          kind: 'message_failed',
          to: row.channel,
          reason,
          data: { outboundId: row.id, providerMessageId: update.MessageSid, errorCode: update.ErrorCode ?? null },
        },
      });
    }
    return { outboundId: row.id, status: next, changed: true };
  });
}
