import { z } from 'zod';
import type { Prisma, Staff } from '../generated/prisma/client.js';
import { TicketCategory, Urgency } from '../generated/prisma/enums.js';
import type { Db } from '../db/db.js';
import { ChannelKind } from '../messages/channel-kind.js';
import { actorNames } from './staff-service.js';

const OPEN_STATUSES = ['new', 'triaged', 'assigned', 'scheduled', 'in_progress', 'waiting_customer', 'reopened'] as const;
const list = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)));

export const QueueQuery = z.object({
  mine: z.enum(['1', 'true']).optional(),
  /** Assigned to someone in the caller's region (their team). */
  team: z.enum(['1', 'true']).optional(),
  /** Ticket statuses, and `waiting_staff` / `staff` for conversations without an open ticket. */
  state: list([...OPEN_STATUSES, 'waiting_staff', 'staff']).optional(),
  category: list(Object.values(TicketCategory) as [TicketCategory, ...TicketCategory[]]).optional(),
  urgency: list(Object.values(Urgency) as [Urgency, ...Urgency[]]).optional(),
  channel: list(ChannelKind.options as [ChannelKind, ...ChannelKind[]]).optional(),
  /** overdue: a promise past due; or due within this many hours. */
  sla: z.union([z.literal('overdue'), z.coerce.number().positive().max(24 * 14)]).optional(),
  page: z.coerce.number().int().min(1).default(1),
  size: z.coerce.number().int().min(1).max(200).default(50),
});
export type QueueQuery = z.infer<typeof QueueQuery>;

/** How far back the queue looks; older open work still shows through the ticket list. */
const MAX_ROWS = 2000;

/**
 * The agent's day: open tickets and conversations waiting for a person, in one list, the most urgent
 * promise first (overdue on top), then the longest waiting. A conversation about an open ticket is shown
 * on the ticket's row. `state` is never empty: a conversation without a ticket shows its own state.
 */
export async function agentQueue(db: Db, staff: Staff, q: QueueQuery, now: Date) {
  const team = q.team && staff.region ? await db.staff.findMany({ where: { region: staff.region }, select: { id: true } }) : null;
  const assignee = q.mine ? { in: [staff.id] } : team ? { in: team.map((s) => s.id) } : undefined;
  const ticketStates = q.state?.filter((s): s is (typeof OPEN_STATUSES)[number] => (OPEN_STATUSES as readonly string[]).includes(s));
  const conversationStates = q.state?.filter((s): s is 'waiting_staff' | 'staff' => s === 'waiting_staff' || s === 'staff');

  const ticketWhere: Prisma.TicketWhereInput = {
    status: { in: ticketStates?.length ? ticketStates : q.state?.length ? [] : [...OPEN_STATUSES] },
    ...(q.category ? { category: { in: q.category } } : {}),
    ...(q.urgency ? { urgency: { in: q.urgency } } : {}),
    ...(q.channel ? { channel: { in: q.channel } } : {}),
    ...(assignee ? { assigneeId: assignee } : {}),
  };
  const tickets = await db.ticket.findMany({
    where: ticketWhere,
    take: MAX_ROWS,
    orderBy: [{ createdAt: 'asc' }],
    include: {
      customer: { select: { id: true, name: true, company: true } },
      promises: { where: { metAt: null, cancelledAt: null, pausedAt: null }, orderBy: [{ dueAt: 'asc' }] },
      conversations: { where: { state: { in: ['waiting_staff', 'staff'] } }, select: { id: true, channel: true, state: true, updatedAt: true } },
    },
  });
  const withTicket = new Set(tickets.flatMap((t) => t.conversations.map((c) => c.id)));
  const wantConversations = !q.state?.length || (conversationStates?.length ?? 0) > 0;
  const conversations = wantConversations && !q.category && !q.urgency
    ? await db.conversation.findMany({
        where: {
          state: { in: conversationStates?.length ? conversationStates : ['waiting_staff', 'staff'] },
          ...(q.channel ? { channel: { in: q.channel } } : {}),
          ...(assignee ? { assignedStaffId: assignee } : {}),
        },
        take: MAX_ROWS,
        orderBy: [{ updatedAt: 'asc' }],
        select: { id: true, channel: true, state: true, handoffReason: true, assignedStaffId: true, lastInboundAt: true, updatedAt: true, customer: { select: { id: true, name: true, company: true } } },
      })
    : [];

  const names = await actorNames(db, [...tickets.map((t) => (t.assigneeId ? `staff:${t.assigneeId}` : null)), ...conversations.map((c) => (c.assignedStaffId ? `staff:${c.assignedStaffId}` : null))]);
  const nameOf = (id: string | null) => (id ? { id, name: names.get(`staff:${id}`) ?? null } : null);

  const items = [
    ...tickets.map((t) => {
      const next = t.promises[0] ?? null;
      return {
        kind: 'ticket' as const,
        id: t.id,
        ticketId: t.id,
        conversationId: t.conversations[0]?.id ?? null,
        number: t.number,
        title: t.title,
        customer: t.customer,
        customerId: t.customerId,
        state: t.status as string,
        waitingForStaff: t.conversations.some((c) => c.state === 'waiting_staff'),
        category: t.category,
        urgency: t.urgency,
        channel: t.channel,
        assignee: nameOf(t.assigneeId),
        nextPromise: next ? { kind: next.kind, dueAt: next.dueAt, warnAt: next.warnAt, overdue: next.dueAt <= now || !!next.breachedAt } : null,
        overdue: t.promises.some((p) => p.dueAt <= now || !!p.breachedAt),
        since: t.createdAt,
      };
    }),
    ...conversations
      .filter((c) => !withTicket.has(c.id))
      .map((c) => ({
        kind: 'conversation' as const,
        id: c.id,
        ticketId: null,
        conversationId: c.id,
        number: null,
        title: c.handoffReason ?? null,
        customer: c.customer,
        customerId: c.customer?.id ?? null,
        state: c.state as string,
        waitingForStaff: c.state === 'waiting_staff',
        category: null,
        urgency: null,
        channel: c.channel,
        assignee: nameOf(c.assignedStaffId),
        nextPromise: null,
        overdue: false,
        since: c.lastInboundAt ?? c.updatedAt,
      })),
  ].filter((item) => {
    if (q.sla === undefined) return true;
    if (q.sla === 'overdue') return item.overdue;
    return !!item.nextPromise && item.nextPromise.dueAt.getTime() <= now.getTime() + q.sla * 3_600_000;
  });

  // Overdue first, then the nearest promise, then the longest waiting.
  items.sort((a, b) => {
    if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
    const da = a.nextPromise?.dueAt.getTime() ?? Infinity;
    const dbt = b.nextPromise?.dueAt.getTime() ?? Infinity;
    if (da !== dbt) return da - dbt;
    return a.since.getTime() - b.since.getTime();
  });
  const start = (q.page - 1) * q.size;
  return { items: items.slice(start, start + q.size), total: items.length, page: q.page, size: q.size };
}
