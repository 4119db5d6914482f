import type { Server } from 'restify';
import { z } from 'zod';
import type { StaffRole } from '../generated/prisma/enums.js';
import { CALL_TASK_KINDS, CallOutcome, recordCallOutcome } from '../follow-ups/call-outcome.js';
import type { BusinessCalendar } from '../sla/business-calendar.js';
import { customerIdsOf } from './access-audit.js';
import type { ConsoleDeps } from './console-deps.js';
import { audit, param, staffRoute } from './console-route.js';

/** Calling customers is customer service's work, as complaints are: agents and supervisors (engineers get 403). */
const CALL_ROLES: readonly StaffRole[] = ['agent', 'supervisor', 'admin'];

const ListQuery = z.object({
  status: z.enum(['open', 'done']).default('open'),
  kind: z.enum(CALL_TASK_KINDS).optional(),
});
const OutcomeBody = z.strictObject({ outcome: CallOutcome, note: z.string().trim().max(2000).optional() });

export type ConsoleCallTaskDeps = ConsoleDeps & { calendar: BusinessCalendar };

/**
 * Phone calls for staff to make: follow-up calls (after a repair, a new installation, the quarterly contact)
 * and call-backs. Staff list them and log each call's outcome with a note, which completes the task
 * (src/follow-ups/call-outcome.ts). Mounted by app.ts, which holds the business calendar.
 */
export function mountConsoleCallTaskRoutes(server: Server, deps: ConsoleCallTaskDeps): void {
  const { db } = deps;

  server.get(
    '/console/api/call-tasks',
    staffRoute(
      deps,
      async (req, res, staff) => {
        const q = ListQuery.parse(req.query ?? {});
        const tasks = await db.staffTask.findMany({
          where: { kind: q.kind ? q.kind : { in: [...CALL_TASK_KINDS] }, status: q.status },
          orderBy: q.status === 'open' ? [{ dueAt: 'asc' }, { createdAt: 'asc' }] : [{ doneAt: 'desc' }],
          take: 200,
        });
        const [customers, tickets] = await Promise.all([
          db.customer.findMany({ where: { id: { in: customerIdsOf(tasks) } }, select: { id: true, name: true, company: true } }),
          db.ticket.findMany({ where: { id: { in: tasks.flatMap((t) => (t.ticketId ? [t.ticketId] : [])) } }, select: { id: true, number: true } }),
        ]);
        const customerById = new Map(customers.map((c) => [c.id, c]));
        const ticketById = new Map(tickets.map((t) => [t.id, t]));
        // Names and phone numbers to call: a read of personal data like any list.
        await audit(deps, req, staff, { action: 'list_call_tasks', detail: { filters: { ...q }, count: tasks.length, customerIds: customerIdsOf(tasks) } });
        res.json({
          tasks: tasks.map((t) => {
            const details = (t.details ?? {}) as Record<string, unknown>;
            return {
              id: t.id,
              kind: t.kind,
              title: t.title,
              status: t.status,
              dueAt: t.dueAt,
              doneAt: t.doneAt,
              outcome: t.outcome,
              note: typeof details.callNote === 'string' ? details.callNote : null,
              reason: typeof details.reason === 'string' ? details.reason : null,
              followUpKind: typeof details.kind === 'string' ? details.kind : null,
              phone: typeof details.phone === 'string' ? details.phone : null,
              staffId: t.staffId,
              customer: t.customerId ? (customerById.get(t.customerId) ?? null) : null,
              ticket: t.ticketId ? (ticketById.get(t.ticketId) ?? null) : null,
            };
          }),
        });
      },
      CALL_ROLES,
    ),
  );

  server.post(
    '/console/api/call-tasks/:id/outcome',
    staffRoute(
      deps,
      async (req, res, staff) => {
        const body = OutcomeBody.parse(req.body ?? {});
        const result = await recordCallOutcome(db, param(req, 'id'), body, { now: deps.clock(), staffId: staff.id, events: deps.events, calendar: deps.calendar });
        await audit(deps, req, staff, {
          action: 'call_logged',
          customerId: result.task.customerId,
          ticketId: result.task.ticketId,
          detail: { taskId: result.task.id, outcome: body.outcome, callbackTaskId: result.callback?.id ?? null },
        });
        res.json(result);
      },
      CALL_ROLES,
    ),
  );
}
