import type { Db } from '../db/db.js';
import { ON_CALL_NOTICE } from '../notifications/on-call.js';
import type { BusinessCalendar } from '../sla/business-calendar.js';
import type { Policy } from '../sla/policy-schema.js';
import { deadlines, servicePromise, slaInputOf } from '../sla/sla-rules.js';

/**
 * When a customer handed to staff can expect a person: now or at the next opening, and at the latest by the
 * first-response promise. `onCallAlerted`: out of hours, the on-call people were paged about the ticket.
 */
export type StaffReplyTime = { openNow: boolean; opensAt: Date; by: Date; onCallAlerted?: boolean };

export function staffReplyTime(policy: Policy, calendar: BusinessCalendar, now: Date): StaffReplyTime {
  return {
    openNow: calendar.isWithinBusinessHours(now),
    opensAt: calendar.nextBusinessOpening(now),
    by: servicePromise(policy, calendar, 'first_response', now).dueAt,
  };
}

/**
 * The reply time for a conversation about a ticket: "by" is the ticket's own first-response deadline (the stored
 * promise, else the same SLA computation that stores it, with the ticket's urgency), so the customer is told what
 * the ticket says (QA5: told 10:30 while an urgent ticket was due 09:30). Without a ticket, or once that deadline
 * has passed or been met, the promise counted from now.
 */
export async function ticketReplyTime(db: Db, policy: Policy, calendar: BusinessCalendar, now: Date, ticketId: string | null | undefined): Promise<StaffReplyTime> {
  const general = staffReplyTime(policy, calendar, now);
  if (!ticketId) return general;
  const ticket = await db.ticket.findUnique({ where: { id: ticketId } });
  if (!ticket) return general;
  const stored = await db.slaPromise.findUnique({ where: { ticketId_kind: { ticketId, kind: 'first_response' } } });
  const due = stored ? (stored.metAt || stored.cancelledAt ? undefined : stored.dueAt) : deadlines(policy, calendar, slaInputOf(ticket, ticket.createdAt)).find((p) => p.kind === 'first_response')?.dueAt;
  const onCallAlerted = !general.openNow && (await db.staffNotification.count({ where: { ticketId, kind: ON_CALL_NOTICE } })) > 0;
  return { ...general, by: due && due > now ? due : general.by, onCallAlerted };
}
