import type { Server } from 'restify';
import { z } from 'zod';
import { NotFoundError } from '../errors/app-error.js';
import { customerIdsOf } from './access-audit.js';
import { decideArchiveAccess, requestArchiveAccess, requireArchiveAccess } from './archive-access-service.js';
import type { ConsoleDeps } from './console-deps.js';
import { audit, param, staffRoute, SUPERVISOR_ROLES } from './console-route.js';
import { searchCustomers } from './customer-search.js';
import { actorNames } from './staff-service.js';
import { contactsView } from './staff-views.js';

const SearchQuery = z.object({ q: z.string().trim().min(1, 'type something to search for').max(100) });
const AccessBody = z.strictObject({ reason: z.string().trim().min(5, 'say why, in a few words').max(500) });
const DecisionBody = z.strictObject({ minutes: z.number().int().min(5).max(7 * 24 * 60).optional() });
const RequestsQuery = z.object({ status: z.enum(['requested', 'approved', 'denied']).default('requested') });

/**
 * The customer archive. Searching is open to staff (and audited); opening an archive needs a reason and,
 * for agents and engineers, a supervisor's time-limited approval. Every look is in the access audit.
 */
export function mountConsoleCustomerRoutes(server: Server, deps: ConsoleDeps): void {
  const { db } = deps;
  const minutes = deps.env.CONSOLE_ARCHIVE_APPROVAL_MINUTES;

  server.get(
    '/console/api/customers',
    staffRoute(deps, async (req, res, staff) => {
      const { q } = SearchQuery.parse(req.query ?? {});
      const customers = await searchCustomers(db, q);
      await audit(deps, req, staff, { action: 'search_customers', detail: { q, count: customers.length, customerIds: customers.map((c) => c.id) } });
      res.json({ customers });
    }),
  );

  server.post(
    '/console/api/customers/:id/access',
    staffRoute(deps, async (req, res, staff) => {
      const { reason } = AccessBody.parse(req.body ?? {});
      const access = await requestArchiveAccess(db, { staff, customerId: param(req, 'id'), reason }, { now: deps.clock(), minutes });
      await audit(deps, req, staff, { action: 'archive_requested', customerId: access.customerId, reason, detail: { accessId: access.id, status: access.status } });
      res.status(access.status === 'approved' ? 201 : 202);
      res.json({ access });
    }),
  );

  server.get(
    '/console/api/access-requests',
    staffRoute(
      deps,
      async (req, res, staff) => {
        const { status } = RequestsQuery.parse(req.query ?? {});
        const rows = await db.archiveAccess.findMany({ where: { status }, orderBy: [{ requestedAt: 'desc' }], take: 200 });
        // The requests name their customers and why someone wants their archive: audited like any list.
        await audit(deps, req, staff, { action: 'list_access_requests', detail: { status, count: rows.length, customerIds: customerIdsOf(rows) } });
        const names = await actorNames(db, rows.flatMap((r) => [`staff:${r.staffId}`, r.decidedBy]));
        const customers = await db.customer.findMany({ where: { id: { in: rows.map((r) => r.customerId) } }, select: { id: true, name: true, company: true } });
        const byId = new Map(customers.map((c) => [c.id, c]));
        res.json({
          requests: rows.map((r) => ({
            ...r,
            staffName: names.get(`staff:${r.staffId}`) ?? null,
            decidedByName: r.decidedBy ? (names.get(r.decidedBy) ?? null) : null,
            customer: byId.get(r.customerId) ?? null,
          })),
        });
      },
      SUPERVISOR_ROLES,
    ),
  );

  for (const [verb, approve] of [['approve', true], ['deny', false]] as const) {
    server.post(
      `/console/api/access-requests/:id/${verb}`,
      staffRoute(
        deps,
        async (req, res, staff) => {
          const body = DecisionBody.parse(req.body ?? {});
          const access = await decideArchiveAccess(db, param(req, 'id'), { approve, minutes: body.minutes ?? minutes }, { by: staff, now: deps.clock() });
          await audit(deps, req, staff, { action: 'archive_decided', customerId: access.customerId, detail: { accessId: access.id, status: access.status, for: access.staffId, expiresAt: access.expiresAt?.toISOString() ?? null } });
          res.json({ access });
        },
        SUPERVISOR_ROLES,
      ),
    );
  }

  server.get(
    '/console/api/customers/:id',
    staffRoute(deps, async (req, res, staff) => {
      const id = param(req, 'id');
      if (!(await db.customer.findUnique({ where: { id }, select: { id: true } }))) throw new NotFoundError(`No customer ${id}`);
      const access = await requireArchiveAccess(db, staff, id, deps.clock());
      const customer = await db.customer.findUniqueOrThrow({
        where: { id },
        include: {
          contacts: true,
          assets: true,
          tickets: { orderBy: [{ createdAt: 'desc' }], select: { id: true, number: true, status: true, category: true, urgency: true, title: true, createdAt: true } },
          conversations: { orderBy: [{ updatedAt: 'desc' }], select: { id: true, channel: true, state: true, ticketId: true, updatedAt: true } },
          followUps: { orderBy: [{ dueAt: 'desc' }] },
        },
      });
      await audit(deps, req, staff, { action: 'view_customer', customerId: customer.id, reason: access.reason, detail: { accessId: access.id } });
      res.json({ customer: { ...customer, contacts: contactsView(customer.contacts) }, access: { reason: access.reason, expiresAt: access.expiresAt } });
    }),
  );
}
