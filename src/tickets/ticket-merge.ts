import type { Ticket } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, NotFoundError } from '../errors/app-error.js';
import { silentEvents } from '../events/event-bus.js';
import type { TicketContext } from './ticket-service.js';

export class TicketMergeError extends AppError {
  readonly code = 'ticket.merge_refused';
  override readonly status = 409;
}

/**
 * Merges duplicate `duplicateId` into `keepId`: the duplicate's messages, history, conversations, visits,
 * attachments and sent messages move to the kept ticket, and the duplicate is closed as a duplicate of it
 * (its open promises settle). Both must be the same customer's, and the kept one still open.
 */
export async function mergeTickets(db: Db, keepId: string, duplicateId: string, ctx: TicketContext): Promise<{ kept: Ticket; closed: Ticket }> {
  if (keepId === duplicateId) throw new TicketMergeError('A ticket cannot be merged into itself.');
  const events = ctx.events ?? silentEvents;
  return inTransaction(db, async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Ticket" WHERE id IN (${keepId}, ${duplicateId}) ORDER BY id FOR UPDATE`;
    const [keep, duplicate] = await Promise.all([tx.ticket.findUnique({ where: { id: keepId } }), tx.ticket.findUnique({ where: { id: duplicateId } })]);
    if (!keep) throw new NotFoundError(`No ticket ${keepId}`);
    if (!duplicate) throw new NotFoundError(`No ticket ${duplicateId}`);
    if (keep.customerId !== duplicate.customerId) throw new TicketMergeError('Only tickets of the same customer can be merged.');
    if (duplicate.status === 'closed') throw new TicketMergeError(`${duplicate.number} is closed already.`);
    if (keep.status === 'closed' || keep.status === 'resolved') throw new TicketMergeError(`${keep.number} is ${keep.status}; merge into an open ticket.`);

    const moved = {
      messages: (await tx.message.updateMany({ where: { ticketId: duplicate.id }, data: { ticketId: keep.id } })).count,
      events: (await tx.ticketEvent.updateMany({ where: { ticketId: duplicate.id }, data: { ticketId: keep.id } })).count,
      conversations: (await tx.conversation.updateMany({ where: { ticketId: duplicate.id }, data: { ticketId: keep.id } })).count,
      visits: (await tx.visit.updateMany({ where: { ticketId: duplicate.id }, data: { ticketId: keep.id } })).count,
    };
    await tx.attachment.updateMany({ where: { ticketId: duplicate.id }, data: { ticketId: keep.id } });
    await tx.outboundMessage.updateMany({ where: { ticketId: duplicate.id }, data: { ticketId: keep.id } });
    await tx.staffTask.updateMany({ where: { ticketId: duplicate.id, status: 'open' }, data: { ticketId: keep.id } });

    const closed = await tx.ticket.update({ where: { id: duplicate.id }, data: { status: 'closed', closedAt: ctx.now, linkedTicketId: keep.id } });
    await tx.ticketEvent.create({
      data: { ticketId: duplicate.id, at: ctx.now, actor: ctx.actor, kind: 'status_changed', from: duplicate.status, to: 'closed', reason: `duplicate of ${keep.number}` },
    });
    await tx.ticketEvent.create({ data: { ticketId: duplicate.id, at: ctx.now, actor: ctx.actor, kind: 'merged_into', to: keep.number, data: { ticketId: keep.id, moved } } });
    await tx.ticketEvent.create({ data: { ticketId: keep.id, at: ctx.now, actor: ctx.actor, kind: 'merged', from: duplicate.number, data: { ticketId: duplicate.id, moved } } });
    await events.emit(tx, 'ticket.status_changed', { ticketId: duplicate.id, from: duplicate.status, to: 'closed', actor: ctx.actor }, ctx.now);
    return { kept: await tx.ticket.findUniqueOrThrow({ where: { id: keep.id } }), closed };
  });
}
