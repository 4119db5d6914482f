import type { Server } from 'restify';
import { z } from 'zod';
import { NotFoundError } from '../errors/app-error.js';
import { customerIdsOf } from './access-audit.js';
import type { ConsoleDeps } from './console-deps.js';
import { audit, param, staffRoute } from './console-route.js';
import { outboundView } from './staff-views.js';
import { closeByStaff, conversationDetail, handBackToBot, staffInbox, staffReply, takeOver } from './staff-conversation-service.js';
import { conversationScope, requireConversationInScope, ticketIdsInScope } from './ticket-scope.js';

const ReplyBody = z.strictObject({
  text: z.string().trim().min(1, 'the reply is empty').max(4000, 'at most 4000 characters'),
  clientId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
});

export function mountConsoleInboxRoutes(server: Server, deps: ConsoleDeps): void {
  server.get(
    '/console/api/inbox',
    staffRoute(deps, async (req, res, staff) => {
      const mine = (req.query as Record<string, string> | undefined)?.mine === '1';
      const conversations = await staffInbox(deps, { ...(mine ? { mine: staff.id } : {}), scope: await conversationScope(deps.db, staff) });
      await audit(deps, req, staff, { action: 'list_inbox', detail: { mine, count: conversations.length, customerIds: customerIdsOf(conversations) } });
      res.json({ conversations });
    }),
  );

  server.get(
    '/console/api/conversations/:id',
    staffRoute(deps, async (req, res, staff) => {
      await requireConversationInScope(deps.db, staff, param(req, 'id'));
      const detail = await conversationDetail(deps, param(req, 'id'));
      await audit(deps, req, staff, { action: 'view_conversation', customerId: detail.conversation.customerId, ticketId: detail.conversation.ticketId });
      res.json(detail);
    }),
  );

  server.post(
    '/console/api/conversations/:id/take',
    staffRoute(deps, async (req, res, staff) => {
      await requireConversationInScope(deps.db, staff, param(req, 'id'));
      res.json({ conversation: await takeOver(deps, param(req, 'id'), staff) });
    }),
  );

  server.post(
    '/console/api/conversations/:id/reply',
    staffRoute(deps, async (req, res, staff) => {
      const body = ReplyBody.parse(req.body ?? {});
      await requireConversationInScope(deps.db, staff, param(req, 'id'));
      const result = await staffReply(deps, param(req, 'id'), staff, body);
      res.status(result.duplicate ? 200 : 201);
      res.json({ ...result, outbound: outboundView(result.outbound) });
    }),
  );

  server.post(
    '/console/api/conversations/:id/hand-back',
    staffRoute(deps, async (req, res, staff) => {
      await requireConversationInScope(deps.db, staff, param(req, 'id'));
      res.json({ conversation: await handBackToBot(deps, param(req, 'id'), staff) });
    }),
  );

  server.post(
    '/console/api/conversations/:id/close',
    staffRoute(deps, async (req, res, staff) => {
      await requireConversationInScope(deps.db, staff, param(req, 'id'));
      const result = await closeByStaff(deps, param(req, 'id'), staff);
      await audit(deps, req, staff, {
        action: 'conversation_closed',
        customerId: result.conversation.customerId,
        ticketId: result.conversation.ticketId,
        detail: { conversationId: result.conversation.id, customerTold: result.customerTold },
      });
      res.json(result);
    }),
  );

  server.get(
    '/console/api/notifications',
    staffRoute(deps, async (req, res, staff) => {
      // An engineer is not told about other people's tickets (a notice to everyone names its ticket's customer).
      const ticketIds = await ticketIdsInScope(deps.db, staff);
      const notifications = await deps.db.staffNotification.findMany({
        where: {
          deliverAfter: { lte: deps.clock() },
          OR: [{ staffId: staff.id }, { staffId: null, OR: [{ role: staff.role }, { role: null }] }],
          ...(ticketIds ? { AND: [{ OR: [{ ticketId: null }, { ticketId: { in: ticketIds } }] }] } : {}),
        },
        orderBy: [{ deliverAfter: 'desc' }],
        take: 100,
      });
      // Notices name customers and their problems: the list is a read of personal data, audited as the other lists are.
      const shownTickets = [...new Set(notifications.flatMap((n) => (n.ticketId ? [n.ticketId] : [])))];
      const tickets = shownTickets.length ? await deps.db.ticket.findMany({ where: { id: { in: shownTickets } }, select: { customerId: true } }) : [];
      await audit(deps, req, staff, { action: 'list_notifications', detail: { count: notifications.length, ticketIds: shownTickets, customerIds: customerIdsOf(tickets) } });
      res.json({ notifications });
    }),
  );

  server.post(
    '/console/api/notifications/:id/read',
    staffRoute(deps, async (req, res, staff) => {
      const updated = await deps.db.staffNotification.updateMany({
        where: { id: param(req, 'id'), OR: [{ staffId: staff.id }, { staffId: null }] },
        data: { readAt: deps.clock() },
      });
      if (updated.count === 0) throw new NotFoundError('No such notification for you');
      res.json({ read: true });
    }),
  );
}
