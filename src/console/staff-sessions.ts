import type { Staff, StaffSession } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';
import { hashToken, newStaffToken } from './staff-auth.js';

/** A new session for a signed-in staff member; the token is returned once, only its sha256 is stored. */
export async function openSession(db: Db, staff: Pick<Staff, 'id'>, ctx: { now: Date; hours: number; ip: string | null }) {
  const token = newStaffToken();
  const session = await db.staffSession.create({
    data: { staffId: staff.id, tokenHash: hashToken(token), ip: ctx.ip, createdAt: ctx.now, expiresAt: new Date(ctx.now.getTime() + ctx.hours * 3_600_000) },
  });
  return { token, session };
}

/** The live session behind a token: not expired, not revoked, its holder active. */
export async function liveSession(db: Db, token: string, now: Date): Promise<(StaffSession & { staff: Staff }) | null> {
  const session = await db.staffSession.findUnique({ where: { tokenHash: hashToken(token) }, include: { staff: true } });
  if (!session || session.revokedAt || session.expiresAt <= now || !session.staff.active) return null;
  return session;
}

export async function revokeSession(db: Db, sessionId: string, ctx: { now: Date; actor: string }): Promise<void> {
  await db.staffSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: ctx.now, revokedBy: ctx.actor } });
}

/** Ends every session of a staff member, and their long-lived console token if they hold one. Returns how many ended. */
export async function revokeAllSessions(db: Db, staffId: string, ctx: { now: Date; actor: string }): Promise<number> {
  const { count } = await db.staffSession.updateMany({ where: { staffId, revokedAt: null, expiresAt: { gt: ctx.now } }, data: { revokedAt: ctx.now, revokedBy: ctx.actor } });
  await db.staff.update({ where: { id: staffId }, data: { tokenHash: null } });
  return count;
}
