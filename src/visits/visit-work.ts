import { z } from 'zod';
import type { Prisma, Visit } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';
import { inTransaction } from '../db/transaction.js';
import { NotFoundError, ValidationError } from '../errors/app-error.js';
import { tellCustomer, tellCustomerResolved } from '../tickets/customer-notice.js';
import { transitionTicket } from '../tickets/ticket-service.js';
import { formatAmount, quoteText } from './visit-texts.js';
import { VisitStateError, type VisitContext } from './visit-service.js';

/** A drawn signature: a PNG or SVG data URL of at most this many characters (~150 KB of image). */
export const MAX_SIGNATURE_CHARS = 200_000;

export const Part = z.strictObject({ part: z.string().trim().min(1).max(200), quantity: z.number().int().min(1).max(1000), note: z.string().trim().max(500).optional() });
export const WorkInput = z.strictObject({
  workDone: z.string().trim().min(1).max(4000).optional(),
  partsUsed: z.array(Part).max(100).optional(),
  partsRequested: z.array(Part).max(100).optional(),
});
export type WorkInput = z.infer<typeof WorkInput>;
export const SignOff = z
  .strictObject({
    signOffName: z.string().trim().min(1).max(200).optional(),
    signature: z
      .string()
      .max(MAX_SIGNATURE_CHARS, `signature: at most ${MAX_SIGNATURE_CHARS} characters`)
      .regex(/^data:image\/(png|svg\+xml);base64,[A-Za-z0-9+/]+=*$/, 'signature: expected a data:image/png or data:image/svg+xml base64 URL')
      .optional(),
  })
  .refine((s) => s.signOffName || s.signature, { message: 'the customer signs off with a typed name or a drawn signature' });
export type SignOff = z.infer<typeof SignOff>;

async function lockedVisit(tx: Prisma.TransactionClient, visitId: string) {
  await tx.$queryRaw`SELECT id FROM "Visit" WHERE id = ${visitId} FOR UPDATE`;
  const visit = await tx.visit.findUnique({ where: { id: visitId }, include: { ticket: true } });
  if (!visit) throw new NotFoundError(`No visit with id ${visitId}`);
  if (visit.status === 'completed' || visit.status === 'cancelled') throw new VisitStateError(`This visit is ${visit.status}.`);
  return visit;
}

/** Out of warranty: the quote goes to the customer on their channel; work waits for their acceptance. */
export async function sendQuote(db: Db, visitId: string, quote: { amount: number; currency: string }, ctx: VisitContext): Promise<Visit> {
  return inTransaction(db, async (tx) => {
    const visit = await lockedVisit(tx, visitId);
    if (visit.warranty === 'in_warranty') throw new VisitStateError('This visit is under warranty: no quote is needed.');
    const updated = await tx.visit.update({ where: { id: visitId }, data: { quoteAmount: quote.amount, quoteCurrency: quote.currency, quoteSentAt: ctx.now, quoteAcceptedAt: null, quoteRefusedAt: null } });
    await tx.ticketEvent.create({ data: { ticketId: visit.ticketId, at: ctx.now, actor: ctx.actor, kind: 'visit_quote_sent', to: `${quote.amount} ${quote.currency}`, data: { visitId } } });
    await tellCustomer(
      tx,
      ctx.jobs,
      { ticketId: visit.ticketId, kind: 'visit_quote', idempotencyKey: `visit_quote:${visitId}:${ctx.now.getTime()}`, text: (l) => quoteText(l, visit.ticket.number, formatAmount(quote.amount, quote.currency, l)) },
      ctx,
    );
    return updated;
  });
}

/** The customer accepted the quote (their answer, recorded by staff or read by the bot); an earlier refusal no longer stands. */
export async function acceptQuote(db: Db, visitId: string, ctx: VisitContext): Promise<Visit> {
  return inTransaction(db, async (tx) => {
    const visit = await lockedVisit(tx, visitId);
    if (!visit.quoteSentAt) throw new VisitStateError('No quote was sent for this visit.');
    const updated = await tx.visit.update({ where: { id: visitId }, data: { quoteAcceptedAt: ctx.now, quoteRefusedAt: null } });
    await tx.ticketEvent.create({ data: { ticketId: visit.ticketId, at: ctx.now, actor: ctx.actor, kind: 'visit_quote_accepted', data: { visitId } } });
    return updated;
  });
}

function refuseWorkWithoutAcceptedQuote(visit: Visit): void {
  if (visit.warranty === 'out_of_warranty' && !visit.quoteAcceptedAt) {
    throw new VisitStateError('Out of warranty: the customer must accept a quote before work starts.');
  }
}

/** Work done, parts used and parts asked for; lists replace what was recorded before. */
export async function recordWork(db: Db, visitId: string, work: WorkInput, ctx: VisitContext): Promise<Visit> {
  return inTransaction(db, async (tx) => {
    const visit = await lockedVisit(tx, visitId);
    if (!visit.arrivedAt) throw new VisitStateError('Record the arrival first.');
    if (work.workDone || work.partsUsed?.length) refuseWorkWithoutAcceptedQuote(visit);
    const updated = await tx.visit.update({
      where: { id: visitId },
      data: {
        ...(work.workDone !== undefined ? { workDone: work.workDone } : {}),
        ...(work.partsUsed ? { partsUsed: work.partsUsed } : {}),
        ...(work.partsRequested ? { partsRequested: work.partsRequested } : {}),
      },
    });
    await tx.ticketEvent.create({ data: { ticketId: visit.ticketId, at: ctx.now, actor: ctx.actor, kind: 'visit_work', reason: work.workDone?.slice(0, 500), data: { visitId, partsUsed: work.partsUsed ?? null, partsRequested: work.partsRequested ?? null } } });
    return updated;
  });
}

/**
 * The customer signs off (typed name or drawn signature) and the visit is complete: the ticket is resolved
 * (which schedules the survey and meets the repair promise) and the customer is told on their channel.
 */
export async function completeVisit(db: Db, visitId: string, signOff: SignOff, ctx: VisitContext): Promise<Visit> {
  const parsed = SignOff.safeParse(signOff);
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => i.message).join('; '));
  const completed = await inTransaction(db, async (tx) => {
    const visit = await lockedVisit(tx, visitId);
    if (!visit.arrivedAt) throw new VisitStateError('Record the arrival first.');
    refuseWorkWithoutAcceptedQuote(visit);
    if (!visit.workDone) throw new VisitStateError('Record the work done before the customer signs off.');
    const done = await tx.visit.update({
      where: { id: visitId },
      data: { status: 'completed', completedAt: ctx.now, signOffName: parsed.data.signOffName ?? null, signature: parsed.data.signature ?? null, signedAt: ctx.now },
    });
    await tx.ticketEvent.create({ data: { ticketId: visit.ticketId, at: ctx.now, actor: ctx.actor, kind: 'visit_completed', to: parsed.data.signOffName ?? 'signature', data: { visitId } } });
    const status = (await tx.ticket.findUniqueOrThrow({ where: { id: visit.ticketId } })).status;
    if (status === 'scheduled') await transitionTicket(tx, visit.ticketId, 'in_progress', { ...ctx, reason: 'on-site work' });
    if (status !== 'resolved' && status !== 'closed') await transitionTicket(tx, visit.ticketId, 'resolved', { ...ctx, reason: 'on-site visit completed and signed off' });
    return done;
  });
  await tellCustomerResolved(db, ctx.jobs, completed.ticketId, ctx);
  return completed;
}
