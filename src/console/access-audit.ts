import type { AccessAudit, Prisma } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';

export { clientIp } from '../http/client-ip.js';

/** Reads of personal data, ticket changes, and the account and access decisions around them. */
export type AccessAction =
  | 'sign_in'
  | 'sign_in_failed'
  | 'sign_out'
  | 'sessions_revoked'
  | 'password_changed'
  | 'view_customer'
  | 'search_customers'
  | 'view_conversation'
  | 'view_ticket'
  | 'list_tickets'
  | 'list_queue'
  | 'list_inbox'
  | 'list_outbox'
  | 'list_notifications'
  | 'list_access_requests'
  | 'list_call_tasks'
  | 'list_visits'
  | 'view_visit'
  | 'ticket_change'
  | 'call_logged'
  | 'visit_change'
  | 'archive_requested'
  | 'archive_decided'
  | 'staff_change'
  | 'export_report'
  | 'customer_merged'
  | 'conversation_closed';

export type AccessEntry = {
  staffId: string;
  action: AccessAction;
  customerId?: string | null;
  ticketId?: string | null;
  ip?: string | null;
  reason?: string | null;
  /** Filters and result size of a list; the customers a list showed (customerIds); what a change did. */
  detail?: Prisma.InputJsonValue;
  at: Date;
};

/** Appends one row to the access audit (the table refuses updates and deletes). */
export function recordAccess(db: Db, entry: AccessEntry): Promise<AccessAudit> {
  return db.accessAudit.create({
    data: {
      actor: `staff:${entry.staffId}`,
      staffId: entry.staffId,
      action: entry.action,
      customerId: entry.customerId ?? null,
      ticketId: entry.ticketId ?? null,
      ip: entry.ip ?? null,
      reason: entry.reason ?? null,
      detail: entry.detail,
      at: entry.at,
    },
  });
}

/** The customers behind a list's rows, once each: audit rows of lists carry them so a customer's audit finds the list. */
export function customerIdsOf(rows: readonly { customerId?: string | null }[]): string[] {
  return [...new Set(rows.map((r) => r.customerId).filter((id): id is string => !!id))];
}
