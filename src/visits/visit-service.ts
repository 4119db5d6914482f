import type { Visit } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';
import { inTransaction } from '../db/transaction.js';
import { NotFoundError, ValidationError } from '../errors/app-error.js';
import type { EventBus } from '../events/event-bus.js';
import type { PolicyContext } from '../notifications/staff-notification-service.js';
import { markPromiseMet, startOnSiteRepair } from '../sla/sla-service.js';
import { assignTicket, transitionTicket } from '../tickets/ticket-service.js';

/**
 * On-site visits: a visit is scheduled on a ticket (the ticket moves to `scheduled`), then the engineer's
 * arrival is recorded, which keeps the on_site_arrival promise and starts the on_site_repair one. The
 * repair promise is met when the ticket is resolved (sla-listener).
 */

/** Who acts and when, with the policy for the promises and the bus for the ticket's status events. */
export type VisitContext = PolicyContext & { actor: string; events?: EventBus; timeZone?: string };

export type ScheduleVisitInput = { ticketId: string; engineerId?: string; scheduledAt: Date };

/** Statuses an unassigned ticket has; scheduling a visit with an engineer assigns them first. */
const UNASSIGNED = ['new', 'triaged', 'reopened'];

/**
 * Books a visit and moves the ticket to `scheduled` (a ticket nobody holds yet is first assigned to the
 * visit's engineer). A ticket that cannot be scheduled (resolved, waiting on the customer) is refused
 * with InvalidTransitionError; a ticket already scheduled gets one more visit.
 */
export async function scheduleVisit(db: Db, input: ScheduleVisitInput, ctx: VisitContext): Promise<Visit> {
  return inTransaction(db, async (tx) => {
    const ticket = await tx.ticket.findUnique({ where: { id: input.ticketId } });
    if (!ticket) throw new NotFoundError(`No ticket with id ${input.ticketId}`);
    if (input.engineerId) {
      const engineer = await tx.staff.findUnique({ where: { id: input.engineerId } });
      if (!engineer?.active) throw new NotFoundError(`No active staff member ${input.engineerId}`);
    }
    const visit = await tx.visit.create({ data: { ticketId: ticket.id, engineerId: input.engineerId ?? null, scheduledAt: input.scheduledAt, createdAt: ctx.now } });
    await tx.ticketEvent.create({
      data: {
        ticketId: ticket.id,
        at: ctx.now,
        actor: ctx.actor,
        kind: 'visit_scheduled',
        to: input.scheduledAt.toISOString(),
        data: { visitId: visit.id, engineerId: input.engineerId ?? null },
      },
    });
    const current = input.engineerId && UNASSIGNED.includes(ticket.status) ? (await assignTicket(tx, ticket.id, input.engineerId, ctx)).status : ticket.status;
    if (current !== 'scheduled') await transitionTicket(tx, ticket.id, 'scheduled', { ...ctx, reason: `on-site visit ${input.scheduledAt.toISOString()}` });
    return visit;
  });
}

/**
 * The engineer arrived on site at `arrivedAt`: stamps the visit, keeps the on_site_arrival promise (met at
 * the arrival time, late or not), starts the on_site_repair promise from the arrival while the ticket is
 * open, and moves a scheduled ticket to `in_progress`. Recording an arrival again changes nothing.
 */
export async function recordVisitArrival(db: Db, visitId: string, arrivedAt: Date, ctx: VisitContext): Promise<Visit> {
  if (arrivedAt > ctx.now) throw new ValidationError(`arrivedAt: ${arrivedAt.toISOString()} is in the future`);
  return inTransaction(db, async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Visit" WHERE id = ${visitId} FOR UPDATE`;
    const visit = await tx.visit.findUnique({ where: { id: visitId }, include: { ticket: true } });
    if (!visit) throw new NotFoundError(`No visit with id ${visitId}`);
    const { ticket, ...row } = visit;
    if (row.arrivedAt) return row;
    const arrived = await tx.visit.update({ where: { id: visitId }, data: { arrivedAt } });
    await tx.ticketEvent.create({
      data: { ticketId: ticket.id, at: ctx.now, actor: ctx.actor, kind: 'visit_arrived', to: arrivedAt.toISOString(), data: { visitId, engineerId: visit.engineerId } },
    });
    await markPromiseMet(tx, ticket.id, 'on_site_arrival', { now: arrivedAt, actor: ctx.actor });
    if (ticket.status === 'resolved' || ticket.status === 'closed') return arrived;
    await startOnSiteRepair(tx, ticket.id, arrivedAt, ctx);
    if (ticket.status === 'scheduled') await transitionTicket(tx, ticket.id, 'in_progress', { ...ctx, reason: 'engineer on site' });
    return arrived;
  });
}
