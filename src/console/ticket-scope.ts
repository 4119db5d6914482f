import type { Prisma, Staff } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';
import { NotFoundError } from '../errors/app-error.js';
import { TicketNotAssignedError } from './console-errors.js';

/**
 * Which tickets a staff member may see. Engineers work in the field: they see the tickets assigned to them and
 * those with a visit of theirs, nothing else (the visit routes apply the same rule to visits). Everyone else
 * sees every ticket.
 */
type Caller = Pick<Staff, 'id' | 'role'>;

/** The rule as a condition on one ticket (a primary-key lookup filters by it); null: no restriction. */
function oneTicketScope(staff: Caller): Prisma.TicketWhereInput | null {
  return staff.role === 'engineer' ? { OR: [{ assigneeId: staff.id }, { visits: { some: { engineerId: staff.id } } }] } : null;
}

/**
 * The ids of the tickets an engineer may see (their own work); null for everyone else. Lists filter by these
 * ids: two index lookups (Ticket by assignee, Visit by engineer) instead of an OR across Ticket and Visit,
 * which PostgreSQL can only answer by reading every ticket.
 */
export async function ticketIdsInScope(db: Db, staff: Caller): Promise<string[] | null> {
  if (staff.role !== 'engineer') return null;
  const [assigned, visited] = await Promise.all([
    db.ticket.findMany({ where: { assigneeId: staff.id }, select: { id: true } }),
    db.visit.findMany({ where: { engineerId: staff.id }, select: { ticketId: true } }),
  ]);
  return [...new Set([...assigned.map((t) => t.id), ...visited.map((v) => v.ticketId)])];
}

/** The same rule for a list of conversations: an engineer's are those assigned to them or about a ticket they may see. */
export async function conversationScope(db: Db, staff: Caller): Promise<Prisma.ConversationWhereInput | null> {
  const ticketIds = await ticketIdsInScope(db, staff);
  return ticketIds ? { OR: [{ assignedStaffId: staff.id }, { ticketId: { in: ticketIds } }] } : null;
}

/** 404 for no such ticket; 403 with the reason when this staff member may not see it. */
export async function requireTicketInScope(db: Db, staff: Caller, ticketId: string): Promise<void> {
  const scope = oneTicketScope(staff);
  if (!scope) return;
  if (await db.ticket.findFirst({ where: { AND: [{ id: ticketId }, scope] }, select: { id: true } })) return;
  if (!(await db.ticket.findUnique({ where: { id: ticketId }, select: { id: true } }))) throw new NotFoundError(`No ticket ${ticketId}`);
  throw new TicketNotAssignedError(`Engineers see only the tickets assigned to them or with a visit of theirs; ticket ${ticketId} is neither.`);
}

/** 404 for no such conversation; 403 with the reason when this staff member may not see it. */
export async function requireConversationInScope(db: Db, staff: Caller, conversationId: string): Promise<void> {
  const tickets = oneTicketScope(staff);
  if (!tickets) return;
  const scope: Prisma.ConversationWhereInput = { OR: [{ assignedStaffId: staff.id }, { ticket: tickets }] };
  if (await db.conversation.findFirst({ where: { AND: [{ id: conversationId }, scope] }, select: { id: true } })) return;
  if (!(await db.conversation.findUnique({ where: { id: conversationId }, select: { id: true } }))) throw new NotFoundError(`No conversation ${conversationId}`);
  throw new TicketNotAssignedError(`Engineers see only the conversations assigned to them or about their own tickets; conversation ${conversationId} is neither.`);
}
