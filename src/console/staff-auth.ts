import { createHash, randomBytes } from 'node:crypto';
import type { Request } from 'restify';
import type { Staff } from '../generated/prisma/client.js';
import type { StaffRole } from '../generated/prisma/enums.js';
import type { Db } from '../db/db.js';
import { ForbiddenError, UnauthorizedError } from '../errors/app-error.js';
import { hashPassword, oneTimePassword } from './password.js';
import { liveSession } from './staff-sessions.js';

/** The address the bootstrap supervisor is kept under, so a new STAFF_BOOTSTRAP_TOKEN updates the same person. */
export const BOOTSTRAP_STAFF_EMAIL = 'bootstrap-supervisor@aftercare.invalid';
export const MIN_TOKEN_LENGTH = 16;

/** Tokens are stored as sha256 hex only; a leaked database does not leak console access. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newStaffToken(): string {
  return randomBytes(24).toString('base64url');
}

export function isSupervisor(staff: Pick<Staff, 'role'>): boolean {
  return staff.role === 'supervisor' || staff.role === 'admin';
}

/**
 * A bearer token that is no session and no staff token at all, expired or not: a guess, or a typo. Counted per
 * address (console-route.ts); an expired or ended session is not, so an office's open consoles that outlive their
 * sessions do not lock the office out.
 */
export class UnknownTokenError extends UnauthorizedError {}

/** Who is calling: the staff member and, when they signed in with a password, their session. */
export type StaffCaller = { staff: Staff; sessionId: string | null };

/**
 * The active staff member behind `Authorization: Bearer …`, or 401: a live session (not expired, not
 * revoked), else the long-lived STAFF_BOOTSTRAP_TOKEN supervisor's token.
 */
export async function authenticateStaff(db: Db, req: Request, now: Date): Promise<StaffCaller> {
  const header = String(req.headers.authorization ?? '');
  const match = /^Bearer\s+(\S{1,200})$/i.exec(header);
  if (!match) throw new UnauthorizedError('Sign in: POST /console/api/session, then send "Authorization: Bearer <token>".');
  const session = await liveSession(db, match[1]!, now);
  if (session) return { staff: session.staff, sessionId: session.id };
  const tokenHash = hashToken(match[1]!);
  const staff = await db.staff.findUnique({ where: { tokenHash } });
  const ended = 'This session has expired or was ended (or the staff member is inactive); sign in again.';
  if (!staff && !(await db.staffSession.findUnique({ where: { tokenHash }, select: { id: true } }))) throw new UnknownTokenError(ended);
  if (!staff || !staff.active) throw new UnauthorizedError(ended);
  return { staff, sessionId: null };
}

export function requireRole(staff: Staff, roles: readonly StaffRole[]): void {
  if (!roles.includes(staff.role)) throw new ForbiddenError(`Only ${roles.join(' or ')} may do this; you are ${staff.role}.`);
}

/**
 * Creates or updates the bootstrap supervisor from STAFF_BOOTSTRAP_TOKEN at start-up, so an installation
 * run by automation has a fixed credential. Rerunning with the same token changes nothing.
 */
export async function bootstrapSupervisor(db: Db, token: string): Promise<Staff> {
  if (token.length < MIN_TOKEN_LENGTH) {
    throw new Error(`STAFF_BOOTSTRAP_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters (use e.g. \`openssl rand -base64 24\`).`);
  }
  const tokenHash = hashToken(token);
  const holder = await db.staff.findUnique({ where: { tokenHash } });
  if (holder) {
    return holder.active && (holder.role === 'supervisor' || holder.role === 'admin')
      ? holder
      : db.staff.update({ where: { id: holder.id }, data: { active: true, role: 'supervisor' } });
  }
  return db.staff.upsert({
    where: { email: BOOTSTRAP_STAFF_EMAIL },
    create: { name: 'Bootstrap supervisor', email: BOOTSTRAP_STAFF_EMAIL, role: 'supervisor', tokenHash, active: true },
    update: { tokenHash, active: true, role: 'supervisor' },
  });
}

/**
 * On a fresh installation nobody can sign in to the console: creates the first admin with a one-time
 * password and returns it for the operator to read (stored as an scrypt hash, never shown again; the admin
 * must change it at the first sign-in). Null once anyone active can sign in.
 */
export async function firstStartAdmin(db: Db, email: string): Promise<{ email: string; password: string } | null> {
  const canSignIn = await db.staff.count({ where: { active: true, OR: [{ passwordHash: { not: null } }, { tokenHash: { not: null } }] } });
  if (canSignIn > 0) return null;
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const address = email.trim().toLowerCase();
  await db.staff.upsert({
    where: { email: address },
    create: { name: 'Administrator', email: address, role: 'admin', passwordHash, mustChangePassword: true, active: true },
    update: { role: 'admin', passwordHash, mustChangePassword: true, active: true, failedSignIns: 0, lockedUntil: null },
  });
  return { email: address, password };
}
