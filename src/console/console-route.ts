import type { Request, Response } from 'restify';
import type { Staff } from '../generated/prisma/client.js';
import type { StaffRole } from '../generated/prisma/enums.js';
import { route } from '../http/server.js';
import type { TicketContext } from '../tickets/ticket-service.js';
import type { ConsoleDeps } from './console-deps.js';
import { authenticateStaff, requireRole } from './staff-auth.js';

export const SUPERVISOR_ROLES: readonly StaffRole[] = ['supervisor', 'admin'];

/** A console API handler: the caller is authenticated (401) and, when roles are given, authorised (403). */
export function staffRoute(
  deps: ConsoleDeps,
  handler: (req: Request, res: Response, staff: Staff) => Promise<void>,
  roles?: readonly StaffRole[],
) {
  return route(async (req, res) => {
    const staff = await authenticateStaff(deps.db, req);
    if (roles) requireRole(staff, roles);
    res.setHeader('cache-control', 'no-store');
    await handler(req, res, staff);
  });
}

export function ticketContext(deps: ConsoleDeps, staff: Staff): TicketContext {
  return { now: deps.clock(), actor: `staff:${staff.id}`, events: deps.events, timeZone: deps.env.BUSINESS_TZ };
}

export function param(req: Request, name: string): string {
  return String((req.params as Record<string, unknown>)[name] ?? '');
}
