import type { Server } from 'restify';
import { z } from 'zod';
import type { Staff, Ticket } from '../generated/prisma/client.js';
import type { StaffRole } from '../generated/prisma/enums.js';
import {
  ComplaintResponsibility,
  ComplaintSeverity,
  RevisitOutcome,
  gradeComplaint,
  recordInvestigation,
  recordRemedy,
  recordRevisit,
  type ComplaintContext,
} from '../complaints/complaint-service.js';
import type { BusinessCalendar } from '../sla/business-calendar.js';
import type { Policy } from '../sla/policy-schema.js';
import type { ConsoleDeps } from './console-deps.js';
import { audit, param, staffRoute } from './console-route.js';

const text = z.string().trim().min(1).max(4000);
const GradeBody = z.strictObject({ severity: ComplaintSeverity });
const InvestigationBody = z.strictObject({ finding: text, responsibility: ComplaintResponsibility });
const RemedyBody = z.strictObject({ remedy: text });
const RevisitBody = z.strictObject({ outcome: RevisitOutcome, note: z.string().max(4000).optional() });

/** Complaint handling is customer service's work: agents and supervisors (engineers report through visits). */
const COMPLAINT_ROLES: readonly StaffRole[] = ['agent', 'supervisor', 'admin'];

export type ConsoleComplaintDeps = ConsoleDeps & { policy: Policy; calendar: BusinessCalendar };

/**
 * The complaint flow from the console, one POST per step (src/complaints/complaint-service.ts checks the order):
 * grade, investigation, remedy, revisit under /console/api/tickets/:id/complaint/. Each answers { ticket }.
 */
export function mountConsoleComplaintRoutes(server: Server, deps: ConsoleComplaintDeps): void {
  const context = (staff: Staff): ComplaintContext => ({ now: deps.clock(), actor: `staff:${staff.id}`, policy: deps.policy, calendar: deps.calendar });
  const stepRoute = <B extends z.ZodType>(name: string, body: B, act: (ticketId: string, input: z.infer<B>, ctx: ComplaintContext) => Promise<Ticket>) =>
    server.post(
      `/console/api/tickets/:id/complaint/${name}`,
      staffRoute(deps, async (req, res, staff) => {
        const input = body.parse(req.body ?? {});
        const ticket = await act(param(req, 'id'), input, context(staff));
        await audit(deps, req, staff, { action: 'ticket_change', customerId: ticket.customerId, ticketId: ticket.id, detail: { change: `complaint_${name}` } });
        res.json({ ticket });
      }, COMPLAINT_ROLES),
    );
  stepRoute('grade', GradeBody, (id, b, ctx) => gradeComplaint(deps.db, id, b.severity, ctx));
  stepRoute('investigation', InvestigationBody, (id, b, ctx) => recordInvestigation(deps.db, id, b, ctx));
  stepRoute('remedy', RemedyBody, (id, b, ctx) => recordRemedy(deps.db, id, b, ctx));
  stepRoute('revisit', RevisitBody, (id, b, ctx) => recordRevisit(deps.db, id, b, ctx));
}
