import { DateTime } from 'luxon';
import type { Request, Server } from 'restify';
import { z } from 'zod';
import type { Prisma, Staff, Visit } from '../generated/prisma/client.js';
import { NotFoundError } from '../errors/app-error.js';
import type { BusinessCalendar } from '../sla/business-calendar.js';
import type { Policy } from '../sla/policy-schema.js';
import { getTicket } from '../tickets/ticket-service.js';
import { confirmVisit, proposeVisit, recordVisitArrival, scheduleVisit, type VisitContext } from '../visits/visit-service.js';
import { acceptQuote, completeVisit, recordWork, sendQuote, SignOff, WorkInput } from '../visits/visit-work.js';
import { customerIdsOf } from './access-audit.js';
import type { ConsoleDeps } from './console-deps.js';
import { audit, param, staffRoute, ticketContext } from './console-route.js';
import { requireTicketInScope } from './ticket-scope.js';

const instant = z.iso.datetime({ offset: true, message: 'expected an ISO-8601 time with an offset' }).transform((v) => new Date(v));
const id = z.string().min(1).max(64);
const VisitBody = z.union([
  z.strictObject({ scheduledAt: instant, engineerId: id.optional() }),
  z.strictObject({ proposals: z.array(instant).min(1).max(5), engineerId: id.optional() }),
]);
const ConfirmBody = z.strictObject({ choice: z.number().int().min(1).max(5).optional(), scheduledAt: instant.optional() });
const ArrivedBody = z.strictObject({ arrivedAt: instant.optional() });
const QuoteBody = z.strictObject({ amount: z.number().int().min(0).max(100_000_000), currency: z.string().regex(/^[A-Z]{3}$/).default('TWD') });
const VisitQuery = z.object({
  status: z.string().max(100).optional(),
  engineerId: id.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  page: z.coerce.number().int().min(1).default(1),
  size: z.coerce.number().int().min(1).max(200).default(50),
});

/** What the visit routes need besides the console's own: the service policy, for the on-site promises. */
export type ConsoleVisitDeps = ConsoleDeps & { policy: Policy; calendar: BusinessCalendar };

const ticketSummary = {
  select: {
    id: true,
    number: true,
    title: true,
    status: true,
    customerId: true,
    siteAddress: true,
    province: true,
    contactName: true,
    contactPhone: true,
    productModel: true,
    serial: true,
    customer: { select: { id: true, name: true, company: true } },
    asset: { select: { model: true, serial: true, purchaseDate: true, warrantyMonths: true, siteAddress: true } },
  },
} satisfies Prisma.TicketDefaultArgs;

/**
 * Field visits from the console: propose times (sent to the customer) or book one, the customer's choice,
 * arrival, quote out of warranty, work and parts, sign-off. Engineers see and act on their own visits only
 * (someone else's reads as not found). Mounted by app.ts, which holds the policy.
 */
export function mountConsoleVisitRoutes(server: Server, deps: ConsoleVisitDeps): void {
  const { db } = deps;
  const visitContext = (staff: Staff): VisitContext => ({ ...ticketContext(deps, staff), policy: deps.policy, calendar: deps.calendar, jobs: deps.jobs });

  /** The visit, if this staff member may see it: engineers only their own. */
  async function visibleVisit(staff: Staff, visitId: string) {
    const visit = await db.visit.findUnique({ where: { id: visitId }, include: { ticket: ticketSummary, engineer: { select: { id: true, name: true } } } });
    if (!visit || (staff.role === 'engineer' && visit.engineerId !== staff.id)) throw new NotFoundError(`No visit ${visitId}`);
    return visit;
  }
  const changed = async (req: Request, staff: Staff, visit: Visit, change: string) => {
    const ticket = await getTicket(db, visit.ticketId);
    await audit(deps, req, staff, { action: 'visit_change', customerId: ticket.customerId, ticketId: ticket.id, detail: { visitId: visit.id, change } });
    return { visit: await visibleVisit(staff, visit.id), ticket };
  };

  server.get(
    '/console/api/visits',
    staffRoute(deps, async (req, res, staff) => {
      const q = VisitQuery.parse(req.query ?? {});
      const zone = deps.env.BUSINESS_TZ;
      const where: Prisma.VisitWhereInput = {
        ...(staff.role === 'engineer' ? { engineerId: staff.id } : q.engineerId ? { engineerId: q.engineerId } : {}),
        ...(q.status ? { status: { in: q.status.split(',') } } : {}),
        ...(q.from || q.to
          ? { scheduledAt: { ...(q.from ? { gte: dayStart(q.from, zone) } : {}), ...(q.to ? { lt: dayStart(q.to, zone, 1) } : {}) } }
          : {}),
      };
      const [total, visits] = await Promise.all([
        db.visit.count({ where }),
        db.visit.findMany({ where, orderBy: [{ scheduledAt: 'asc' }], skip: (q.page - 1) * q.size, take: q.size, include: { ticket: ticketSummary, engineer: { select: { id: true, name: true } } } }),
      ]);
      await audit(deps, req, staff, { action: 'list_visits', detail: { count: visits.length, customerIds: customerIdsOf(visits.map((v) => v.ticket)) } });
      res.json({ visits: visits.map(withoutSignature), total, page: q.page, size: q.size });
    }),
  );

  server.get(
    '/console/api/visits/:id',
    staffRoute(deps, async (req, res, staff) => {
      const visit = await visibleVisit(staff, param(req, 'id'));
      await audit(deps, req, staff, { action: 'view_visit', customerId: visit.ticket.customerId, ticketId: visit.ticketId, detail: { visitId: visit.id } });
      res.json({ visit });
    }),
  );

  server.post(
    '/console/api/tickets/:id/visits',
    staffRoute(deps, async (req, res, staff) => {
      const body = VisitBody.parse(req.body ?? {});
      await requireTicketInScope(db, staff, param(req, 'id'));
      const ctx = visitContext(staff);
      const input = { ticketId: param(req, 'id'), engineerId: body.engineerId };
      const visit = 'proposals' in body ? await proposeVisit(db, { ...input, proposals: body.proposals }, ctx) : await scheduleVisit(db, { ...input, scheduledAt: body.scheduledAt }, ctx);
      res.status(201);
      res.json(await changed(req, staff, visit, 'proposals' in body ? 'proposed' : 'scheduled'));
    }),
  );

  /** A step on a visit: the body is checked first, then whether this staff member may act on the visit. */
  const action = <S extends z.ZodType>(path: string, schema: S, run: (staff: Staff, visitId: string, body: z.infer<S>) => Promise<Visit>) =>
    server.post(
      `/console/api/visits/:id/${path}`,
      staffRoute(deps, async (req, res, staff) => {
        const body = schema.parse(req.body ?? {});
        const visit = await visibleVisit(staff, param(req, 'id'));
        res.json(await changed(req, staff, await run(staff, visit.id, body), path));
      }),
    );

  action('confirm', ConfirmBody, (staff, visitId, body) => confirmVisit(db, visitId, body, visitContext(staff)));
  action('arrived', ArrivedBody, (staff, visitId, body) => {
    const ctx = visitContext(staff);
    return recordVisitArrival(db, visitId, body.arrivedAt ?? ctx.now, ctx);
  });
  action('quote', QuoteBody, (staff, visitId, body) => sendQuote(db, visitId, body, visitContext(staff)));
  action('quote/accept', z.strictObject({}), (staff, visitId) => acceptQuote(db, visitId, visitContext(staff)));
  action('work', WorkInput, (staff, visitId, body) => recordWork(db, visitId, body, visitContext(staff)));
  action('complete', SignOff, (staff, visitId, body) => completeVisit(db, visitId, body, visitContext(staff)));
}

/** Midnight of a local day in the business time zone. */
function dayStart(day: string, zone: string, plusDays = 0): Date {
  return DateTime.fromISO(day, { zone }).plus({ days: plusDays }).startOf('day').toJSDate();
}

/** Lists leave the signature image out (it can be large); the visit itself carries it. */
function withoutSignature<V extends { signature: string | null }>(visit: V) {
  const { signature, ...rest } = visit;
  return { ...rest, signed: signature !== null };
}
