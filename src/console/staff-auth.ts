import { createHash, randomBytes } from 'node:crypto';
import type { Request } from 'restify';
import type { Staff } from '../generated/prisma/client.js';
import type { StaffRole } from '../generated/prisma/enums.js';
import type { Db } from '../db/db.js';
import { ForbiddenError, UnauthorizedError } from '../errors/app-error.js';

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

/** The active staff member whose token is in `Authorization: Bearer …`, or 401. */
export async function authenticateStaff(db: Db, req: Request): Promise<Staff> {
  const header = String(req.headers.authorization ?? '');
  const match = /^Bearer\s+(\S{1,200})$/i.exec(header);
  if (!match) throw new UnauthorizedError('Sign in: send your console token as "Authorization: Bearer <token>".');
  const staff = await db.staff.findUnique({ where: { tokenHash: hashToken(match[1]!) } });
  if (!staff || !staff.active) throw new UnauthorizedError('This console token is not valid (or the staff member is inactive).');
  return staff;
}

export function requireRole(staff: Staff, roles: readonly StaffRole[]): void {
  if (!roles.includes(staff.role)) throw new ForbiddenError(`Only ${roles.join(' or ')} may do this; you are ${staff.role}.`);
}

/**
 * Creates or updates the bootstrap supervisor from STAFF_BOOTSTRAP_TOKEN at start-up, so a fresh
 * installation has someone who can sign in. Rerunning with the same token changes nothing.
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
 * On a fresh installation nobody can sign in to the console: issue a supervisor token once and return it
 * for the operator to read (it is stored hashed and never shown again). Null once anyone holds a token.
 */
export async function firstStartSupervisor(db: Db): Promise<string | null> {
  if ((await db.staff.count({ where: { tokenHash: { not: null }, active: true } })) > 0) return null;
  const token = newStaffToken();
  await bootstrapSupervisor(db, token);
  return token;
}
