import type { Request } from 'restify';
import type { AccessAudit } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';

export type AccessAction = 'view_customer' | 'search_customers' | 'view_conversation' | 'view_ticket';

/** Who looked at whose data: one row per look at a customer archive, conversation or ticket. */
export function recordAccess(
  db: Db,
  entry: { staffId: string; action: AccessAction; customerId?: string | null; ticketId?: string | null; ip?: string | null; at: Date },
): Promise<AccessAudit> {
  return db.accessAudit.create({
    data: {
      actor: `staff:${entry.staffId}`,
      action: entry.action,
      customerId: entry.customerId ?? null,
      ticketId: entry.ticketId ?? null,
      ip: entry.ip ?? null,
      at: entry.at,
    },
  });
}

/** The caller's address; X-Forwarded-For only counts behind a proxy we trust (TRUST_PROXY). */
export function clientIp(req: Request, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = String(req.headers['x-forwarded-for'] ?? '').split(',')[0]?.trim();
    if (forwarded) return forwarded.slice(0, 100);
  }
  return req.socket?.remoteAddress ?? null;
}
