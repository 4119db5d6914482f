import type { Server } from 'restify';
import { z } from 'zod';
import { ForbiddenError, NotFoundError } from '../errors/app-error.js';
import type { ConsoleDeps } from './console-deps.js';
import { audit, param, query, staffRoute, SUPERVISOR_ROLES } from './console-route.js';
import { isSupervisor } from './staff-auth.js';
import { addStaff, changeStaff, NewStaff, StaffChange, staffView } from './staff-service.js';
import { revokeAllSessions } from './staff-sessions.js';

const DutyBody = z.strictObject({ onDuty: z.boolean() });

/** Staff management and the on-duty rota: everyone sees names and who is on duty; supervisors manage. */
export function mountConsoleStaffRoutes(server: Server, deps: ConsoleDeps): void {
  const { db } = deps;
  const view = (full: boolean) => (s: Parameters<typeof staffView>[0]) => staffView(s, deps.clock(), deps.env.BUSINESS_TZ, full);

  server.get(
    '/console/api/staff',
    staffRoute(deps, async (req, res, staff) => {
      const full = isSupervisor(staff);
      const all = full && query(req).all === '1';
      const rows = await db.staff.findMany({ where: all ? {} : { active: true }, orderBy: [{ name: 'asc' }] });
      res.json({ staff: rows.map(view(full)) });
    }),
  );

  server.post(
    '/console/api/staff',
    staffRoute(
      deps,
      async (req, res, staff) => {
        const body = NewStaff.parse(req.body ?? {});
        if (body.role === 'admin' && staff.role !== 'admin') throw new ForbiddenError('Only an admin may add an admin.');
        const created = await addStaff(db, body);
        await audit(deps, req, staff, { action: 'staff_change', detail: { added: created.staff.id, role: created.staff.role } });
        res.status(201);
        res.json({ staff: view(true)(created.staff), oneTimePassword: created.oneTimePassword });
      },
      SUPERVISOR_ROLES,
    ),
  );

  server.patch(
    '/console/api/staff/:id',
    staffRoute(
      deps,
      async (req, res, staff) => {
        const change = StaffChange.parse(req.body ?? {});
        const updated = await changeStaff(db, param(req, 'id'), change, { by: staff, now: deps.clock() });
        await audit(deps, req, staff, { action: 'staff_change', detail: { staffId: updated.id, change: { ...change } } });
        res.json({ staff: view(true)(updated) });
      },
      SUPERVISOR_ROLES,
    ),
  );

  server.post(
    '/console/api/staff/:id/revoke-sessions',
    staffRoute(
      deps,
      async (req, res, staff) => {
        const target = await db.staff.findUnique({ where: { id: param(req, 'id') } });
        if (!target) throw new NotFoundError(`No staff member ${param(req, 'id')}`);
        const ended = await revokeAllSessions(db, target.id, { now: deps.clock(), actor: `staff:${staff.id}` });
        await audit(deps, req, staff, { action: 'sessions_revoked', detail: { staffId: target.id, ended } });
        res.json({ ended });
      },
      SUPERVISOR_ROLES,
    ),
  );

  /** Anyone switches themselves on or off duty. */
  server.post(
    '/console/api/me/duty',
    staffRoute(deps, async (req, res, staff) => {
      const { onDuty } = DutyBody.parse(req.body ?? {});
      const updated = await db.staff.update({ where: { id: staff.id }, data: { onDuty } });
      res.json({ staff: view(false)(updated) });
    }),
  );
}
