import type { Request, Response } from 'restify';
import type { Staff } from '../generated/prisma/client.js';
import type { StaffRole } from '../generated/prisma/enums.js';
import { AppError } from '../errors/app-error.js';
import { RateLimitedError } from '../http/http-errors.js';
import { route } from '../http/server.js';
import type { TicketContext } from '../tickets/ticket-service.js';
import { clientIp, recordAccess, type AccessEntry } from './access-audit.js';
import type { ConsoleDeps } from './console-deps.js';
import { authenticateStaff, requireRole, UnknownTokenError, type StaffCaller } from './staff-auth.js';

export const SUPERVISOR_ROLES: readonly StaffRole[] = ['supervisor', 'admin'];

/** Signed in with a one-time password: nothing but choosing a new one until it is changed. */
export class PasswordChangeRequiredError extends AppError {
  readonly code = 'password.change_required';
  override readonly status = 403;
}

/**
 * A console API handler: the caller is authenticated (401) and, when roles are given, authorised (403).
 * Someone signed in with a one-time password may only change it (`passwordChange: true` routes).
 */
export function staffRoute(
  deps: ConsoleDeps,
  handler: (req: Request, res: Response, staff: Staff, caller: StaffCaller) => Promise<void>,
  roles?: readonly StaffRole[],
  options: { passwordChange?: boolean } = {},
) {
  return route(async (req, res) => {
    const caller = await authenticated(deps, req);
    if (caller.staff.mustChangePassword && caller.sessionId && !options.passwordChange) {
      throw new PasswordChangeRequiredError('Choose a new password first: POST /console/api/me/password.');
    }
    if (roles) requireRole(caller.staff, roles);
    res.setHeader('cache-control', 'no-store');
    await handler(req, res, caller.staff, caller);
  });
}

/**
 * The caller, or 401. Unknown bearer tokens count against the client address (`deps.unknownTokens`): once it
 * has used up its allowance every token from it is refused with 429 — the right one too, so guessing (a weak
 * STAFF_BOOTSTRAP_TOKEN, say) learns nothing — until the allowance refills.
 */
async function authenticated(deps: ConsoleDeps, req: Request): Promise<StaffCaller> {
  const limiter = deps.unknownTokens;
  const address = clientIp(req, deps.env.TRUST_PROXY) ?? 'unknown';
  const wait = limiter?.waitSeconds(address) ?? 0;
  if (wait > 0) throw new RateLimitedError('Too many unknown console tokens from this address; sign in again later.', wait);
  try {
    return await authenticateStaff(deps.db, req, deps.clock());
  } catch (err) {
    if (err instanceof UnknownTokenError) limiter?.take(address);
    throw err;
  }
}

/** Appends an access-audit row for this request: the caller, their address and the clock's time. */
export function audit(deps: ConsoleDeps, req: Request, staff: Pick<Staff, 'id'>, entry: Omit<AccessEntry, 'staffId' | 'ip' | 'at'>) {
  return recordAccess(deps.db, { ...entry, staffId: staff.id, ip: clientIp(req, deps.env.TRUST_PROXY), at: deps.clock() });
}

export function ticketContext(deps: ConsoleDeps, staff: Staff): TicketContext {
  return { now: deps.clock(), actor: `staff:${staff.id}`, events: deps.events, timeZone: deps.env.BUSINESS_TZ };
}

export function param(req: Request, name: string): string {
  return String((req.params as Record<string, unknown>)[name] ?? '');
}

export function query(req: Request): Record<string, unknown> {
  return (req.query ?? {}) as Record<string, unknown>;
}
