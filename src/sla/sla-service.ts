/**
 * The stored side of the service promises: one SlaPromise row per (ticket, kind), deadlines from the pure
 * rules in sla-rules.ts, `sla.check` jobs at each notice and due time, and warnings and breaches raised
 * exactly once per promise (a conditional UPDATE claims each). The stored `warnAt` is the notice time: when a
 * person is actually told (`noticeTime`), always before the deadline.
 *
 * A promise is open while metAt, cancelledAt and pausedAt are all null. It is met only by the act it promises:
 * first_response, email_reply and contact by a staff message to the customer or a logged call (`markResponded`);
 * callback by a logged call or a done callback task; on_site_arrival by the engineer's arrival; on_site_repair by
 * the resolution after arrival; expert_engaged by `markPromiseMet`. Resolving or closing the ticket does not
 * keep a promise: one still open is breached if past its deadline, else "not applicable" with the reason
 * (`notApplicableReason`). A breach stays recorded when met late. A reopened ticket re-arms its promises.
 */
import { DateTime } from 'luxon';
import type { Prisma, SlaPromise, Ticket } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';
import { inTransaction } from '../db/transaction.js';
import { NotFoundError } from '../errors/app-error.js';
import { silentEvents, type EventBus } from '../events/event-bus.js';
import type { JobResult } from '../jobs/job-map.js';
import type { ChannelKind } from '../messages/channel-kind.js';
import { notifyStaff, type PolicyContext, type Recipients } from '../notifications/staff-notification-service.js';
import { onCallRecipients } from '../notifications/on-call.js';
import {
  deadlines,
  slaInputOf,
  nextProgressUpdate,
  onSiteRepairPromise,
  PromiseKind,
  servicePromise,
  shiftForPause,
  siteOptionsOf,
  type ServicePromise,
} from './sla-rules.js';
import type { TimeMeasure } from './policy-schema.js';
import type { Urgency } from '../understanding/understanding-schema.js';

export type { PolicyContext } from '../notifications/staff-notification-service.js';

/** Promises a staff reply to the customer keeps. progress_update is re-armed instead (sla-listener). */
export const RESPONSE_KINDS: readonly PromiseKind[] = ['first_response', 'email_reply', 'contact'];
/** Staff task kinds that are a phone call with the customer once done. */
const CALL_TASKS = ['callback', 'follow_up_call'] as const;

const OPEN = { metAt: null, cancelledAt: null } as const;

/** Computes the ticket's deadlines and stores them (once: unique per ticket and kind), with their check jobs. */
export async function storePromises(db: Db, ticketId: string, ctx: PolicyContext): Promise<SlaPromise[]> {
  return inTransaction(db, async (tx) => {
    const ticket = await tx.ticket.findUnique({ where: { id: ticketId } });
    if (!ticket) throw new NotFoundError(`No ticket with id ${ticketId}`);
    const list = deadlines(ctx.policy, ctx.calendar, slaInputOf(ticket, ticket.createdAt));
    await tx.slaPromise.createMany({
      data: list.map((p) => ({ ticketId, kind: p.kind, dueAt: p.dueAt, warnAt: p.noticeAt, createdAt: p.startsAt })),
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
    const ticket = await tx.ticket.findUnique({ where: { id: ticketId }, select: { urgency: true } });
    const resumed: SlaPromise[] = [];
    for (const row of paused) {
      const shifted = shiftForPause(
        { kind: parseKind(row.kind), measure: measureOf(row.kind, ctx, ticket?.urgency), startsAt: row.createdAt, dueAt: row.dueAt, warnAt: row.warnAt, noticeAt: row.warnAt },
        row.pausedAt!,
        ctx.now,
        ctx.calendar,
        ctx.policy,
      );
      resumed.push(await tx.slaPromise.update({ where: { id: row.id }, data: { dueAt: shifted.dueAt, warnAt: shifted.noticeAt, pausedAt: null } }));
    }
    await enqueueChecks(tx, resumed, ctx);
    return resumed;
  });
}

/** Why a promise still open at resolution did not apply (its deadline had not passed, the act never happened). */
export const NOT_APPLICABLE_REASON: Record<PromiseKind, string> = {
  first_response: 'resolved before the deadline without contacting the customer',
  email_reply: 'resolved before the deadline without replying to the customer',
  callback: 'resolved before the deadline without calling the customer back',
  contact: 'resolved before the deadline without contacting the customer',
  progress_update: 'resolved before the next progress update was due',
  expert_engaged: 'resolved before the deadline without engaging an expert',
  on_site_arrival: 'resolved before the deadline without a visit on site',
  on_site_repair: 'resolved without finishing the repair on site',
};

/**
 * The ticket is resolved or closed. Resolution is not the act any promise is about, so nothing is met here
 * (on_site_repair is met by the listener when a repair is resolved): a promise still open is closed off as
 * cancelled — breached if its deadline has passed (the breach recorded now if no check raised it), else marked
 * "not applicable" with the reason. A paused promise is judged by the time it had left.
 */
export async function settlePromises(db: Db, ticketId: string, ctx: { now: Date }): Promise<void> {
  await inTransaction(db, async (tx) => {
    const open = await tx.slaPromise.findMany({ where: { ticketId, ...OPEN } });
    for (const p of open) {
      const overdue = p.breachedAt !== null || (p.pausedAt === null ? p.dueAt < ctx.now : p.dueAt < p.pausedAt);
      const kind = PromiseKind.safeParse(p.kind);
      await tx.slaPromise.update({
        where: { id: p.id },
        data: overdue
          ? { cancelledAt: ctx.now, pausedAt: null, breachedAt: p.breachedAt ?? ctx.now }
          : { cancelledAt: ctx.now, pausedAt: null, notApplicableReason: kind.success ? NOT_APPLICABLE_REASON[kind.data] : 'resolved before the deadline' },
      });
    }
  });
}

export type RespondContext = { now: Date; actor: string; events?: EventBus; channel?: ChannelKind; /** A logged phone call: also keeps the callback promise. */ call?: boolean };

/**
 * A staff member answered the customer: a message on the customer's channel, or a logged call (`call: true`;
 * the console calls this on every staff reply; the bot's automatic acknowledgement does not count). Keeps the
 * first-response, e-mail and contact promises (a call also the callback), records the ticket's first response
 * time and emits `ticket.responded` (which re-arms the progress-update promise).
 */
export async function markResponded(db: Db, ticketId: string, ctx: RespondContext): Promise<Ticket> {
  const events = ctx.events ?? silentEvents;
  return inTransaction(db, async (tx) => {
    const ticket = await tx.ticket.findUnique({ where: { id: ticketId } });
    if (!ticket) throw new NotFoundError(`No ticket with id ${ticketId}`);
    const updated = ticket.firstRespondedAt ? ticket : await tx.ticket.update({ where: { id: ticketId }, data: { firstRespondedAt: ctx.now } });
    await tx.ticketEvent.create({ data: { ticketId, at: ctx.now, actor: ctx.actor, kind: ctx.call ? 'call_logged' : 'responded', to: ctx.channel ?? ticket.channel } });
    const kinds: PromiseKind[] = ctx.call ? [...RESPONSE_KINDS, 'callback'] : [...RESPONSE_KINDS];
    await tx.slaPromise.updateMany({ where: { ticketId, kind: { in: kinds }, ...OPEN }, data: { metAt: ctx.now, pausedAt: null } });
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
    const ticket = await tx.ticket.findUnique({ where: { id: ticketId } });
    if (!ticket) throw new NotFoundError(`No ticket with id ${ticketId}`);
    const promise = onSiteRepairPromise(ctx.policy, ctx.calendar, arrivedAt, siteOptionsOf(ctx.policy, ticket));
    const row = await armPromise(tx, ticketId, promise, ctx, { reason: 'arrived on site', replaceOpen: false });
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
  const fresh = { dueAt: p.dueAt, warnAt: p.noticeAt, createdAt: p.startsAt };
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
    data: { ...fresh, pausedAt: null, warnedAt: null, metAt: null, breachedAt: null, cancelledAt: null, notApplicableReason: null },
  });
}

/** Why a promise was closed off by triage. */
const NO_LONGER_APPLIES = 'no longer applies after triage';

/**
 * Triage changed what the ticket is (urgency, complexity, whether a visit on site is needed): the promises of
 * the current round are recomputed from its start. Open promises get the new deadlines (a warning already
 * given is given again if the new notice time is still ahead); promises that now apply are added (an
 * on_site_arrival counted from the opening, so a late triage can find it already overdue); open promises that
 * no longer apply are closed off as not applicable. Kept, breached and paused promises, the running
 * progress_update and on_site_repair stay as they are.
 */
export async function retargetPromises(db: Db, ticketId: string, ctx: RearmContext): Promise<SlaPromise[]> {
  return inTransaction(db, async (tx) => {
    const ticket = await tx.ticket.findUnique({ where: { id: ticketId } });
    if (!ticket) throw new NotFoundError(`No ticket with id ${ticketId}`);
    if (ticket.status === 'resolved' || ticket.status === 'closed') return [];
    const rows = await tx.slaPromise.findMany({ where: { ticketId } });
    const start = rows.find((r) => r.kind === 'first_response')?.createdAt ?? ticket.createdAt;
    const wanted = deadlines(ctx.policy, ctx.calendar, slaInputOf(ticket, start));
    const changed: SlaPromise[] = [];
    for (const p of wanted) {
      const row = rows.find((r) => r.kind === p.kind);
      if (!row || (row.cancelledAt && row.notApplicableReason === NO_LONGER_APPLIES)) {
        changed.push(await armPromise(tx, ticketId, p, ctx, { reason: 'triage', replaceOpen: true }));
        continue;
      }
      const open = !row.metAt && !row.cancelledAt && !row.breachedAt && !row.pausedAt;
      if (!open || p.kind === 'progress_update' || p.kind === 'on_site_repair') continue;
      if (row.dueAt.getTime() === p.dueAt.getTime() && row.warnAt.getTime() === p.noticeAt.getTime()) continue;
      const warnAgain = row.warnedAt !== null && p.noticeAt > ctx.now;
      changed.push(await tx.slaPromise.update({ where: { id: row.id }, data: { dueAt: p.dueAt, warnAt: p.noticeAt, ...(warnAgain ? { warnedAt: null } : {}) } }));
    }
    const kinds = new Set<string>(wanted.map((p) => p.kind));
    await tx.slaPromise.updateMany({
      where: { ticketId, ...OPEN, breachedAt: null, kind: { notIn: [...kinds, 'on_site_repair'] } },
      data: { cancelledAt: ctx.now, pausedAt: null, notApplicableReason: NO_LONGER_APPLIES },
    });
    await enqueueChecks(tx, changed, ctx);
    return changed;
  });
}

/**
 * Triage says whether a visit on site is needed (如需現場): the ticket's flag, a `on_site_required` ticket event,
 * and the on_site_arrival promise armed (from the opening) or closed off (`retargetPromises`).
 */
export async function setOnSiteRequired(db: Db, ticketId: string, required: boolean, ctx: RearmContext): Promise<Ticket> {
  return inTransaction(db, async (tx) => {
    const ticket = await tx.ticket.findUnique({ where: { id: ticketId } });
    if (!ticket) throw new NotFoundError(`No ticket with id ${ticketId}`);
    if (ticket.onSiteRequired === required) return ticket;
    const updated = await tx.ticket.update({ where: { id: ticketId }, data: { onSiteRequired: required } });
    await tx.ticketEvent.create({
      data: { ticketId, at: ctx.now, actor: ctx.actor ?? 'system:sla', kind: 'on_site_required', from: String(ticket.onSiteRequired), to: String(required) },
    });
    await retargetPromises(tx, ticketId, ctx);
    return updated;
  });
}

/** A staff reply counts as progress: the next update is due `progressUpdate` from now, warned and escalated afresh. */
export async function rearmProgressUpdate(db: Db, ticketId: string, ctx: PolicyContext): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await tx.slaPromise.findFirst({ where: { ticketId, kind: 'progress_update', cancelledAt: null } });
    if (!row) return;
    const ticket = await tx.ticket.findUnique({ where: { id: ticketId }, select: { status: true, urgency: true } });
    if (!ticket || ticket.status === 'resolved' || ticket.status === 'closed') return;
    const next = nextProgressUpdate(ctx.policy, ctx.calendar, ctx.now, { urgency: ticket.urgency });
    const updated = await tx.slaPromise.update({
      where: { id: row.id },
      data: { dueAt: next.dueAt, warnAt: next.noticeAt, warnedAt: null, breachedAt: null, metAt: null, pausedAt: ticket.status === 'waiting_customer' ? ctx.now : null },
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
      ? { ticketId: ticket.id, kind, urgency: ticket.urgency, to: await warningRecipients(tx, ticket.id, ctx), deliverAfter: ctx.now, dedupeKey: `sla_warning:${p.id}:${p.dueAt.getTime()}`, text: `${ticket.number}: ${what} due ${due} (${ctx.calendar.timeZone}) — ${ticket.title}` }
      : { ticketId: ticket.id, kind, urgency: ticket.urgency, to: { role: 'supervisor' }, dedupeKey: `sla_breach:${p.id}:${p.dueAt.getTime()}`, text: `${ticket.number}: ${what} missed (was due ${due} ${ctx.calendar.timeZone}) — ${ticket.title}` },
    ctx,
  );
}

/**
 * A warning is raised at its notice time and delivered at once, to someone who can act then: the assignee (or
 * the agents on duty) in working hours, the on-call people in on-call hours, else — nobody being reachable
 * before the deadline — the supervisors, who are also e-mailed.
 */
async function warningRecipients(tx: Prisma.TransactionClient, ticketId: string, ctx: PolicyContext): Promise<Recipients> {
  if (ctx.calendar.isWithinBusinessHours(ctx.now)) return { assigneeOf: ticketId };
  return (await onCallRecipients(tx, ctx.policy, ctx.calendar, ctx.now)) ?? { role: 'supervisor' };
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
    // A done call task is a logged call: it keeps the callback and, being contact, the response promises; one
    // whose call did not reach the customer (outcome not_reached, console call log) is no contact.
    const call = (
      await tx.staffTask.findFirst({
        where: { ticketId: ticket.id, kind: { in: [...CALL_TASKS] }, status: 'done', doneAt: { gte: p.createdAt }, OR: [{ outcome: null }, { outcome: { not: 'not_reached' } }] },
        orderBy: { doneAt: 'asc' },
      })
    )?.doneAt;
    const message =
      p.kind === 'callback'
        ? undefined
        : (await tx.outboundMessage.findFirst({ where: { ticketId: ticket.id, purpose: 'staff_reply', createdAt: { gte: p.createdAt } }, orderBy: { createdAt: 'asc' } }))?.createdAt;
    const at = [call, message].filter((d): d is Date => d instanceof Date).sort((a, b) => a.getTime() - b.getTime())[0];
    if (at) await tx.slaPromise.update({ where: { id: p.id }, data: { metAt: at, pausedAt: null } });
  }
}

function parseKind(kind: string): PromiseKind {
  return PromiseKind.parse(kind);
}

function measureOf(kind: string, ctx: PolicyContext, urgency?: Urgency): TimeMeasure {
  const parsed = PromiseKind.safeParse(kind);
  return parsed.success ? servicePromise(ctx.policy, ctx.calendar, parsed.data, ctx.now, { urgency }).measure : 'clock';
}
