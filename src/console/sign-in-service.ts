import type { Db } from '../db/db.js';
import { AppError, UnauthorizedError } from '../errors/app-error.js';
import { verifyAgainstNothing, verifyPassword } from './password.js';
import { openSession } from './staff-sessions.js';

export type SignInLimits = {
  /** Failed passwords in a row before the account locks. */
  maxFailures: number;
  /** How long a locked account stays locked. */
  lockMinutes: number;
  sessionHours: number;
};

/** Too many attempts: 429 with the seconds to wait (the route sends them as Retry-After). */
export class SignInThrottledError extends AppError {
  readonly code = 'sign_in.throttled';
  override readonly status = 429;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

const WRONG = 'E-mail or password is wrong.';

/**
 * Checks an e-mail and password and opens a session. Refused with 429 while the account is locked; the
 * answer for a wrong password and an unknown e-mail is the same. Every attempt is recorded (SignInAttempt)
 * for the audit. Attempts per client address are limited before this runs, by the HTTP rate limit
 * (RATE_LIMIT_SIGN_IN_PER_MINUTE): one setting per address, one (the lockout) per account.
 */
export async function signIn(db: Db, input: { email: string; password: string; ip: string | null }, ctx: { now: Date; limits: SignInLimits }) {
  const { now, limits } = ctx;
  const email = input.email.trim().toLowerCase();
  const staff = await db.staff.findFirst({ where: { email: { equals: email, mode: 'insensitive' } } });
  if (staff?.lockedUntil && staff.lockedUntil > now) {
    await db.signInAttempt.create({ data: { email, ip: input.ip, ok: false, at: now } });
    throw new SignInThrottledError('This account is locked after repeated failed sign-ins; wait and try again.', secondsUntil(staff.lockedUntil.getTime(), now));
  }
  const ok = staff?.passwordHash && staff.active ? await verifyPassword(input.password, staff.passwordHash) : await verifyAgainstNothing(input.password);
  await db.signInAttempt.create({ data: { email, ip: input.ip, ok, at: now } });
  if (!ok || !staff) {
    if (staff) {
      const failures = staff.failedSignIns + 1;
      const lock = failures >= limits.maxFailures;
      await db.staff.update({
        where: { id: staff.id },
        data: lock ? { failedSignIns: 0, lockedUntil: new Date(now.getTime() + limits.lockMinutes * 60_000) } : { failedSignIns: failures },
      });
    }
    throw new UnauthorizedError(WRONG);
  }
  await db.staff.update({ where: { id: staff.id }, data: { failedSignIns: 0, lockedUntil: null } });
  const { token, session } = await openSession(db, staff, { now, hours: limits.sessionHours, ip: input.ip });
  return { token, session, staff };
}

function secondsUntil(ms: number, now: Date): number {
  return Math.max(1, Math.ceil((ms - now.getTime()) / 1000));
}
