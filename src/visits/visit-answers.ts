import type { Prisma, Visit } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';
import { inTransaction } from '../db/transaction.js';
import { NotFoundError } from '../errors/app-error.js';
import { confirmVisit, VisitStateError, type VisitContext } from './visit-service.js';

/**
 * The customer's side of a visit: times proposed and quotes sent go out on their channel (visit-service.ts,
 * visit-work.ts) and wait here as a pending question until the customer answers it. The bot reads the answer
 * (dialogs/visit-reply) and records it through these functions; staff see the outcome on the visit and in
 * the ticket's timeline, and get a task when the answer leaves something for them to do.
 */

export type PendingVisitQuestion =
  | { kind: 'proposal'; visitId: string; ticketId: string; ticketNumber: string; /** the proposed times still ahead, ISO-8601, in the order offered */ proposals: string[] }
  | { kind: 'quote'; visitId: string; ticketId: string; ticketNumber: string; amount: number; currency: string };

/** Visits that are not over: a quote can still be answered for these. */
const OPEN_VISIT = ['proposed', 'scheduled', 'on_site'];

/**
 * The question the customer was asked last and has not answered: a visit's proposed times (while at least
 * one is still ahead) or an out-of-warranty quote. Null when nothing waits for them. The turn's load statement
 * (`awaitsVisitAnswer` in src/bot/turn-sql.ts) asks the same where-clause in SQL, so that a turn asks here
 * only when something may wait: change both together.
 */
export async function pendingVisitQuestion(db: Db, customerId: string, now: Date): Promise<PendingVisitQuestion | null> {
  const visits = await db.visit.findMany({
    where: {
      ticket: { customerId, status: { notIn: ['resolved', 'closed'] } },
      OR: [
        { status: 'proposed', proposalsDeclinedAt: null },
        { status: { in: OPEN_VISIT }, quoteSentAt: { not: null }, quoteAcceptedAt: null, quoteRefusedAt: null },
      ],
    },
    include: { ticket: { select: { number: true } } },
    orderBy: { createdAt: 'desc' },
    take: 5,
  });
  const asked = visits
    .map((v) => question(v, now))
    .filter((q): q is { at: Date; q: PendingVisitQuestion } => q !== null)
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  return asked[0]?.q ?? null;
}

function question(v: Visit & { ticket: { number: string } }, now: Date): { at: Date; q: PendingVisitQuestion } | null {
  if (v.quoteSentAt && !v.quoteAcceptedAt && !v.quoteRefusedAt && v.quoteAmount !== null && OPEN_VISIT.includes(v.status)) {
    return { at: v.quoteSentAt, q: { kind: 'quote', visitId: v.id, ticketId: v.ticketId, ticketNumber: v.ticket.number, amount: v.quoteAmount, currency: v.quoteCurrency ?? '' } };
  }
  if (v.status !== 'proposed' || v.proposalsDeclinedAt) return null;
  const proposals = (v.proposals as string[]).filter((p) => new Date(p) > now);
  if (proposals.length === 0) return null;
  return { at: v.createdAt, q: { kind: 'proposal', visitId: v.id, ticketId: v.ticketId, ticketNumber: v.ticket.number, proposals } };
}

/** The customer picked one of the proposed times: the visit is confirmed for it (the bot tells them in its reply). */
export async function chooseVisitTime(db: Db, visitId: string, at: Date, ctx: VisitContext): Promise<Visit> {
  return confirmVisit(db, visitId, { scheduledAt: at, quiet: true }, ctx);
}

async function openVisit(tx: Prisma.TransactionClient, visitId: string) {
  await tx.$queryRaw`SELECT id FROM "Visit" WHERE id = ${visitId} FOR UPDATE`;
  const visit = await tx.visit.findUnique({ where: { id: visitId }, include: { ticket: true } });
  if (!visit) throw new NotFoundError(`No visit with id ${visitId}`);
  return visit;
}

/** A task for whoever holds the ticket (else the queue), due by the end of the next working day. */
async function taskForStaff(tx: Prisma.TransactionClient, visit: Visit & { ticket: { id: string; customerId: string; assigneeId: string | null } }, kind: string, title: string, details: Prisma.InputJsonObject, ctx: VisitContext) {
  await tx.staffTask.create({
    data: {
      kind,
      ticketId: visit.ticket.id,
      customerId: visit.ticket.customerId,
      staffId: visit.engineerId ?? visit.ticket.assigneeId,
      title,
      details: { visitId: visit.id, ...details },
      dueAt: ctx.calendar.endOfNextWorkingDay(ctx.now),
      // A quote sent again can be refused again: one task per answer.
      dedupeKey: `${kind}:${visit.id}:${ctx.now.getTime()}`,
      createdAt: ctx.now,
    },
  });
}

/**
 * None of the proposed times suits the customer: the visit stops waiting for them, the timeline says so
 * with their words, and staff get a task to propose other times.
 */
export async function declineVisitTimes(db: Db, visitId: string, answer: string, ctx: VisitContext): Promise<Visit> {
  return inTransaction(db, async (tx) => {
    const visit = await openVisit(tx, visitId);
    if (visit.status !== 'proposed' || visit.proposalsDeclinedAt) throw new VisitStateError(`This visit is ${visit.status}, not waiting for the customer's choice.`);
    const updated = await tx.visit.update({ where: { id: visitId }, data: { proposalsDeclinedAt: ctx.now } });
    await tx.ticketEvent.create({ data: { ticketId: visit.ticketId, at: ctx.now, actor: ctx.actor, kind: 'visit_times_declined', reason: answer.slice(0, 500), data: { visitId } } });
    await taskForStaff(tx, visit, 'visit_reschedule', `Propose other visit times for ${visit.ticket.number}: none of the offered times suits the customer`, { answer: answer.slice(0, 500) }, ctx);
    return updated;
  });
}

/**
 * The customer turned the quote down: recorded on the visit and in the timeline with their words; staff get
 * a task to call them (a lower quote, a return of the unit, or cancelling the visit is theirs to decide).
 */
export async function refuseQuote(db: Db, visitId: string, answer: string, ctx: VisitContext): Promise<Visit> {
  return inTransaction(db, async (tx) => {
    const visit = await openVisit(tx, visitId);
    if (!visit.quoteSentAt) throw new VisitStateError('No quote was sent for this visit.');
    if (visit.quoteAcceptedAt) throw new VisitStateError('The customer already accepted this quote.');
    const updated = await tx.visit.update({ where: { id: visitId }, data: { quoteRefusedAt: ctx.now } });
    await tx.ticketEvent.create({ data: { ticketId: visit.ticketId, at: ctx.now, actor: ctx.actor, kind: 'visit_quote_refused', reason: answer.slice(0, 500), data: { visitId } } });
    await taskForStaff(tx, visit, 'visit_quote_refused', `Call the customer of ${visit.ticket.number}: they refused the repair quote`, { answer: answer.slice(0, 500), amount: visit.quoteAmount, currency: visit.quoteCurrency }, ctx);
    return updated;
  });
}
