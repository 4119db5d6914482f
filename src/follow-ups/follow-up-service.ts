import { DateTime } from 'luxon';
import type { FollowUp, Prisma } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';
import { inTransaction } from '../db/transaction.js';
import { NotFoundError } from '../errors/app-error.js';
import { silentEvents, type EventBus } from '../events/event-bus.js';
import type { ChannelKind } from '../messages/channel-kind.js';
import type { PolicyContext } from '../notifications/staff-notification-service.js';
import { installationFirstCallBy, nextQuarterlyContactDue, repairCheckInAt } from '../sla/follow-up-rules.js';
import type { FollowUpKind } from './follow-up-messages.js';

/**
 * Follow-ups are FollowUp rows (one per trigger, by `dedupeKey`) sent by the `follow_up.send` job
 * (follow-up-sender.ts): the follow-up dialog on the customer's channel, or a call task for staff (voice,
 * project customers, installations, or no address to write to). Status: scheduled → sent (→ done once the
 * customer answers), or cancelled when no longer applicable (also a sent one still unanswered when the customer
 * opts out of its channel).
 */

export type DomainContext = { now: Date; actor?: string; events?: EventBus };

/** A repaired unit went back to the customer: stamps the asset, logs it on the ticket, emits `unit.returned`. */
export async function recordUnitReturned(db: Db, ticketId: string, ctx: DomainContext): Promise<void> {
  const events = ctx.events ?? silentEvents;
  await inTransaction(db, async (tx) => {
    const ticket = await tx.ticket.findUnique({ where: { id: ticketId } });
    if (!ticket) throw new NotFoundError(`No ticket with id ${ticketId}`);
    if (ticket.assetId) await tx.asset.update({ where: { id: ticket.assetId }, data: { returnedAt: ctx.now } });
    await tx.ticketEvent.create({ data: { ticketId, at: ctx.now, actor: ctx.actor ?? 'system', kind: 'unit_returned', data: { assetId: ticket.assetId } } });
    await events.emit(tx, 'unit.returned', { ticketId, assetId: ticket.assetId }, ctx.now);
  });
}

/** A new installation: stamps the asset and emits `asset.installed` (the first call is due within a month). */
export async function recordInstallation(db: Db, assetId: string, installedAt: Date, ctx: DomainContext): Promise<void> {
  const events = ctx.events ?? silentEvents;
  await inTransaction(db, async (tx) => {
    const asset = await tx.asset.findUnique({ where: { id: assetId } });
    if (!asset) throw new NotFoundError(`No asset with id ${assetId}`);
    await tx.asset.update({ where: { id: assetId }, data: { installedAt } });
    await events.emit(tx, 'asset.installed', { assetId, customerId: asset.customerId }, installedAt);
  });
}

type NewFollowUp = { customerId: string; ticketId?: string | null; assetId?: string | null; kind: FollowUpKind; dueAt: Date; channel: ChannelKind; dedupeKey: string };

/** Stores the follow-up once per dedupeKey and enqueues its job at `sendAfter`; a second call returns the first row. */
async function createFollowUp(db: Db, data: NewFollowUp, sendAfter: Date, ctx: PolicyContext): Promise<FollowUp> {
  return inTransaction(db, async (tx) => {
    const { count } = await tx.followUp.createMany({ data: [{ ...data, createdAt: ctx.now }], skipDuplicates: true });
    const row = await tx.followUp.findUniqueOrThrow({ where: { dedupeKey: data.dedupeKey } });
    if (count > 0) await ctx.jobs.send('follow_up.send', { followUpId: row.id }, { tx, startAfter: sendAfter, singletonKey: `follow_up:${row.id}` });
    return row;
  });
}

/** Check-in `repairCheckIn.afterDays` after the unit came back, on the ticket's channel. */
export async function scheduleRepairCheckIn(db: Db, ticketId: string, returnedAt: Date, ctx: PolicyContext): Promise<FollowUp> {
  const ticket = await db.ticket.findUnique({ where: { id: ticketId } });
  if (!ticket) throw new NotFoundError(`No ticket with id ${ticketId}`);
  const dueAt = repairCheckInAt(ctx.policy, ctx.calendar, returnedAt);
  return createFollowUp(
    db,
    { customerId: ticket.customerId, ticketId, assetId: ticket.assetId, kind: 'repair_checkin', dueAt, channel: ticket.channel, dedupeKey: `repair_checkin:${ticketId}` },
    dueAt,
    ctx,
  );
}

/** First call after an installation: a staff call task created now, due within `installationFirstCall.withinMonths`. */
export async function scheduleInstallationCall(db: Db, assetId: string, installedAt: Date, ctx: PolicyContext): Promise<FollowUp> {
  const asset = await db.asset.findUnique({ where: { id: assetId } });
  if (!asset) throw new NotFoundError(`No asset with id ${assetId}`);
  const dueAt = installationFirstCallBy(ctx.policy, ctx.calendar, installedAt);
  return createFollowUp(
    db,
    { customerId: asset.customerId, assetId, kind: 'installation_call', dueAt, channel: 'voice', dedupeKey: `installation_call:${assetId}` },
    ctx.now,
    ctx,
  );
}

/**
 * The daily sweep: every customer not contacted for `regularContact.everyMonths` (project customers: also
 * never past `projectCustomerContact.maxGapMonths`) gets one quarterly_contact follow-up per gap, sent as a
 * phone call (follow-up-sender.ts). The gap runs from the last contact or the last quarterly attempt, whichever
 * is later (keyed by its date): a customer the call did not reach is tried again a quarter after the attempt,
 * and customers attempted within the gap are not read again, so `limit` a day works through every customer
 * instead of re-reading the same unreached ones. Returns how many were created.
 */
export async function sweepQuarterlyContacts(db: Db, ctx: PolicyContext, limit = 500): Promise<number> {
  const { regularContact, projectCustomerContact } = ctx.policy.followUps;
  const local = DateTime.fromJSDate(ctx.now, { zone: ctx.calendar.timeZone });
  const cutoff = (months: number) => local.minus({ months }).toJSDate();
  const overdue = (at: Date): Prisma.CustomerWhereInput => ({
    OR: [{ lastContactAt: { lte: at } }, { lastContactAt: null, createdAt: { lte: at } }],
    followUps: { none: { kind: 'quarterly_contact', status: { not: 'cancelled' }, createdAt: { gt: at } } },
  });
  const lastAttempt = { where: { kind: 'quarterly_contact', status: { not: 'cancelled' } }, orderBy: { createdAt: 'desc' }, take: 1, select: { createdAt: true } } as const;
  const customers = await db.customer.findMany({
    where: {
      mergedIntoId: null,
      OR: [
        { isProjectCustomer: false, ...overdue(cutoff(regularContact.everyMonths)) },
        { isProjectCustomer: true, ...overdue(cutoff(Math.min(regularContact.everyMonths, projectCustomerContact.maxGapMonths))) },
      ],
    },
    include: { followUps: lastAttempt },
    take: limit,
    orderBy: { createdAt: 'asc' },
  });
  let created = 0;
  for (const c of customers) {
    const contacted = c.lastContactAt ?? c.createdAt;
    const attempted = c.followUps[0]?.createdAt;
    const last = attempted && attempted > contacted ? attempted : contacted;
    const dueAt = nextQuarterlyContactDue(ctx.policy, ctx.calendar, last, c.isProjectCustomer);
    if (dueAt > ctx.now) continue;
    const dedupeKey = `quarterly_contact:${c.id}:${ctx.calendar.localDate(last)}`;
    const before = await db.followUp.count({ where: { dedupeKey } });
    // The policy's quarterly contact is a phone call (電話回訪), whatever the channel: an automated IVR call
    // for a customer who talks to us by phone when Twilio can place it, a call task for staff otherwise.
    await createFollowUp(db, { customerId: c.id, kind: 'quarterly_contact', dueAt, channel: 'voice', dedupeKey }, ctx.now, ctx);
    if (before === 0) created += 1;
  }
  return created;
}

/**
 * Closes the follow-ups sent on `channel` that still wait for the customer's answer (a customer who opted out
 * of it): cancelled with `reason`, so a later "no" is not read as "it is not working". Returns how many.
 */
export async function closeOpenFollowUps(db: Db, scope: { customerId: string; channel: ChannelKind }, reason: string): Promise<number> {
  const { count } = await db.followUp.updateMany({
    where: { customerId: scope.customerId, channel: scope.channel, status: 'sent', outcome: null },
    data: { status: 'cancelled', notes: reason },
  });
  return count;
}

/** Cancels follow-ups not sent yet, for a ticket or a customer (optionally one kind or one channel). */
export async function cancelScheduledFollowUps(
  db: Db,
  scope: { ticketId: string; kind?: FollowUpKind } | { customerId: string; kind?: FollowUpKind; channel?: ChannelKind },
  reason: string,
): Promise<number> {
  const where: Prisma.FollowUpWhereInput =
    'ticketId' in scope
      ? { ticketId: scope.ticketId, ...(scope.kind ? { kind: scope.kind } : {}) }
      : { customerId: scope.customerId, ...(scope.kind ? { kind: scope.kind } : {}), ...(scope.channel ? { channel: scope.channel } : {}) };
  const { count } = await db.followUp.updateMany({ where: { ...where, status: 'scheduled' }, data: { status: 'cancelled', notes: reason } });
  return count;
}
