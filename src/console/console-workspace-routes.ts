import type { Server } from 'restify';
import { z } from 'zod';
import { Complexity, TicketCategory, Urgency } from '../generated/prisma/enums.js';
import { normaliseAddress } from '../customers/contact-address.js';
import { recordContact } from '../customers/customer-service.js';
import { NotFoundError } from '../errors/app-error.js';
import { ticketDraft } from '../tickets/ticket-draft.js';
import { mergeTickets } from '../tickets/ticket-merge.js';
import { openTicket } from '../tickets/ticket-service.js';
import { customerIdsOf } from './access-audit.js';
import { agentQueue, QueueQuery } from './agent-queue.js';
import type { ConsoleDeps } from './console-deps.js';
import { audit, param, staffRoute, ticketContext } from './console-route.js';
import { transcriptOf } from './staff-conversation-service.js';
import { actorNames } from './staff-service.js';
import { contactsView, conversationView, outboundView } from './staff-views.js';
import { requireConversationInScope, requireTicketInScope } from './ticket-scope.js';

const TRANSCRIPT_LIMIT = 500;
const text = (max: number) => z.string().trim().max(max).optional();
const NewTicketBody = z.strictObject({
  category: z.enum(Object.values(TicketCategory) as [TicketCategory, ...TicketCategory[]]),
  urgency: z.enum(Object.values(Urgency) as [Urgency, ...Urgency[]]).optional(),
  complexity: z.enum(Object.values(Complexity) as [Complexity, ...Complexity[]]).optional(),
  title: text(200),
  problem: z.string().trim().min(1, 'describe the problem').max(4000),
  contactName: text(200),
  company: text(200),
  contactPhone: text(40),
  contactEmail: text(200),
  productModel: text(100),
  serial: text(100),
  purchaseDate: z.iso.date().optional(),
  siteAddress: text(300),
});
const MergeBody = z.strictObject({ duplicateId: z.string().min(1).max(64) });

/** The agent's day: the queue, the ticket workspace, merging duplicates, a ticket from a conversation. */
export function mountConsoleWorkspaceRoutes(server: Server, deps: ConsoleDeps): void {
  const { db } = deps;

  server.get(
    '/console/api/queue',
    staffRoute(deps, async (req, res, staff) => {
      const q = QueueQuery.parse(req.query ?? {});
      const page = await agentQueue(db, staff, q, deps.clock());
      await audit(deps, req, staff, { action: 'list_queue', detail: { filters: { ...q }, count: page.items.length, total: page.total, customerIds: customerIdsOf(page.items) } });
      res.json(page);
    }),
  );

  /** The ticket workspace: the ticket, its cross-channel transcript, understanding, timeline and notes. */
  server.get(
    '/console/api/tickets/:id',
    staffRoute(deps, async (req, res, staff) => {
      await requireTicketInScope(db, staff, param(req, 'id'));
      const ticket = await db.ticket.findUnique({
        where: { id: param(req, 'id') },
        include: {
          customer: { include: { contacts: true } },
          asset: true,
          assignee: { select: { id: true, name: true, role: true } },
          events: { orderBy: [{ seq: 'asc' }] },
          promises: { orderBy: [{ dueAt: 'asc' }] },
          // An engineer sees only the visits assigned to them, here as in the visit list.
          visits: { where: staff.role === 'engineer' ? { engineerId: staff.id } : {}, orderBy: [{ scheduledAt: 'asc' }], include: { engineer: { select: { id: true, name: true } } } },
          surveys: { orderBy: [{ round: 'asc' }] },
          conversations: { select: { id: true, channel: true, state: true, updatedAt: true } },
        },
      });
      if (!ticket) throw new NotFoundError(`No ticket ${param(req, 'id')}`);
      const now = deps.clock();
      const [outbound, newestFirst] = await Promise.all([
        db.outboundMessage.findMany({ where: { ticketId: ticket.id }, orderBy: [{ createdAt: 'asc' }] }),
        // Every channel the customer used: the ticket's own messages and the rest of the customer's.
        db.message.findMany({ where: { customerId: ticket.customerId }, orderBy: [{ seq: 'desc' }], take: TRANSCRIPT_LIMIT }),
      ]);
      const transcript = await transcriptOf(db, newestFirst.reverse());
      const names = await actorNames(db, ticket.events.map((e) => e.actor));
      // Nor the history of another engineer's visits (events that name a visit carry its id).
      const shownVisits = new Set(ticket.visits.map((v) => v.id));
      const otherVisit = (data: unknown) => {
        const visitId = (data as { visitId?: unknown } | null)?.visitId;
        return staff.role === 'engineer' && typeof visitId === 'string' && !shownVisits.has(visitId);
      };
      const timeline = ticket.events.filter((e) => !otherVisit(e.data)).map((e) => ({ ...e, actorName: names.get(e.actor) ?? null }));
      const understanding = [...transcript].reverse().find((m) => m.direction === 'inbound' && m.understanding && m.ticketId === ticket.id)?.understanding ?? null;
      await audit(deps, req, staff, { action: 'view_ticket', customerId: ticket.customerId, ticketId: ticket.id });
      res.json({
        ticket: {
          ...ticket,
          events: timeline,
          customer: { ...ticket.customer, contacts: contactsView(ticket.customer.contacts) },
          promises: ticket.promises.map((p) => ({ ...p, open: !p.metAt && !p.cancelledAt && !p.breachedAt, overdue: !p.metAt && !p.cancelledAt && (p.dueAt <= now || !!p.breachedAt) })),
        },
        transcript,
        understanding,
        timeline,
        notes: timeline.filter((e) => e.kind === 'note'),
        outbound: outbound.map(outboundView),
      });
    }),
  );

  server.get(
    '/console/api/tickets/:id/notes',
    staffRoute(deps, async (req, res, staff) => {
      await requireTicketInScope(db, staff, param(req, 'id'));
      const ticket = await db.ticket.findUnique({ where: { id: param(req, 'id') }, select: { id: true, customerId: true } });
      if (!ticket) throw new NotFoundError(`No ticket ${param(req, 'id')}`);
      const notes = await db.ticketEvent.findMany({ where: { ticketId: ticket.id, kind: 'note' }, orderBy: [{ seq: 'asc' }] });
      // Notes are about the customer: reading them is a read of personal data.
      await audit(deps, req, staff, { action: 'view_ticket', customerId: ticket.customerId, ticketId: ticket.id, detail: { notes: notes.length } });
      const names = await actorNames(db, notes.map((n) => n.actor));
      res.json({ notes: notes.map((n) => ({ id: n.id, at: n.at, actor: n.actor, actorName: names.get(n.actor) ?? null, text: n.reason })) });
    }),
  );

  server.post(
    '/console/api/tickets/:id/merge',
    staffRoute(deps, async (req, res, staff) => {
      const { duplicateId } = MergeBody.parse(req.body ?? {});
      await requireTicketInScope(db, staff, param(req, 'id'));
      await requireTicketInScope(db, staff, duplicateId);
      const { kept, closed } = await mergeTickets(db, param(req, 'id'), duplicateId, ticketContext(deps, staff));
      await audit(deps, req, staff, { action: 'ticket_change', customerId: kept.customerId, ticketId: kept.id, detail: { change: 'merge', duplicateId: closed.id, duplicateNumber: closed.number } });
      res.json({ ticket: kept, duplicate: closed });
    }),
  );

  server.get(
    '/console/api/conversations/:id/ticket-draft',
    staffRoute(deps, async (req, res, staff) => {
      await requireConversationInScope(db, staff, param(req, 'id'));
      const draft = await ticketDraft(db, param(req, 'id'));
      const conversation = await db.conversation.findUniqueOrThrow({ where: { id: param(req, 'id') }, select: { customerId: true, ticketId: true } });
      await audit(deps, req, staff, { action: 'view_conversation', customerId: conversation.customerId, detail: { draft: true } });
      res.json({ draft, openTicketId: conversation.ticketId });
    }),
  );

  /** A ticket for a conversation the bot did not open one for (or a new matter in it); the conversation then belongs to it. */
  server.post(
    '/console/api/conversations/:id/ticket',
    staffRoute(deps, async (req, res, staff) => {
      const body = NewTicketBody.parse(req.body ?? {});
      await requireConversationInScope(db, staff, param(req, 'id'));
      const conversation = await db.conversation.findUnique({ where: { id: param(req, 'id') } });
      if (!conversation) throw new NotFoundError(`No conversation ${param(req, 'id')}`);
      if (!conversation.customerId) throw new NotFoundError('This conversation has no customer yet.');
      const { purchaseDate, ...fields } = body;
      // The phone and e-mail written on the ticket are the customer's, as in the bot's intake: one that another
      // customer already has makes this customer that one (records merged, audited; see recordContact).
      let customerId = conversation.customerId;
      for (const [kind, address] of [['phone', body.contactPhone], ['email', body.contactEmail]] as const) {
        if (address && normaliseAddress(kind, address)) customerId = (await recordContact(db, customerId, kind, address, { actor: `staff:${staff.id}`, now: deps.clock() })).customerId;
      }
      const ticket = await openTicket(
        db,
        {
          ...fields,
          customerId,
          conversationId: conversation.id,
          channel: conversation.channel,
          language: conversation.language ?? undefined,
          purchaseDate: purchaseDate ? new Date(purchaseDate) : undefined,
        },
        ticketContext(deps, staff),
      );
      await db.message.updateMany({ where: { conversationId: conversation.id, ticketId: null }, data: { ticketId: ticket.id } });
      await audit(deps, req, staff, { action: 'ticket_change', customerId: ticket.customerId, ticketId: ticket.id, detail: { change: 'create', conversationId: conversation.id } });
      res.status(201);
      res.json({ ticket, conversation: conversationView(await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })) });
    }),
  );
}
