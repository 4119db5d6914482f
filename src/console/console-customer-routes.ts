import type { Server } from 'restify';
import { z } from 'zod';
import { NotFoundError } from '../errors/app-error.js';
import { clientIp, recordAccess } from './access-audit.js';
import type { ConsoleDeps } from './console-deps.js';
import { param, staffRoute } from './console-route.js';

const SearchQuery = z.object({ q: z.string().trim().min(2, 'at least 2 characters').max(100) });

/** The customer archive. Every look is written to AccessAudit (who, what, whose, from where). */
export function mountConsoleCustomerRoutes(server: Server, deps: ConsoleDeps): void {
  const { db } = deps;

  server.get(
    '/console/api/customers',
    staffRoute(deps, async (req, res, staff) => {
      const { q } = SearchQuery.parse(req.query ?? {});
      const customers = await db.customer.findMany({
        where: {
          mergedIntoId: null,
          OR: [
            { name: { contains: q, mode: 'insensitive' } },
            { company: { contains: q, mode: 'insensitive' } },
            { contacts: { some: { address: { contains: q, mode: 'insensitive' } } } },
          ],
        },
        take: 50,
        orderBy: [{ updatedAt: 'desc' }],
        select: { id: true, name: true, company: true, contacts: { select: { kind: true, address: true } } },
      });
      await recordAccess(db, { staffId: staff.id, action: 'search_customers', ip: clientIp(req, deps.env.TRUST_PROXY), at: deps.clock() });
      res.json({ customers });
    }),
  );

  server.get(
    '/console/api/customers/:id',
    staffRoute(deps, async (req, res, staff) => {
      const customer = await db.customer.findUnique({
        where: { id: param(req, 'id') },
        include: {
          contacts: true,
          assets: true,
          tickets: { orderBy: [{ createdAt: 'desc' }], select: { id: true, number: true, status: true, category: true, urgency: true, title: true, createdAt: true } },
          conversations: { orderBy: [{ updatedAt: 'desc' }], select: { id: true, channel: true, state: true, ticketId: true, updatedAt: true } },
          followUps: { orderBy: [{ dueAt: 'desc' }] },
        },
      });
      if (!customer) throw new NotFoundError(`No customer ${param(req, 'id')}`);
      await recordAccess(db, { staffId: staff.id, action: 'view_customer', customerId: customer.id, ip: clientIp(req, deps.env.TRUST_PROXY), at: deps.clock() });
      res.json({ customer });
    }),
  );
}
