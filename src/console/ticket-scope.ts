import type { Prisma, Staff } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';
import { NotFoundError } from '../errors/app-error.js';
import { TicketNotAssignedError } from './console-errors.js';

/**
 * Which tickets a staff member may see. Engineers work in the field: they see the tickets assigned to them and
 * those with a visit of theirs, nothing else (the visit routes apply the same rule to visits). Everyone else
 * sees every ticket. Null: no restriction, so callers add nothing to their queries.
 */
export function ticketScope(staff: Pick<Staff, 'id' | 'role'>): Prisma.TicketWhereInput | null {
  return staff.role === 'engineer' ? { OR: [{ assigneeId: staff.id }, { visits: { some: { engineerId: staff.id } } }] } : null;
}

/** The same rule for conversations: an engineer sees those assigned to them and those about a ticket they may see. */
export function conversationScope(staff: Pick<Staff, 'id' | 'role'>): Prisma.ConversationWhereInput | null {
  const tickets = ticketScope(staff);
  return tickets ? { OR: [{ assignedStaffId: staff.id }, { ticket: tickets }] } : null;
}

/** The ids of the tickets an engineer may see (few: their own work); null for everyone else. */
export async function ticketIdsInScope(db: Db, staff: Pick<Staff, 'id' | 'role'>): Promise<string[] | null> {
  const scope = ticketScope(staff);
  return scope ? (await db.ticket.findMany({ where: scope, select: { id: true } })).map((t) => t.id) : null;
}

/** 404 for no such ticket; 403 with the reason when this staff member may not see it. */
export async function requireTicketInScope(db: Db, staff: Pick<Staff, 'id' | 'role'>, ticketId: string): Promise<void> {
  const scope = ticketScope(staff);
  if (!scope) return;
  if (await db.ticket.findFirst({ where: { AND: [{ id: ticketId }, scope] }, select: { id: true } })) return;
  if (!(await db.ticket.findUnique({ where: { id: ticketId }, select: { id: true } }))) throw new NotFoundError(`No ticket ${ticketId}`);
  throw new TicketNotAssignedError(`Engineers see only the tickets assigned to them or with a visit of theirs; ticket ${ticketId} is neither.`);
}

/** 404 for no such conversation; 403 with the reason when this staff member may not see it. */
export async function requireConversationInScope(db: Db, staff: Pick<Staff, 'id' | 'role'>, conversationId: string): Promise<void> {
  const scope = conversationScope(staff);
  if (!scope) return;
  if (await db.conversation.findFirst({ where: { AND: [{ id: conversationId }, scope] }, select: { id: true } })) return;
  if (!(await db.conversation.findUnique({ where: { id: conversationId }, select: { id: true } }))) throw new NotFoundError(`No conversation ${conversationId}`);
  throw new TicketNotAssignedError(`Engineers see only the conversations assigned to them or about their own tickets; conversation ${conversationId} is neither.`);
}
