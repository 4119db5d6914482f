import { DateTime } from 'luxon';
import type { Db } from '../db/db.js';
import { inTransaction } from '../db/transaction.js';

/** What replaces free text that may carry personal data (titles, problems, message texts). */
export const ANONYMISED = '[anonymised]';

export type RetentionPlan = {
  /** Tickets closed before this instant are past retention. */
  cutoff: Date;
  years: number;
  tickets: { id: string; number: string; customerId: string }[];
  /** Customers whose every ticket is past retention and who have had no activity since the cutoff. */
  customers: { id: string }[];
};

export type RetentionResult = RetentionPlan & { dryRun: boolean };

/** RETENTION_YEARS when set, else the policy's retention.years; 0 keeps everything forever. */
export function retentionYears(envYears: number | undefined, policyYears: number): number {
  return envYears ?? policyYears;
}

/** The instant `years` calendar years before now in the business time zone. */
export function retentionCutoff(now: Date, years: number, timeZone: string): Date {
  return DateTime.fromJSDate(now, { zone: timeZone }).minus({ years }).toJSDate();
}

/** What a run at `now` would anonymise; null when retention is off (0 years). */
export async function planRetention(db: Db, ctx: { now: Date; years: number; timeZone: string }): Promise<RetentionPlan | null> {
  if (ctx.years <= 0) return null;
  const cutoff = retentionCutoff(ctx.now, ctx.years, ctx.timeZone);
  const tickets = await db.ticket.findMany({
    where: { status: 'closed', closedAt: { lt: cutoff }, anonymisedAt: null },
    select: { id: true, number: true, customerId: true },
    orderBy: { number: 'asc' },
  });
  const candidateIds = [...new Set(tickets.map((t) => t.customerId))];
  const customers =
    candidateIds.length === 0
      ? []
      : await db.customer.findMany({
          where: {
            id: { in: candidateIds },
            anonymisedAt: null,
            // Every ticket of theirs is past retention, and nothing has happened since the cutoff.
            tickets: { every: { status: 'closed', closedAt: { lt: cutoff } } },
            OR: [{ lastContactAt: null }, { lastContactAt: { lt: cutoff } }],
            messages: { none: { createdAt: { gte: cutoff } } },
            conversations: { none: { updatedAt: { gte: cutoff } } },
            calls: { none: { startedAt: { gte: cutoff } } },
          },
          select: { id: true },
          orderBy: { id: 'asc' },
        });
  return { cutoff, years: ctx.years, tickets, customers };
}

/**
 * Anonymises what `planRetention` finds: the names, phone numbers, e-mail addresses, addresses, message texts and
 * subjects, survey suggestions and visit notes of each ticket past retention, and the names and contact points of
 * customers with nothing left in retention. Categories, timestamps, scores, SLA promises and statuses stay for the
 * KPIs. Each ticket and customer is one transaction and one row in the access audit (actor system:retention).
 */
export async function runRetention(
  db: Db,
  ctx: { now: Date; years: number; timeZone: string; dryRun?: boolean },
): Promise<RetentionResult | null> {
  const plan = await planRetention(db, ctx);
  if (!plan) return null;
  const dryRun = ctx.dryRun ?? false;
  if (dryRun) return { ...plan, dryRun };
  for (const ticket of plan.tickets) {
    await inTransaction(db, (tx) => anonymiseTicket(tx, ticket, plan, ctx.now));
  }
  for (const customer of plan.customers) {
    await inTransaction(db, (tx) => anonymiseCustomer(tx, customer.id, plan, ctx.now));
  }
  return { ...plan, dryRun };
}

async function anonymiseTicket(db: Db, ticket: { id: string; number: string; customerId: string }, plan: RetentionPlan, now: Date): Promise<void> {
  const where = { ticketId: ticket.id };
  await db.ticket.update({
    where: { id: ticket.id },
    data: {
      title: ANONYMISED,
      problem: ANONYMISED,
      contactName: null,
      company: null,
      project: null,
      contactPhone: null,
      contactEmail: null,
      serial: null,
      siteAddress: null,
      complaintFinding: null,
      complaintRemedy: null,
      anonymisedAt: now,
    },
  });
  const messages = await db.message.findMany({ where, select: { id: true } });
  await db.attachment.deleteMany({ where: { OR: [where, { messageId: { in: messages.map((m) => m.id) } }] } });
  await db.message.updateMany({ where, data: { text: ANONYMISED, subject: null, attachments: [] } });
  // Json columns are cleared with raw SQL: Prisma needs Prisma.DbNull for a JSON null and the Db union hides it.
  await db.$executeRaw`UPDATE "Message" SET "raw" = NULL, "meta" = NULL, "understanding" = NULL WHERE "ticketId" = ${ticket.id}`;
  await db.outboundMessage.updateMany({ where, data: { to: ANONYMISED, subject: null, text: ANONYMISED, html: null } });
  await db.$executeRaw`UPDATE "OutboundMessage" SET "meta" = NULL WHERE "ticketId" = ${ticket.id}`;
  await db.survey.updateMany({ where, data: { suggestion: null } });
  await db.visit.updateMany({ where, data: { notes: null, workDone: null, signOffName: null, signature: null } });
  await db.callLog.updateMany({ where, data: { from: ANONYMISED, to: null, recordingUrl: null, transcript: null } });
  await db.staffNotification.updateMany({ where, data: { text: ANONYMISED } });
  await db.$executeRaw`UPDATE "StaffTask" SET "title" = "kind", "details" = NULL WHERE "ticketId" = ${ticket.id}`;
  // Reasons and data on the timeline may quote the customer; kinds, times and from/to states stay for the KPIs.
  await db.$executeRaw`UPDATE "TicketEvent" SET "reason" = NULL, "data" = NULL WHERE "ticketId" = ${ticket.id} AND "kind" NOT LIKE 'sla%'`;
  await audit(db, { ticketId: ticket.id, customerId: ticket.customerId, now, detail: { ticketNumber: ticket.number, years: plan.years, cutoff: plan.cutoff.toISOString() } });
}

async function anonymiseCustomer(db: Db, customerId: string, plan: RetentionPlan, now: Date): Promise<void> {
  await db.customer.update({ where: { id: customerId }, data: { name: null, company: null, anonymisedAt: now } });
  const contacts = await db.contactPoint.deleteMany({ where: { customerId } });
  const where = { customerId };
  await db.asset.updateMany({ where, data: { serial: null, siteAddress: null, project: null, contract: null } });
  // Messages and calls outside any ticket (a chat that never became one) go with the customer.
  await db.message.updateMany({ where, data: { text: ANONYMISED, subject: null } });
  await db.$executeRaw`UPDATE "Message" SET "raw" = NULL, "meta" = NULL, "understanding" = NULL WHERE "customerId" = ${customerId}`;
  await db.outboundMessage.updateMany({ where, data: { to: ANONYMISED, subject: null, text: ANONYMISED, html: null } });
  await db.callLog.updateMany({ where, data: { from: ANONYMISED, to: null, recordingUrl: null, transcript: null } });
  await db.survey.updateMany({ where, data: { suggestion: null } });
  await db.followUp.updateMany({ where, data: { notes: null } });
  await db.$executeRaw`UPDATE "StaffTask" SET "title" = "kind", "details" = NULL WHERE "customerId" = ${customerId}`;
  await audit(db, { ticketId: null, customerId, now, detail: { contactPointsRemoved: contacts.count, years: plan.years, cutoff: plan.cutoff.toISOString() } });
}

function audit(db: Db, row: { ticketId: string | null; customerId: string; now: Date; detail: Record<string, string | number> }) {
  return db.accessAudit.create({
    data: { actor: 'system:retention', action: 'retention_anonymise', ticketId: row.ticketId, customerId: row.customerId, detail: row.detail, at: row.now },
  });
}
