import type { Request, Server } from 'restify';
import { z } from 'zod';
import { Complexity, TicketCategory, TicketStatus, Urgency } from '../generated/prisma/enums.js';
import type { Prisma, Staff, Ticket } from '../generated/prisma/client.js';
import { tellCustomerResolved } from '../tickets/customer-notice.js';
import { addNote, assignTicket, getTicket, resolveTicket, transitionTicket, triageTicket } from '../tickets/ticket-service.js';
import { customerIdsOf } from './access-audit.js';
import type { ConsoleDeps } from './console-deps.js';
import { audit, param, staffRoute, ticketContext } from './console-route.js';
import { outboundView } from './staff-views.js';
import { requireTicketInScope, ticketIdsInScope } from './ticket-scope.js';

const TriageBody = z.strictObject({
  urgency: z.enum(Object.values(Urgency) as [Urgency, ...Urgency[]]),
  complexity: z.enum(Object.values(Complexity) as [Complexity, ...Complexity[]]),
  /** A visit on site is needed (如需現場): the on-site promises apply. */
  onSite: z.boolean().optional(),
});

const statusList = z
  .string()
  .transform((v) => v.split(',').filter(Boolean))
  .pipe(z.array(z.enum(Object.values(TicketStatus) as [TicketStatus, ...TicketStatus[]])));
const TicketQuery = z.object({
  status: statusList.optional(),
  category: z.enum(Object.values(TicketCategory) as [TicketCategory, ...TicketCategory[]]).optional(),
  urgency: z.enum(Object.values(Urgency) as [Urgency, ...Urgency[]]).optional(),
  assignee: z.string().max(64).optional(),
  q: z.string().trim().max(100).optional(),
  /**
   * 50 by default, as the queue's page: the page's customers are looked up by primary key. For 100 of them
   * PostgreSQL read the whole Customer table at 10k customers (bench/console-scans-bench.ts).
   */
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** Pages of `limit`, newest first: the database skips, so a later page costs an index walk, not the history. */
  page: z.coerce.number().int().min(1).max(1000).default(1),
});
const TransitionBody = z.strictObject({
  to: z.enum(Object.values(TicketStatus) as [TicketStatus, ...TicketStatus[]]),
  reason: z.string().trim().max(1000).optional(),
});
const AssignBody = z.strictObject({ staffId: z.string().min(1).max(64) });
const NoteBody = z.strictObject({ text: z.string().trim().min(1, 'the note is empty').max(4000) });
const ResolveBody = z.strictObject({ reason: z.string().trim().max(1000).optional() });
const OutboxQuery = z.object({ status: z.enum(['outbox', 'failed']).optional() });

export function mountConsoleTicketRoutes(server: Server, deps: ConsoleDeps): void {
  const { db } = deps;
  const ticketChanged = (req: Request, staff: Staff, ticket: Ticket, detail: Record<string, unknown>) =>
    audit(deps, req, staff, { action: 'ticket_change', customerId: ticket.customerId, ticketId: ticket.id, detail: detail as Prisma.InputJsonValue });

  server.get(
    '/console/api/tickets',
    staffRoute(deps, async (req, res, staff) => {
      const q = TicketQuery.parse(req.query ?? {});
      const scope = await ticketIdsInScope(db, staff);
      const tickets = await db.ticket.findMany({
        where: {
          ...(scope ? { AND: [{ id: { in: scope } }] } : {}),
          ...(q.status?.length ? { status: { in: q.status } } : {}),
          ...(q.category ? { category: q.category } : {}),
          ...(q.urgency ? { urgency: q.urgency } : {}),
          ...(q.assignee ? { assigneeId: q.assignee === 'me' ? staff.id : q.assignee } : {}),
          // ILIKE '%…%': served by the trigram indexes of migration 20261130180000 (3+ characters).
          ...(q.q ? { OR: [{ number: { contains: q.q, mode: 'insensitive' } }, { title: { contains: q.q, mode: 'insensitive' } }] } : {}),
        },
        // The id breaks ties between tickets opened in the same millisecond, so pages neither repeat nor skip.
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: q.limit,
        skip: (q.page - 1) * q.limit,
        include: {
          customer: { select: { id: true, name: true, company: true } },
          assignee: { select: { id: true, name: true } },
          promises: { where: { metAt: null, breachedAt: null, cancelledAt: null }, orderBy: [{ dueAt: 'asc' }], take: 1 },
        },
      });
      await audit(deps, req, staff, { action: 'list_tickets', detail: { filters: { ...q }, count: tickets.length, customerIds: customerIdsOf(tickets) } });
      res.json({ tickets });
    }),
  );

  server.post(
    '/console/api/tickets/:id/transition',
    staffRoute(deps, async (req, res, staff) => {
      const body = TransitionBody.parse(req.body ?? {});
      await requireTicketInScope(db, staff, param(req, 'id'));
      const ctx = ticketContext(deps, staff);
      const ticket = await transitionTicket(db, param(req, 'id'), body.to, { ...ctx, reason: body.reason });
      if (body.to === 'resolved') await tellCustomerResolved(db, deps.jobs, ticket.id, ctx);
      await ticketChanged(req, staff, ticket, { change: 'transition', to: body.to });
      res.json({ ticket });
    }),
  );

  server.post(
    '/console/api/tickets/:id/triage',
    staffRoute(deps, async (req, res, staff) => {
      const body = TriageBody.parse(req.body ?? {});
      await requireTicketInScope(db, staff, param(req, 'id'));
      const ticket = await triageTicket(db, param(req, 'id'), body, ticketContext(deps, staff));
      await ticketChanged(req, staff, ticket, { change: 'triage', ...body });
      res.json({ ticket });
    }),
  );

  server.post(
    '/console/api/tickets/:id/assign',
    staffRoute(deps, async (req, res, staff) => {
      const body = AssignBody.parse(req.body ?? {});
      await requireTicketInScope(db, staff, param(req, 'id'));
      const ticket = await assignTicket(db, param(req, 'id'), body.staffId, ticketContext(deps, staff));
      await ticketChanged(req, staff, ticket, { change: 'assign', staffId: body.staffId });
      res.json({ ticket });
    }),
  );

  server.post(
    '/console/api/tickets/:id/notes',
    staffRoute(deps, async (req, res, staff) => {
      const body = NoteBody.parse(req.body ?? {});
      await requireTicketInScope(db, staff, param(req, 'id'));
      const event = await addNote(db, param(req, 'id'), body.text, ticketContext(deps, staff));
      await ticketChanged(req, staff, await getTicket(db, event.ticketId), { change: 'note', eventId: event.id });
      res.status(201);
      res.json({ event });
    }),
  );

  server.post(
    '/console/api/tickets/:id/resolve',
    staffRoute(deps, async (req, res, staff) => {
      const body = ResolveBody.parse(req.body ?? {});
      await requireTicketInScope(db, staff, param(req, 'id'));
      const ctx = ticketContext(deps, staff);
      const ticket = await resolveTicket(db, param(req, 'id'), { ...ctx, reason: body.reason });
      // The customer hears it on their own channel (once per resolution).
      await tellCustomerResolved(db, deps.jobs, ticket.id, ctx);
      await ticketChanged(req, staff, ticket, { change: 'resolve' });
      res.json({ ticket });
    }),
  );

  server.get(
    '/console/api/outbox',
    staffRoute(deps, async (req, res, staff) => {
      const q = OutboxQuery.parse(req.query ?? {});
      // An engineer sees only what went to the customers of their own tickets.
      const ticketIds = await ticketIdsInScope(db, staff);
      const messages = await db.outboundMessage.findMany({
        where: { status: q.status ? q.status : { in: ['outbox', 'failed'] }, ...(ticketIds ? { ticketId: { in: ticketIds } } : {}) },
        orderBy: [{ createdAt: 'desc' }],
        take: 200,
      });
      await audit(deps, req, staff, { action: 'list_outbox', detail: { status: q.status ?? null, count: messages.length, customerIds: customerIdsOf(messages) } });
      res.json({ messages: messages.map(outboundView) });
    }),
  );
}
