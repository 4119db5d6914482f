/**
 * The stored side of the service promises: one SlaPromise row per (ticket, kind), deadlines from the pure
 * rules in sla-rules.ts, `sla.check` jobs at each warning and due time, and warnings and breaches raised
 * exactly once per promise (a conditional UPDATE claims each).
 *
 * A promise is open while metAt, cancelledAt and pausedAt are all null. Met: by a staff reply
 * (first_response, email_reply, contact: `markResponded`), a done callback task (callback), `markPromiseMet`
 * for the rest, or the ticket's resolution before the deadline. A breach stays recorded when met late.
 * A reopened ticket re-arms its promises (`rearmPromises`); arriving on site starts on_site_repair.
 */
import { DateTime } from 'luxon';
import type { Prisma, SlaPromise, Ticket } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';
import { inTransaction } from '../db/transaction.js';
import { NotFoundError } from '../errors/app-error.js';
import { silentEvents, type EventBus } from '../events/event-bus.js';
import type { JobResult } from '../jobs/job-map.js';
import type { ChannelKind } from '../messages/channel-kind.js';
import { notifyStaff, type PolicyContext } from '../notifications/staff-notification-service.js';
import { deadlines, slaInputOf, nextProgressUpdate, onSiteRepairPromise, PromiseKind, servicePromise, shiftForPause, type ServicePromise } from './sla-rules.js';
import type { TimeMeasure } from './policy-schema.js';

export type { PolicyContext } from '../notifications/staff-notification-service.js';

/** Promises a staff reply to the customer keeps. progress_update is re-armed instead (sla-listener). */
export const RESPONSE_KINDS: readonly PromiseKind[] = ['first_response', 'email_reply', 'contact'];

const OPEN = { metAt: null, cancelledAt: null } as const;

/** Computes the ticket's deadlines and stores them (once: unique per ticket and kind), with their check jobs. */
export async function storePromises(db: Db, ticketId: string, ctx: PolicyContext): Promise<SlaPromise[]> {
  return inTransaction(db, async (tx) => {
    const ticket = await tx.ticket.findUnique({ where: { id: ticketId } });
    if (!ticket) throw new NotFoundError(`No ticket with id ${ticketId}`);
    const list = deadlines(ctx.policy, ctx.calendar, slaInputOf(ticket, ticket.createdAt));
    await tx.slaPromise.createMany({
      data: list.map((p) => ({ ticketId, kind: p.kind, dueAt: p.dueAt, warnAt: p.warnAt, createdAt: p.startsAt })),
      skipDuplicates: true,
    });
    const stored = await tx.slaPromise.findMany({ where: { ticketId }, orderBy: { dueAt: 'asc' } });
    await enqueueChecks(tx, stored, ctx);
    return stored;
  });
}

/** One `sla.check` at each warning and due time; a stale one (the deadline moved) finds nothing to do. */
async function enqueueChecks(tx: Prisma.TransactionClient, promises: readonly SlaPromise[], ctx: PolicyContext): Promise<void> {
  for (const p of promises) {
    if (p.metAt || p.cancelledAt || p.pausedAt) continue;
    for (const [stage, at] of [['warn', p.warnAt], ['due', p.dueAt]] as const) {
      if (stage === 'warn' && p.warnedAt) continue;
      if (stage === 'due' && p.breachedAt) continue;
      await ctx.jobs.send('sla.check', { ticketId: p.ticketId }, { tx, startAfter: at, singletonKey: `sla:${p.ticketId}:${p.kind}:${stage}:${at.getTime()}` });
    }
  }
}

/** Waiting on the customer: the open promises stop running. */
export async function pausePromises(db: Db, ticketId: string, ctx: { now: Date }): Promise<number> {
  const { count } = await db.slaPromise.updateMany({ where: { ticketId, ...OPEN, pausedAt: null }, data: { pausedAt: ctx.now } });
  return count;
}

/** The customer answered: each paused promise gets back the time it had left (`shiftForPause`). */
export async function resumePromises(db: Db, ticketId: string, ctx: PolicyContext): Promise<SlaPromise[]> {
  return inTransaction(db, async (tx) => {
    const paused = await tx.slaPromise.findMany({ where: { ticketId, ...OPEN, pausedAt: { not: null } } });
    const resumed: SlaPromise[] = [];
    for (const row of paused) {
      const shifted = shiftForPause(
        { kind: parseKind(row.kind), measure: measureOf(row.kind, ctx), startsAt: row.createdAt, dueAt: row.dueAt, warnAt: row.warnAt },
        row.pausedAt!,
        ctx.now,
        ctx.calendar,
      );
      resumed.push(await tx.slaPromise.update({ where: { id: row.id }, data: { dueAt: shifted.dueAt, warnAt: shifted.warnAt, pausedAt: null } }));
    }
    await enqueueChecks(tx, resumed, ctx);
    return resumed;
  });
}

/**
 * The ticket is resolved or closed: promises still within their deadline are met by the resolution;
 * those past it (breached) are closed off as cancelled so nothing checks them again.
 */
export async function settlePromises(db: Db, ticketId: string, ctx: { now: Date }): Promise<void> {
  await inTransaction(db, async (tx) => {
    await tx.slaPromise.updateMany({
      where: { ticketId, ...OPEN, breachedAt: null, OR: [{ dueAt: { gte: ctx.now } }, { pausedAt: { not: null } }] },
      data: { metAt: ctx.now, pausedAt: null },
    });
    await tx.slaPromise.updateMany({ where: { ticketId, ...OPEN }, data: { cancelledAt: ctx.now, pausedAt: null } });
  });
}

export type RespondContext = { now: Date; actor: string; events?: EventBus; channel?: ChannelKind };

/**
 * A staff member answered the customer (the console calls this on every staff reply; the bot's automatic
 * acknowledgement does not count). Keeps the first-response, e-mail and contact promises, records the
 * ticket's first response time and emits `ticket.responded` (which re-arms the progress-update promise).
 */
export async function markResponded(db: Db, ticketId: string, ctx: RespondContext): Promise<Ticket> {
  const events = ctx.events ?? silentEvents;
  return inTransaction(db, async (tx) => {
    const ticket = await tx.ticket.findUnique({ where: { id: ticketId } });
    if (!ticket) throw new NotFoundError(`No ticket with id ${ticketId}`);
    const updated = ticket.firstRespondedAt ? ticket : await tx.ticket.update({ where: { id: ticketId }, data: { firstRespondedAt: ctx.now } });
    await tx.ticketEvent.create({ data: { ticketId, at: ctx.now, actor: ctx.actor, kind: 'responded', to: ctx.channel ?? ticket.channel } });
    await tx.slaPromise.updateMany({ where: { ticketId, kind: { in: [...RESPONSE_KINDS] }, ...OPEN }, data: { metAt: ctx.now, pausedAt: null } });
    await events.emit(tx, 'ticket.responded', { ticketId, channel: ctx.channel ?? ticket.channel, actor: ctx.actor }, ctx.now);
    return updated;
  });
}

/** Keeps one promise (callback done, expert engaged, technician on site, repair finished). False when it was not open. */
export async function markPromiseMet(db: Db, ticketId: string, kind: PromiseKind, ctx: { now: Date; actor: string }): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const { count } = await tx.slaPromise.updateMany({ where: { ticketId, kind, ...OPEN }, data: { metAt: ctx.now, pausedAt: null } });
    if (count > 0) await tx.ticketEvent.create({ data: { ticketId, at: ctx.now, actor: ctx.actor, kind: 'sla_met', to: kind } });
    return count > 0;
  });
}

export type RearmContext = PolicyContext & { actor?: string };

/**
 * The ticket was reopened: every promise the rules make for it, counted from the reopen time, runs again.
 * Existing rows (unique per ticket and kind) get the new deadlines and lose their met/warned/breached/
 * cancelled marks; the old values go into an `sla_rearmed` ticket event so the first round's outcome stays
 * in the history. Kinds that no longer apply (on_site_repair) are left as they were.
 */
export async function rearmPromises(db: Db, ticketId: string, ctx: RearmContext): Promise<SlaPromise[]> {
  return inTransaction(db, async (tx) => {
    const ticket = await tx.ticket.findUnique({ where: { id: ticketId } });
    if (!ticket) throw new NotFoundError(`No ticket with id ${ticketId}`);
    const list = deadlines(ctx.policy, ctx.calendar, slaInputOf(ticket, ctx.now));
    const armed: SlaPromise[] = [];
    for (const p of list) armed.push(await armPromise(tx, ticketId, p, ctx, { reason: 'ticket reopened', replaceOpen: true }));
    await enqueueChecks(tx, armed, ctx);
    return armed;
  });
}

/**
 * The technician arrived on site: the repair is due within `onSiteRepair.workingDays` of arrival. A repair
 * promise still running (a second visit for the same repair) keeps its deadline; a settled one (the ticket
 * was reopened since) is re-armed from this arrival.
 */
export async function startOnSiteRepair(db: Db, ticketId: string, arrivedAt: Date, ctx: RearmContext): Promise<SlaPromise> {
  return inTransaction(db, async (tx) => {
    const row = await armPromise(tx, ticketId, onSiteRepairPromise(ctx.policy, ctx.calendar, arrivedAt), ctx, { reason: 'arrived on site', replaceOpen: false });
    await enqueueChecks(tx, [row], ctx);
    return row;
  });
}

/** Stores one promise: a new row, or the existing row of its kind re-armed (old values kept in `sla_rearmed`). */
async function armPromise(
  tx: Prisma.TransactionClient,
  ticketId: string,
  p: ServicePromise,
  ctx: RearmContext,
  options: { reason: string; replaceOpen: boolean },
): Promise<SlaPromise> {
  const fresh = { dueAt: p.dueAt, warnAt: p.warnAt, createdAt: p.startsAt };
  const existing = await tx.slaPromise.findUnique({ where: { ticketId_kind: { ticketId, kind: p.kind } } });
  if (!existing) {
    await tx.slaPromise.createMany({ data: [{ ticketId, kind: p.kind, ...fresh }], skipDuplicates: true });
    return tx.slaPromise.findUniqueOrThrow({ where: { ticketId_kind: { ticketId, kind: p.kind } } });
  }
  if (!options.replaceOpen && !existing.metAt && !existing.cancelledAt) return existing;
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  await tx.ticketEvent.create({
    data: {
      ticketId,
      at: ctx.now,
      actor: ctx.actor ?? 'system:sla',
      kind: 'sla_rearmed',
      to: p.kind,
      reason: options.reason,
      data: {
        promiseId: existing.id,
        previous: {
          startedAt: iso(existing.createdAt),
          dueAt: iso(existing.dueAt),
          warnAt: iso(existing.warnAt),
          pausedAt: iso(existing.pausedAt),
          warnedAt: iso(existing.warnedAt),
          metAt: iso(existing.metAt),
          breachedAt: iso(existing.breachedAt),
          cancelledAt: iso(existing.cancelledAt),
        },
        dueAt: iso(p.dueAt),
        warnAt: iso(p.warnAt),
      },
    },
  });
  return tx.slaPromise.update({
    where: { id: existing.id },
    data: { ...fresh, pausedAt: null, warnedAt: null, metAt: null, breachedAt: null, cancelledAt: null },
  });
}

/** A staff reply counts as progress: the next update is due `progressUpdate` from now, warned and escalated afresh. */
export async function rearmProgressUpdate(db: Db, ticketId: string, ctx: PolicyContext): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await tx.slaPromise.findFirst({ where: { ticketId, kind: 'progress_update', cancelledAt: null } });
    if (!row) return;
    const ticket = await tx.ticket.findUnique({ where: { id: ticketId }, select: { status: true } });
    if (!ticket || ticket.status === 'resolved' || ticket.status === 'closed') return;
    const next = nextProgressUpdate(ctx.policy, ctx.calendar, ctx.now);
    const updated = await tx.slaPromise.update({
      where: { id: row.id },
      data: { dueAt: next.dueAt, warnAt: next.warnAt, warnedAt: null, breachedAt: null, metAt: null, pausedAt: ticket.status === 'waiting_customer' ? ctx.now : null },
    });
    await enqueueChecks(tx, [updated], ctx);
  });
}

/**
 * Compares one ticket's open promises with `now`: a warning at warnAt to the assignee (or the on-duty
 * agents), a breach at dueAt to the supervisors; each a TicketEvent plus a staff notification, raised once
 * per promise even when checks run twice or concurrently. Staff replies the console recorded only as
 * outbound `staff_reply` rows, and done callback tasks, are counted first.
 */
export async function checkTicketPromises(db: Db, ticketId: string, ctx: PolicyContext): Promise<JobResult> {
  return inTransaction(db, async (tx) => {
    const ticket = await tx.ticket.findUnique({ where: { id: ticketId } });
    if (!ticket) return 'skipped';
    await countRecordedResponses(tx, ticket);
    const open = await tx.slaPromise.findMany({ where: { ticketId, ...OPEN, pausedAt: null }, orderBy: { dueAt: 'asc' } });
    let raised = 0;
    for (const p of open) {
      if (!p.breachedAt && p.dueAt <= ctx.now) {
        const claim = await tx.slaPromise.updateMany({ where: { id: p.id, breachedAt: null }, data: { breachedAt: ctx.now } });
        if (claim.count === 0) continue;
        // A breach found late needs no separate warning.
        await tx.slaPromise.updateMany({ where: { id: p.id, warnedAt: null }, data: { warnedAt: ctx.now } });
        await raise(tx, ticket, p, 'sla_breach', ctx);
        raised += 1;
      } else if (!p.warnedAt && !p.breachedAt && p.warnAt <= ctx.now) {
        const claim = await tx.slaPromise.updateMany({ where: { id: p.id, warnedAt: null }, data: { warnedAt: ctx.now } });
        if (claim.count === 0) continue;
        await raise(tx, ticket, p, 'sla_warning', ctx);
        raised += 1;
      }
    }
    return raised > 0 ? 'done' : 'skipped';
  });
}

/** The `sla.sweep` safety net: checks every ticket with a warning or breach due and not raised. */
export async function sweepDuePromises(db: Db, ctx: PolicyContext, limit = 500): Promise<number> {
  const due = await db.slaPromise.findMany({
    where: {
      ...OPEN,
      pausedAt: null,
      OR: [
        { warnedAt: null, breachedAt: null, warnAt: { lte: ctx.now } },
        { breachedAt: null, dueAt: { lte: ctx.now } },
      ],
    },
    select: { ticketId: true },
    distinct: ['ticketId'],
    take: limit,
  });
  let raised = 0;
  for (const { ticketId } of due) if ((await checkTicketPromises(db, ticketId, ctx)) === 'done') raised += 1;
  return raised;
}

async function raise(tx: Prisma.TransactionClient, ticket: Ticket, p: SlaPromise, kind: 'sla_warning' | 'sla_breach', ctx: PolicyContext): Promise<void> {
  const due = DateTime.fromJSDate(p.dueAt, { zone: ctx.calendar.timeZone }).toFormat('yyyy-LL-dd HH:mm');
  await tx.ticketEvent.create({
    data: { ticketId: ticket.id, at: ctx.now, actor: 'system:sla', kind, to: p.kind, data: { promiseId: p.id, dueAt: p.dueAt.toISOString() } },
  });
  const what = p.kind.replace(/_/g, ' ');
  await notifyStaff(
    tx,
    kind === 'sla_warning'
      ? { ticketId: ticket.id, kind, urgency: ticket.urgency, to: { assigneeOf: ticket.id }, dedupeKey: `sla_warning:${p.id}:${p.dueAt.getTime()}`, text: `${ticket.number}: ${what} due ${due} (${ctx.calendar.timeZone}) — ${ticket.title}` }
      : { ticketId: ticket.id, kind, urgency: ticket.urgency, to: { role: 'supervisor' }, dedupeKey: `sla_breach:${p.id}:${p.dueAt.getTime()}`, text: `${ticket.number}: ${what} missed (was due ${due} ${ctx.calendar.timeZone}) — ${ticket.title}` },
    ctx,
  );
}

/**
 * Staff replies stored only as outbound rows, and done callback tasks, keep their promises at the time they
 * happened; only what happened after the promise started counts (a reply before a reopen is not an answer to it).
 */
async function countRecordedResponses(tx: Prisma.TransactionClient, ticket: Ticket): Promise<void> {
  const firstReply = await tx.outboundMessage.findFirst({ where: { ticketId: ticket.id, purpose: 'staff_reply' }, orderBy: { createdAt: 'asc' } });
  if (firstReply && !ticket.firstRespondedAt) await tx.ticket.update({ where: { id: ticket.id }, data: { firstRespondedAt: firstReply.createdAt } });
  const open = await tx.slaPromise.findMany({ where: { ticketId: ticket.id, kind: { in: [...RESPONSE_KINDS, 'callback'] }, ...OPEN } });
  for (const p of open) {
    const at =
      p.kind === 'callback'
        ? (await tx.staffTask.findFirst({ where: { ticketId: ticket.id, kind: 'callback', status: 'done', doneAt: { gte: p.createdAt } }, orderBy: { doneAt: 'asc' } }))?.doneAt
        : (await tx.outboundMessage.findFirst({ where: { ticketId: ticket.id, purpose: 'staff_reply', createdAt: { gte: p.createdAt } }, orderBy: { createdAt: 'asc' } }))?.createdAt;
    if (at) await tx.slaPromise.update({ where: { id: p.id }, data: { metAt: at, pausedAt: null } });
  }
}

function parseKind(kind: string): PromiseKind {
  return PromiseKind.parse(kind);
}

function measureOf(kind: string, ctx: PolicyContext): TimeMeasure {
  const parsed = PromiseKind.safeParse(kind);
  return parsed.success ? servicePromise(ctx.policy, ctx.calendar, parsed.data, ctx.now).measure : 'clock';
}
