import { z } from 'zod';
import type { Prisma, Staff } from '../generated/prisma/client.js';
import { StaffRole } from '../generated/prisma/enums.js';
import type { Db } from '../db/db.js';
import { AppError, ForbiddenError, NotFoundError } from '../errors/app-error.js';
import { isOnDuty, Shifts } from '../notifications/duty-rota.js';
import { hashPassword, MIN_PASSWORD_LENGTH, oneTimePassword } from './password.js';
import { revokeAllSessions } from './staff-sessions.js';

export const Role = z.enum(Object.values(StaffRole) as [StaffRole, ...StaffRole[]]);
const password = z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).max(200);

export const NewStaff = z.strictObject({
  email: z.email().max(200).transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1).max(100),
  role: Role,
  region: z.string().trim().max(100).optional(),
  phone: z.string().trim().max(40).optional(),
  password: password.optional(),
});
export type NewStaff = z.input<typeof NewStaff>;

export const StaffChange = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  role: Role.optional(),
  region: z.string().trim().max(100).nullable().optional(),
  active: z.boolean().optional(),
  onDuty: z.boolean().optional(),
  shifts: Shifts.optional(),
});
export type StaffChange = z.infer<typeof StaffChange>;

export class StaffExistsError extends AppError {
  readonly code = 'staff.exists';
  override readonly status = 409;
}

/**
 * Adds a staff member who signs in with e-mail and password. Without a password one is made up and
 * returned once; its holder must change it at the first sign-in.
 */
export async function addStaff(db: Db, input: NewStaff): Promise<{ staff: Staff; oneTimePassword: string | null }> {
  const data = NewStaff.parse(input);
  if (await db.staff.findFirst({ where: { email: { equals: data.email, mode: 'insensitive' } } })) {
    throw new StaffExistsError(`A staff member with e-mail ${data.email} exists already.`);
  }
  const issued = data.password ? null : oneTimePassword();
  const staff = await db.staff.create({
    data: {
      email: data.email,
      name: data.name,
      role: data.role,
      region: data.region,
      phone: data.phone,
      passwordHash: await hashPassword(data.password ?? issued!),
      mustChangePassword: issued !== null,
    },
  });
  return { staff, oneTimePassword: issued };
}

/**
 * A supervisor or admin changes a staff member. Only an admin creates, changes or removes an admin; nobody
 * deactivates or demotes themselves (an installation keeps someone who can manage it). Deactivating ends
 * every session at once.
 */
export async function changeStaff(db: Db, staffId: string, change: StaffChange, ctx: { by: Staff; now: Date }): Promise<Staff> {
  const target = await db.staff.findUnique({ where: { id: staffId } });
  if (!target) throw new NotFoundError(`No staff member ${staffId}`);
  const touchesAdmin = target.role === 'admin' || change.role === 'admin';
  if (touchesAdmin && ctx.by.role !== 'admin') throw new ForbiddenError('Only an admin may change an admin or make someone admin.');
  if (target.id === ctx.by.id && (change.active === false || (change.role && change.role !== ctx.by.role))) {
    throw new ForbiddenError('You cannot deactivate yourself or change your own role; ask another supervisor or admin.');
  }
  const updated = await db.staff.update({
    where: { id: staffId },
    data: { ...change, ...(change.shifts ? { shifts: change.shifts as Prisma.InputJsonValue } : {}) },
  });
  if (change.active === false) await revokeAllSessions(db, staffId, { now: ctx.now, actor: `staff:${ctx.by.id}` });
  return updated;
}

export async function setPassword(db: Db, staffId: string, newPassword: string): Promise<void> {
  await db.staff.update({ where: { id: staffId }, data: { passwordHash: await hashPassword(password.parse(newPassword)), mustChangePassword: false } });
}

/** How staff appear in the console: names, never ids in text; e-mail and rota for supervisors. */
export function staffView(s: Staff, now: Date, timeZone: string, full: boolean) {
  const base = { id: s.id, name: s.name, role: s.role, region: s.region, onDuty: isOnDuty(s, now, timeZone), active: s.active };
  return full ? { ...base, email: s.email, phone: s.phone, onDutyFlag: s.onDuty, shifts: s.shifts, lockedUntil: s.lockedUntil, canSignIn: !!s.passwordHash || !!s.tokenHash } : base;
}

/** `staff:<id>` actors → names, for timelines, transcripts and the audit; other actors stay as they are. */
export async function actorNames(db: Db, actors: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  const ids = [...new Set([...actors].filter((a): a is string => !!a && a.startsWith('staff:')).map((a) => a.slice(6)))];
  const staff = ids.length ? await db.staff.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [];
  return new Map(staff.map((s) => [`staff:${s.id}`, s.name]));
}
