import { z } from 'zod';
import { Prisma, type Staff } from '../generated/prisma/client.js';
import { TicketCategory, Urgency } from '../generated/prisma/enums.js';
import type { Db } from '../db/db.js';
import { ChannelKind } from '../messages/channel-kind.js';
import { actorNames } from './staff-service.js';
import { ticketIdsInScope } from './ticket-scope.js';

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

type QueueRow = { kind: 'ticket' | 'conversation'; id: string | null; total: bigint | number };

const CLOSED = Prisma.sql`('resolved', 'closed')`;
const inList = <T extends string>(column: Prisma.Sql, values: readonly T[], type: string) =>
  values.length ? Prisma.sql`${column} IN (${Prisma.join(values.map((v) => Prisma.sql`${v}::${Prisma.raw(`"${type}"`)}`))})` : Prisma.sql`false`;

/**
 * The agent's day: open tickets and conversations waiting for a person, in one list, the most urgent
 * promise first (overdue on top), then the longest waiting. A conversation about an open ticket is shown
 * on the ticket's row. `state` is never empty: a conversation without a ticket shows its own state.
 *
 * Filters, order, count and page are one SQL statement over open work only (the partial index
 * "Ticket_open_createdAt_idx" and the open-promise index), so its cost follows the open tickets, not the
 * history; only the page's rows are then loaded with their customer, promises and conversations.
 */
export async function agentQueue(db: Db, staff: Staff, q: QueueQuery, now: Date) {
  const team = q.team && staff.region ? await db.staff.findMany({ where: { region: staff.region }, select: { id: true } }) : null;
  const assignees = q.mine ? [staff.id] : team ? team.map((s) => s.id) : null;
  const scoped = await ticketIdsInScope(db, staff);
  const ticketStates = q.state?.filter((s): s is (typeof OPEN_STATUSES)[number] => (OPEN_STATUSES as readonly string[]).includes(s));
  const conversationStates = q.state?.filter((s): s is 'waiting_staff' | 'staff' => s === 'waiting_staff' || s === 'staff');
  const wantTickets = !q.state?.length || (ticketStates?.length ?? 0) > 0;
  const wantConversations = (!q.state?.length || (conversationStates?.length ?? 0) > 0) && !q.category && !q.urgency;

  const ticketWhere = (t: Prisma.Sql) =>
    Prisma.join(
      [
        // Written as the partial index's own predicate, so the planner can use it.
        Prisma.sql`${t}."status" NOT IN ${CLOSED}`,
        ...(ticketStates?.length ? [inList(Prisma.sql`${t}."status"`, ticketStates, 'TicketStatus')] : []),
        ...(q.category ? [inList(Prisma.sql`${t}."category"`, q.category, 'TicketCategory')] : []),
        ...(q.urgency ? [inList(Prisma.sql`${t}."urgency"`, q.urgency, 'Urgency')] : []),
        ...(q.channel ? [inList(Prisma.sql`${t}."channel"`, q.channel, 'ChannelKind')] : []),
        ...(assignees ? [assignees.length ? Prisma.sql`${t}."assigneeId" IN (${Prisma.join(assignees)})` : Prisma.sql`false`] : []),
        // An engineer's queue is their own work (ticket-scope.ts): assigned to them, or with a visit of theirs.
        ...(scoped ? [scoped.length ? Prisma.sql`${t}."id" IN (${Prisma.join(scoped)})` : Prisma.sql`false`] : []),
      ],
      ' AND ',
    );
  const at = Prisma.sql`${now.toISOString()}::timestamp(3)`;
  const ticketRows = Prisma.sql`
    SELECT 'ticket' AS kind, t."id", p.due AS next_due, coalesce(p.overdue, false) AS overdue, t."createdAt" AS since
      FROM "Ticket" t
      -- All open promises grouped and hashed: cheaper than one index probe per open ticket.
      LEFT JOIN (
        SELECT sp."ticketId", min(sp."dueAt") AS due, bool_or(sp."dueAt" <= ${at} OR sp."breachedAt" IS NOT NULL) AS overdue
          FROM "SlaPromise" sp
         WHERE sp."metAt" IS NULL AND sp."cancelledAt" IS NULL AND sp."pausedAt" IS NULL
         GROUP BY sp."ticketId"
      ) p ON p."ticketId" = t."id"
     WHERE ${ticketWhere(Prisma.sql`t`)}`;
  const conversationRows = Prisma.sql`
    SELECT 'conversation' AS kind, c."id", NULL::timestamp(3) AS next_due, false AS overdue, coalesce(c."lastInboundAt", c."updatedAt") AS since
      FROM "Conversation" c
     WHERE ${inList(Prisma.sql`c."state"`, conversationStates?.length ? conversationStates : (['waiting_staff', 'staff'] as const), 'ConversationState')}
       ${q.channel ? Prisma.sql`AND ${inList(Prisma.sql`c."channel"`, q.channel, 'ChannelKind')}` : Prisma.empty}
       ${assignees ? Prisma.sql`AND ${assignees.length ? Prisma.sql`c."assignedStaffId" IN (${Prisma.join(assignees)})` : Prisma.sql`false`}` : Prisma.empty}
       ${scoped ? Prisma.sql`AND c."assignedStaffId" = ${staff.id}` : Prisma.empty}
       ${wantTickets ? Prisma.sql`AND NOT EXISTS (SELECT 1 FROM "Ticket" ct WHERE ct."id" = c."ticketId" AND ${ticketWhere(Prisma.sql`ct`)})` : Prisma.empty}`;
  const branches = [...(wantTickets ? [ticketRows] : []), ...(wantConversations ? [conversationRows] : [])];
  if (!branches.length) return { items: [], total: 0, page: q.page, size: q.size };

  const sla =
    q.sla === undefined ? Prisma.sql`true`
    : q.sla === 'overdue' ? Prisma.sql`w.overdue`
    : Prisma.sql`w.next_due <= ${new Date(now.getTime() + q.sla * 3_600_000).toISOString()}::timestamp(3)`;
  const rows = await db.$queryRaw<QueueRow[]>`
    WITH work AS (${Prisma.join(branches, ' UNION ALL ')}),
         matched AS (SELECT * FROM work w WHERE ${sla})
    SELECT page.kind, page.id, counted.total
      FROM (SELECT count(*) AS total FROM matched) counted
      LEFT JOIN (
        -- Overdue first, then the nearest promise, then the longest waiting; the id keeps pages stable.
        SELECT kind, id, row_number() OVER (ORDER BY overdue DESC, next_due ASC NULLS LAST, since ASC, id ASC) AS position
          FROM matched
         ORDER BY position
         LIMIT ${q.size} OFFSET ${(q.page - 1) * q.size}
      ) page ON true
     ORDER BY page.position`;
  const total = Number(rows[0]?.total ?? 0);
  const ticketIds = rows.filter((r) => r.kind === 'ticket' && r.id).map((r) => r.id as string);
  const conversationIds = rows.filter((r) => r.kind === 'conversation' && r.id).map((r) => r.id as string);

  const [tickets, conversations] = await Promise.all([
    ticketIds.length
      ? db.ticket.findMany({
          where: { id: { in: ticketIds } },
          include: {
            customer: { select: { id: true, name: true, company: true } },
            promises: { where: { metAt: null, cancelledAt: null, pausedAt: null }, orderBy: [{ dueAt: 'asc' }] },
            conversations: { where: { state: { in: ['waiting_staff', 'staff'] } }, select: { id: true, channel: true, state: true, updatedAt: true } },
          },
        })
      : [],
    conversationIds.length
      ? db.conversation.findMany({
          where: { id: { in: conversationIds } },
          select: { id: true, channel: true, state: true, handoffReason: true, assignedStaffId: true, lastInboundAt: true, updatedAt: true, customer: { select: { id: true, name: true, company: true } } },
        })
      : [],
  ]);

  const names = await actorNames(db, [...tickets.map((t) => (t.assigneeId ? `staff:${t.assigneeId}` : null)), ...conversations.map((c) => (c.assignedStaffId ? `staff:${c.assignedStaffId}` : null))]);
  const nameOf = (id: string | null) => (id ? { id, name: names.get(`staff:${id}`) ?? null } : null);

  const ticketItem = (t: (typeof tickets)[number]) => {
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
  };
  const conversationItem = (c: (typeof conversations)[number]) => ({
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
  });
  const byTicket = new Map(tickets.map((t) => [t.id, ticketItem(t)]));
  const byConversation = new Map(conversations.map((c) => [c.id, conversationItem(c)]));
  // In the statement's order; a row closed between the two reads drops out of this page.
  const items = rows.flatMap((r) => {
    const item = r.kind === 'ticket' ? byTicket.get(r.id ?? '') : byConversation.get(r.id ?? '');
    return item ? [item] : [];
  });
  return { items, total, page: q.page, size: q.size };
}
