import { DateTime } from 'luxon';
import type { Ticket, TicketEvent } from '../generated/prisma/client.js';
import type { ComplaintType, Complexity, DatePrecision, TicketCategory, TicketStatus, Urgency } from '../generated/prisma/enums.js';
import type { Db } from '../db/db.js';
import { inTransaction } from '../db/transaction.js';
import { NotFoundError } from '../errors/app-error.js';
import { InvalidTransitionError, TicketNotFoundError } from '../errors/ticket-errors.js';
import { silentEvents, type EventBus } from '../events/event-bus.js';
import type { ChannelKind } from '../messages/channel-kind.js';
import { survivingCustomerId } from '../customers/customer-service.js';
import { reportText } from '../understanding/report-text.js';
import { nextTicketNumber } from './ticket-number.js';
import { canTransition, TICKET_NUMBER_PATTERN, ticketTransitions } from './ticket-rules.js';

/** Who acts, when, and who hears about it. Every ticket change is written with an event row. */
export type TicketContext = { now: Date; actor: string; events?: EventBus; timeZone?: string };

export type OpenTicketInput = {
  customerId: string;
  conversationId?: string;
  assetId?: string;
  category: TicketCategory;
  complaintType?: ComplaintType;
  urgency?: Urgency;
  complexity?: Complexity;
  channel: ChannelKind;
  language?: string;
  title?: string;
  problem: string;
  contactName?: string;
  company?: string;
  project?: string;
  contactPhone?: string;
  contactEmail?: string;
  productModel?: string;
  serial?: string;
  purchaseDate?: Date;
  /** Month or year alone: purchaseDate is the first day of it. */
  purchaseDatePrecision?: DatePrecision;
  siteAddress?: string;
  province?: string;
  linkedTicketId?: string;
  /** The inbound message whose turn opens the ticket; opening again for it returns the first ticket. */
  sourceMessageId?: string;
};

/** The report's first line, without the greeting and who is writing ("Hi there, I run a bakery and …"). */
function titleFrom(problem: string): string {
  const firstLine = reportText(problem.trim()).split(/\r?\n/)[0] ?? '';
  return firstLine.length > 80 ? `${firstLine.slice(0, 77)}...` : firstLine || '(no description)';
}

export async function openTicket(db: Db, input: OpenTicketInput, ctx: TicketContext): Promise<Ticket> {
  const events = ctx.events ?? silentEvents;
  const year = DateTime.fromJSDate(ctx.now, { zone: ctx.timeZone ?? 'Asia/Taipei' }).year;
  if (input.sourceMessageId) {
    const opened = await db.ticket.findUnique({ where: { sourceMessageId: input.sourceMessageId } });
    if (opened) return opened;
  }
  // A customer merged into another earlier in the same turn (same phone in a second chat) opens on the survivor.
  const customerId = await survivingCustomerId(db, input.customerId);
  return inTransaction(db, async (tx) => {
    const number = await nextTicketNumber(tx, year);
    const { conversationId, ...fields } = input;
    const ticket = await tx.ticket.create({
      data: {
        ...fields,
        customerId,
        number,
        title: input.title ?? titleFrom(input.problem),
        urgency: input.urgency ?? (input.category === 'complaint' ? 'high' : 'normal'),
        createdAt: ctx.now,
      },
    });
    await tx.ticketEvent.create({
      data: { ticketId: ticket.id, at: ctx.now, actor: ctx.actor, kind: 'created', to: 'new', data: { number, channel: input.channel } },
    });
    if (conversationId) {
      await tx.conversation.update({ where: { id: conversationId }, data: { ticketId: ticket.id } });
    }
    await events.emit(tx, 'ticket.opened', { ticketId: ticket.id, category: ticket.category, urgency: ticket.urgency, channel: input.channel }, ctx.now);
    return ticket;
  });
}

export async function getTicket(db: Db, ticketId: string): Promise<Ticket> {
  const ticket = await db.ticket.findUnique({ where: { id: ticketId } });
  if (!ticket) throw new NotFoundError(`No ticket with id ${ticketId}`);
  return ticket;
}

/** Moves a ticket along the lifecycle table; an illegal move throws InvalidTransitionError naming both states and the allowed moves. */
export async function transitionTicket(
  db: Db,
  ticketId: string,
  to: TicketStatus,
  ctx: TicketContext & { reason?: string },
): Promise<Ticket> {
  const events = ctx.events ?? silentEvents;
  return inTransaction(db, async (tx) => {
    // Lock the row so two concurrent moves cannot both pass the guard.
    await tx.$queryRaw`SELECT id FROM "Ticket" WHERE id = ${ticketId} FOR UPDATE`;
    const ticket = await getTicket(tx, ticketId);
    const from = ticket.status;
    if (!canTransition(from, to)) throw new InvalidTransitionError(from, to, ticketTransitions[from]);
    const updated = await tx.ticket.update({
      where: { id: ticketId },
      data: {
        status: to,
        ...(to === 'resolved' ? { resolvedAt: ctx.now } : {}),
        ...(to === 'closed' ? { closedAt: ctx.now } : {}),
        ...(to === 'reopened' ? { reopenCount: { increment: 1 }, resolvedAt: null, closedAt: null } : {}),
      },
    });
    await tx.ticketEvent.create({
      data: { ticketId, at: ctx.now, actor: ctx.actor, kind: 'status_changed', from, to, reason: ctx.reason },
    });
    await events.emit(tx, 'ticket.status_changed', { ticketId, from, to, actor: ctx.actor }, ctx.now);
    return updated;
  });
}

/** Assigns (or reassigns) a ticket; an unassigned open ticket moves to `assigned`. */
export async function assignTicket(db: Db, ticketId: string, staffId: string, ctx: TicketContext): Promise<Ticket> {
  const events = ctx.events ?? silentEvents;
  return inTransaction(db, async (tx) => {
    const ticket = await getTicket(tx, ticketId);
    const staff = await tx.staff.findUnique({ where: { id: staffId } });
    if (!staff || !staff.active) throw new NotFoundError(`No active staff member ${staffId}`);
    await tx.ticket.update({ where: { id: ticketId }, data: { assigneeId: staffId } });
    await tx.ticketEvent.create({
      data: { ticketId, at: ctx.now, actor: ctx.actor, kind: 'assigned', from: ticket.assigneeId, to: staffId },
    });
    await events.emit(tx, 'ticket.assigned', { ticketId, staffId, actor: ctx.actor }, ctx.now);
    if (['new', 'triaged', 'reopened'].includes(ticket.status)) {
      return transitionTicket(tx, ticketId, 'assigned', { ...ctx, reason: `assigned to ${staff.name}` });
    }
    return getTicket(tx, ticketId);
  });
}

/**
 * Records triage (urgency, complexity and, when said, whether a visit on site is needed) and moves a new
 * ticket to `triaged`. `ticket.triaged` lets the SLA clock retarget the promises to the new urgency.
 */
export async function triageTicket(
  db: Db,
  ticketId: string,
  input: { urgency: Urgency; complexity: Complexity; onSite?: boolean },
  ctx: TicketContext,
): Promise<Ticket> {
  const { onSite, ...triage } = input;
  return inTransaction(db, async (tx) => {
    const ticket = await getTicket(tx, ticketId);
    await tx.ticket.update({ where: { id: ticketId }, data: triage });
    await tx.ticketEvent.create({
      data: {
        ticketId,
        at: ctx.now,
        actor: ctx.actor,
        kind: 'triaged',
        from: `${ticket.urgency}/${ticket.complexity}`,
        to: `${triage.urgency}/${triage.complexity}`,
      },
    });
    await (ctx.events ?? silentEvents).emit(tx, 'ticket.triaged', { ticketId, ...triage, ...(onSite === undefined ? {} : { onSite }), actor: ctx.actor }, ctx.now);
    return ticket.status === 'new' || ticket.status === 'reopened'
      ? transitionTicket(tx, ticketId, 'triaged', ctx)
      : getTicket(tx, ticketId);
  });
}

export async function addNote(db: Db, ticketId: string, text: string, ctx: TicketContext): Promise<TicketEvent> {
  await getTicket(db, ticketId);
  return db.ticketEvent.create({ data: { ticketId, at: ctx.now, actor: ctx.actor, kind: 'note', reason: text } });
}

export function resolveTicket(db: Db, ticketId: string, ctx: TicketContext & { reason?: string }): Promise<Ticket> {
  return transitionTicket(db, ticketId, 'resolved', ctx);
}

export function reopenTicket(db: Db, ticketId: string, ctx: TicketContext & { reason: string }): Promise<Ticket> {
  return transitionTicket(db, ticketId, 'reopened', ctx);
}

/** Normalises "sr 2026 123", "SR-2026-000123" to the canonical number, or null. */
export function parseTicketNumber(text: string): string | null {
  const strict = TICKET_NUMBER_PATTERN.exec(text);
  if (strict) return `SR-${strict[1]}-${strict[2]}`;
  const loose = /\bSR[\s-]*(\d{4})[\s-]*(\d{1,6})\b/i.exec(text);
  return loose ? `SR-${loose[1]}-${loose[2]!.padStart(6, '0')}` : null;
}

/** Looks a ticket up by number for its owner only: someone else's number reads as "not found". */
export async function findTicketForCustomer(db: Db, number: string, customerId: string): Promise<Ticket> {
  const canonical = parseTicketNumber(number) ?? number;
  const ticket = await db.ticket.findUnique({ where: { number: canonical } });
  if (!ticket || ticket.customerId !== customerId) throw new TicketNotFoundError(canonical);
  return ticket;
}

export async function ticketHistory(db: Db, ticketId: string): Promise<TicketEvent[]> {
  return db.ticketEvent.findMany({ where: { ticketId }, orderBy: [{ seq: 'asc' }] });
}
