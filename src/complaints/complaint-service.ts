import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Ticket } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';
import { inTransaction } from '../db/transaction.js';
import { NotFoundError, ValidationError } from '../errors/app-error.js';
import type { BusinessCalendar } from '../sla/business-calendar.js';
import type { Policy } from '../sla/policy-schema.js';

/**
 * The complaint flow of the policies, one step per function, each refusing to run out of order:
 * record (a `complaint` ticket) → grade severity (sets the investigation deadline) → investigate (finding and
 * responsibility, 歸屬) → remedy (creates the revisit call task) → revisit (the customer's verdict).
 * Each step stores its result on the ticket and adds a `complaint_*` event to the ticket's timeline.
 */

export const ComplaintSeverity = z.enum(['minor', 'major', 'critical']);
export type ComplaintSeverity = z.infer<typeof ComplaintSeverity>;
export const ComplaintResponsibility = z.enum(['product', 'service_staff', 'logistics', 'customer', 'other']);
export type ComplaintResponsibility = z.infer<typeof ComplaintResponsibility>;
export const RevisitOutcome = z.enum(['satisfied', 'unsatisfied', 'unreachable']);
export type RevisitOutcome = z.infer<typeof RevisitOutcome>;

export type ComplaintContext = { now: Date; actor: string; policy: Pick<Policy, 'complaints'>; calendar: BusinessCalendar };

export type ComplaintStep = 'recorded' | 'graded' | 'investigated' | 'remedied' | 'revisited';

/** Where a complaint ticket is in the flow. */
export function complaintStep(t: Pick<Ticket, 'complaintGradedAt' | 'investigatedAt' | 'remediedAt' | 'revisitedAt'>): ComplaintStep {
  if (t.revisitedAt) return 'revisited';
  if (t.remediedAt) return 'remedied';
  if (t.investigatedAt) return 'investigated';
  if (t.complaintGradedAt) return 'graded';
  return 'recorded';
}

/** Grades severity and sets the investigation deadline (the policy's days for that severity); regrading is allowed until the investigation. */
export async function gradeComplaint(db: Db, ticketId: string, severity: ComplaintSeverity, ctx: ComplaintContext): Promise<Ticket> {
  const grade = ComplaintSeverity.parse(severity);
  return step(db, ticketId, ['recorded', 'graded'], ctx, async (tx, ticket) => {
    const days = ctx.policy.complaints.investigationDays[grade];
    const investigationDueAt = DateTime.fromJSDate(ctx.now, { zone: ctx.calendar.timeZone }).plus({ days }).toJSDate();
    await event(tx, ticketId, ctx, 'complaint_graded', ticket.complaintSeverity, grade, { investigationDueAt: investigationDueAt.toISOString() });
    return { complaintSeverity: grade, complaintGradedAt: ctx.now, investigationDueAt };
  });
}

/** Records the investigation's finding and who is responsible (歸屬). */
export async function recordInvestigation(
  db: Db,
  ticketId: string,
  input: { finding: string; responsibility: ComplaintResponsibility },
  ctx: ComplaintContext,
): Promise<Ticket> {
  const responsibility = ComplaintResponsibility.parse(input.responsibility);
  const finding = required(input.finding, 'finding');
  return step(db, ticketId, ['graded'], ctx, async (tx, ticket) => {
    const onTime = !ticket.investigationDueAt || ctx.now <= ticket.investigationDueAt;
    await event(tx, ticketId, ctx, 'complaint_investigated', null, responsibility, { onTime });
    return { investigatedAt: ctx.now, complaintFinding: finding, complaintResponsibility: responsibility };
  });
}

/** Records the remedy and asks staff to call the customer back `complaints.revisitAfterDays` later. */
export async function recordRemedy(db: Db, ticketId: string, input: { remedy: string }, ctx: ComplaintContext): Promise<Ticket> {
  const remedy = required(input.remedy, 'remedy');
  return step(db, ticketId, ['investigated'], ctx, async (tx, ticket) => {
    const days = ctx.policy.complaints.revisitAfterDays;
    const dueAt = ctx.calendar.endOfWorkingDayAfter(DateTime.fromJSDate(ctx.now, { zone: ctx.calendar.timeZone }).plus({ days: Math.max(days - 1, 0) }).toJSDate(), 1);
    await tx.staffTask.createMany({
      data: [
        {
          kind: 'complaint_revisit',
          ticketId,
          customerId: ticket.customerId,
          title: `Call back about complaint ${ticket.number} after the remedy`,
          details: { phone: ticket.contactPhone },
          dueAt,
          dedupeKey: `complaint_revisit:${ticketId}`,
          createdAt: ctx.now,
        },
      ],
      skipDuplicates: true,
    });
    await event(tx, ticketId, ctx, 'complaint_remedied', null, null, { revisitDueAt: dueAt.toISOString() });
    return { complaintRemedy: remedy, remediedAt: ctx.now };
  });
}

/** Records the customer's verdict on the call back; closes the revisit task. */
export async function recordRevisit(db: Db, ticketId: string, input: { outcome: RevisitOutcome; note?: string }, ctx: ComplaintContext): Promise<Ticket> {
  const outcome = RevisitOutcome.parse(input.outcome);
  return step(db, ticketId, ['remedied'], ctx, async (tx) => {
    await tx.staffTask.updateMany({ where: { ticketId, kind: 'complaint_revisit', status: 'open' }, data: { status: 'done', doneAt: ctx.now } });
    await tx.ticketEvent.create({ data: { ticketId, at: ctx.now, actor: ctx.actor, kind: 'complaint_revisited', to: outcome, reason: input.note?.trim() || null } });
    return { revisitOutcome: outcome, revisitedAt: ctx.now };
  });
}

type TicketChange = Partial<Pick<Ticket, 'complaintSeverity' | 'complaintGradedAt' | 'investigationDueAt' | 'investigatedAt' | 'complaintFinding' | 'complaintResponsibility' | 'complaintRemedy' | 'remediedAt' | 'revisitOutcome' | 'revisitedAt'>>;

async function step(db: Db, ticketId: string, allowed: ComplaintStep[], ctx: ComplaintContext, act: (tx: Db, ticket: Ticket) => Promise<TicketChange>): Promise<Ticket> {
  return inTransaction(db, async (tx) => {
    // Row lock: two staff acting on one complaint at once take turns, so the order check holds.
    await tx.$queryRaw`SELECT id FROM "Ticket" WHERE id = ${ticketId} FOR UPDATE`;
    const ticket = await tx.ticket.findUnique({ where: { id: ticketId } });
    if (!ticket) throw new NotFoundError(`No ticket with id ${ticketId}`);
    if (ticket.category !== 'complaint') throw new ValidationError(`Ticket ${ticket.number} is not a complaint`);
    const at = complaintStep(ticket);
    if (!allowed.includes(at)) throw new ValidationError(`Complaint ${ticket.number} is ${at}; this step needs it ${allowed.join(' or ')}`);
    const change = await act(tx, ticket);
    return tx.ticket.update({ where: { id: ticketId }, data: change });
  });
}

function event(tx: Db, ticketId: string, ctx: ComplaintContext, kind: string, from: string | null, to: string | null, data: Record<string, string | boolean>) {
  return tx.ticketEvent.create({ data: { ticketId, at: ctx.now, actor: ctx.actor, kind, from, to, data } });
}

function required(text: string, field: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw new ValidationError(`${field}: required`);
  return trimmed.slice(0, 4000);
}
