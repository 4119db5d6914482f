import type { Server } from 'restify';
import { z } from 'zod';
import { ValidationError } from '../errors/app-error.js';
import { route } from '../http/server.js';
import { clientIp, recordAccess } from './access-audit.js';
import type { ConsoleDeps } from './console-deps.js';
import { audit, staffRoute } from './console-route.js';
import { verifyPassword } from './password.js';
import { signIn, SignInThrottledError } from './sign-in-service.js';
import { setPassword } from './staff-service.js';
import { revokeSession } from './staff-sessions.js';

const SignInBody = z.strictObject({ email: z.string().trim().min(3).max(200), password: z.string().min(1).max(200) });
const PasswordBody = z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: z.string().max(200) });

/** Sign-in (e-mail and password → session token), sign-out, who am I, and changing one's password. */
export function mountConsoleSessionRoutes(server: Server, deps: ConsoleDeps): void {
  const { db, env } = deps;
  const limits = {
    maxFailures: env.CONSOLE_SIGNIN_MAX_FAILURES,
    lockMinutes: env.CONSOLE_SIGNIN_LOCK_MINUTES,
    sessionHours: env.CONSOLE_SESSION_HOURS,
  };

  server.post(
    '/console/api/session',
    route(async (req, res) => {
      const body = SignInBody.parse(req.body ?? {});
      const ip = clientIp(req, env.TRUST_PROXY);
      const now = deps.clock();
      res.setHeader('cache-control', 'no-store');
      try {
        const { token, session, staff } = await signIn(db, { ...body, ip }, { now, limits });
        await recordAccess(db, { staffId: staff.id, action: 'sign_in', ip, at: now, detail: { sessionId: session.id } });
        res.status(201);
        res.json({
          token,
          expiresAt: session.expiresAt,
          mustChangePassword: staff.mustChangePassword,
          staff: { id: staff.id, name: staff.name, role: staff.role, email: staff.email },
        });
      } catch (err) {
        if (err instanceof SignInThrottledError) res.setHeader('retry-after', String(err.retryAfterSeconds));
        throw err;
      }
    }),
  );

  server.del(
    '/console/api/session',
    staffRoute(
      deps,
      async (req, res, staff, caller) => {
        if (caller.sessionId) await revokeSession(db, caller.sessionId, { now: deps.clock(), actor: `staff:${staff.id}` });
        await audit(deps, req, staff, { action: 'sign_out' });
        res.json({ signedOut: true });
      },
      undefined,
      { passwordChange: true },
    ),
  );

  server.get(
    '/console/api/me',
    staffRoute(
      deps,
      async (_req, res, staff) => {
        res.json({ id: staff.id, name: staff.name, role: staff.role, email: staff.email, mustChangePassword: staff.mustChangePassword });
      },
      undefined,
      { passwordChange: true },
    ),
  );

  server.post(
    '/console/api/me/password',
    staffRoute(
      deps,
      async (req, res, staff) => {
        const body = PasswordBody.parse(req.body ?? {});
        if (!staff.passwordHash || !(await verifyPassword(body.currentPassword, staff.passwordHash))) {
          throw new ValidationError('currentPassword: the current password is wrong.');
        }
        await setPassword(db, staff.id, body.newPassword);
        await audit(deps, req, staff, { action: 'password_changed' });
        res.json({ changed: true });
      },
      undefined,
      { passwordChange: true },
    ),
  );
}
