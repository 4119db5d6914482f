import type { Prisma, Staff, Visit } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, NotFoundError, ValidationError } from '../errors/app-error.js';
import type { EventBus } from '../events/event-bus.js';
import type { PolicyContext } from '../notifications/staff-notification-service.js';
import { markPromiseMet, startOnSiteRepair } from '../sla/sla-service.js';
import { tellCustomer } from '../tickets/customer-notice.js';
import { assignTicket, transitionTicket } from '../tickets/ticket-service.js';
import { confirmedText, formatVisitTime, proposalText } from './visit-texts.js';
import { warrantyStatus } from './warranty.js';

/**
 * On-site visits: times are proposed to the customer on their channel (or a visit is booked directly), the
 * customer's choice confirms one and the ticket moves to `scheduled`; the engineer's arrival keeps the
 * on_site_arrival promise and starts on_site_repair. Work, quote and sign-off are in visit-work.ts.
 */

/** Who acts and when, with the policy for the promises and the bus for the ticket's status events. */
export type VisitContext = PolicyContext & { actor: string; events?: EventBus; timeZone?: string };

export type ScheduleVisitInput = { ticketId: string; engineerId?: string; scheduledAt: Date };

export class VisitStateError extends AppError {
  readonly code = 'visit.conflict';
  override readonly status = 409;
}

/** Statuses an unassigned ticket has; booking a visit with an engineer assigns them first. */
const UNASSIGNED = ['new', 'triaged', 'reopened'];

async function ticketForVisit(tx: Prisma.TransactionClient, ticketId: string) {
  const ticket = await tx.ticket.findUnique({ where: { id: ticketId }, include: { asset: true } });
  if (!ticket) throw new NotFoundError(`No ticket with id ${ticketId}`);
  return ticket;
}

/** The named engineer, else an active engineer of the ticket's region (province), else none. */
async function pickEngineer(tx: Prisma.TransactionClient, engineerId: string | undefined, region: string | null): Promise<Staff | null> {
  if (engineerId) {
    const engineer = await tx.staff.findUnique({ where: { id: engineerId } });
    if (!engineer?.active) throw new NotFoundError(`No active staff member ${engineerId}`);
    return engineer;
  }
  if (!region) return null;
  return tx.staff.findFirst({ where: { role: 'engineer', active: true, region }, orderBy: { createdAt: 'asc' } });
}

async function assignEngineer(tx: Prisma.TransactionClient, ticket: { id: string; status: string }, engineer: Staff | null, ctx: VisitContext) {
  if (engineer && UNASSIGNED.includes(ticket.status)) return (await assignTicket(tx, ticket.id, engineer.id, ctx)).status;
  return ticket.status;
}

/**
 * Books a confirmed visit and moves the ticket to `scheduled` (a ticket nobody holds yet is first assigned to
 * the visit's engineer). A ticket that cannot be scheduled (resolved, waiting on the customer) is refused
 * with InvalidTransitionError; a ticket already scheduled gets one more visit.
 */
export async function scheduleVisit(db: Db, input: ScheduleVisitInput, ctx: VisitContext): Promise<Visit> {
  return inTransaction(db, async (tx) => {
    const ticket = await ticketForVisit(tx, input.ticketId);
    const engineer = await pickEngineer(tx, input.engineerId, ticket.province ?? ticket.asset?.province ?? null);
    const visit = await tx.visit.create({
      data: {
        ticketId: ticket.id,
        engineerId: engineer?.id ?? null,
        scheduledAt: input.scheduledAt,
        status: 'scheduled',
        confirmedAt: ctx.now,
        warranty: warrantyOf(ticket, input.scheduledAt, ctx),
        createdAt: ctx.now,
      },
    });
    await tx.ticketEvent.create({
      data: { ticketId: ticket.id, at: ctx.now, actor: ctx.actor, kind: 'visit_scheduled', to: input.scheduledAt.toISOString(), data: { visitId: visit.id, engineerId: engineer?.id ?? null } },
    });
    const current = await assignEngineer(tx, ticket, engineer, ctx);
    if (current !== 'scheduled') await transitionTicket(tx, ticket.id, 'scheduled', { ...ctx, reason: `on-site visit ${input.scheduledAt.toISOString()}` });
    return visit;
  });
}

function warrantyOf(ticket: { purchaseDate: Date | null; asset: { purchaseDate: Date | null; warrantyMonths: number | null } | null }, at: Date, ctx: VisitContext) {
  return warrantyStatus(ticket.asset?.purchaseDate ?? ticket.purchaseDate, ticket.asset?.warrantyMonths, at, ctx.calendar.timeZone);
}

/**
 * Offers the customer visit times on their channel (a numbered list to answer). The visit waits as
 * `proposed` with the engineer (named, or one of the ticket's region) holding the ticket; the warranty
 * status is read from the asset's purchase date.
 */
export async function proposeVisit(db: Db, input: { ticketId: string; engineerId?: string; proposals: Date[] }, ctx: VisitContext): Promise<Visit> {
  const times = [...input.proposals].sort((a, b) => a.getTime() - b.getTime());
  if (times.length === 0 || times.length > 5) throw new ValidationError('proposals: offer 1 to 5 times');
  if (times[0]! <= ctx.now) throw new ValidationError('proposals: every time must be in the future');
  return inTransaction(db, async (tx) => {
    const ticket = await ticketForVisit(tx, input.ticketId);
    if (ticket.status === 'resolved' || ticket.status === 'closed') throw new VisitStateError(`${ticket.number} is ${ticket.status}; reopen it before booking a visit.`);
    const engineer = await pickEngineer(tx, input.engineerId, ticket.province ?? ticket.asset?.province ?? null);
    const visit = await tx.visit.create({
      data: {
        ticketId: ticket.id,
        engineerId: engineer?.id ?? null,
        scheduledAt: times[0]!,
        status: 'proposed',
        proposals: times.map((t) => t.toISOString()),
        warranty: warrantyOf(ticket, times[0]!, ctx),
        createdAt: ctx.now,
      },
    });
    await tx.ticketEvent.create({
      data: { ticketId: ticket.id, at: ctx.now, actor: ctx.actor, kind: 'visit_proposed', data: { visitId: visit.id, engineerId: engineer?.id ?? null, proposals: visit.proposals } },
    });
    await assignEngineer(tx, ticket, engineer, ctx);
    const zone = ctx.calendar.timeZone;
    await tellCustomer(tx, ctx.jobs, { ticketId: ticket.id, kind: 'visit_proposal', idempotencyKey: `visit_proposal:${visit.id}`, text: (l) => proposalText(l, ticket.number, times.map((t) => formatVisitTime(t, l, zone))) }, ctx);
    return visit;
  });
}

/**
 * The customer chose a time (their answer, recorded by staff or read by the bot): the visit is scheduled for
 * it, the ticket moves to `scheduled` and the customer gets a confirmation on their channel, unless `quiet`
 * (the bot confirms in its own reply). `choice` is the 1-based number they answered.
 */
export async function confirmVisit(db: Db, visitId: string, input: { choice?: number; scheduledAt?: Date; quiet?: boolean }, ctx: VisitContext): Promise<Visit> {
  return inTransaction(db, async (tx) => {
    const visit = await tx.visit.findUnique({ where: { id: visitId }, include: { ticket: true } });
    if (!visit) throw new NotFoundError(`No visit with id ${visitId}`);
    if (visit.status !== 'proposed') throw new VisitStateError(`This visit is ${visit.status}, not waiting for the customer's choice.`);
    const proposals = (visit.proposals as string[]).map((p) => new Date(p));
    const at = input.scheduledAt ?? (input.choice ? proposals[input.choice - 1] : undefined);
    if (!at) throw new ValidationError(`choice: pick 1 to ${proposals.length}, or give scheduledAt`);
    const confirmed = await tx.visit.update({ where: { id: visitId }, data: { status: 'scheduled', scheduledAt: at, confirmedAt: ctx.now } });
    await tx.ticketEvent.create({ data: { ticketId: visit.ticketId, at: ctx.now, actor: ctx.actor, kind: 'visit_scheduled', to: at.toISOString(), data: { visitId, engineerId: visit.engineerId } } });
    const status = (await tx.ticket.findUniqueOrThrow({ where: { id: visit.ticketId } })).status;
    if (status !== 'scheduled') await transitionTicket(tx, visit.ticketId, 'scheduled', { ...ctx, reason: `on-site visit ${at.toISOString()}` });
    if (input.quiet) return confirmed;
    const zone = ctx.calendar.timeZone;
    await tellCustomer(tx, ctx.jobs, { ticketId: visit.ticketId, kind: 'visit_confirmed', idempotencyKey: `visit_confirmed:${visitId}`, text: (l) => confirmedText(l, visit.ticket.number, formatVisitTime(at, l, zone)) }, ctx);
    return confirmed;
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
    if (row.status === 'proposed') throw new VisitStateError('The customer has not confirmed a time for this visit yet.');
    const arrived = await tx.visit.update({ where: { id: visitId }, data: { arrivedAt, status: row.status === 'scheduled' ? 'on_site' : row.status } });
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
