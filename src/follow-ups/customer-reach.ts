import type { Customer } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';
import { normaliseAddress } from '../customers/contact-address.js';
import { contactKindOf } from '../customers/customer-service.js';
import type { ChannelKind } from '../messages/channel-kind.js';

/** Where a proactive message to a customer goes on one channel. */
export type Reach = { to: string; conversationId: string | null; conversationKey?: string };

/**
 * The customer's address on `channel`: the thread of the ticket's (or else the customer's latest)
 * conversation on that channel for chat; their newest contact point of the channel's kind otherwise,
 * falling back to the phone or e-mail written on the ticket. Null when there is no way to reach them.
 */
export async function reachCustomer(
  db: Db,
  customerId: string,
  channel: ChannelKind,
  ticket?: { id: string; contactPhone: string | null; contactEmail: string | null } | null,
): Promise<Reach | null> {
  const conversation =
    (ticket ? await db.conversation.findFirst({ where: { ticketId: ticket.id, channel }, orderBy: { createdAt: 'desc' } }) : null) ??
    (await db.conversation.findFirst({ where: { customerId, channel }, orderBy: { createdAt: 'desc' } }));
  const conversationId = conversation?.id ?? null;
  const conversationKey = conversation?.threadKey;
  if (channel === 'chat') return conversation ? { to: conversation.threadKey, conversationId, conversationKey } : null;
  const kind = contactKindOf[channel];
  const point = await db.contactPoint.findFirst({ where: { customerId, kind }, orderBy: { createdAt: 'desc' } });
  const written = kind === 'phone' ? ticket?.contactPhone : ticket?.contactEmail;
  const to = point?.address ?? (written ? normaliseAddress(kind, written) : null);
  return to ? { to, conversationId, conversationKey } : null;
}

/** True when the customer asked not to get this kind of proactive message on this channel. */
export function hasOptedOut(customer: Pick<Customer, 'optOutSms' | 'optOutEmail' | 'optOutSurveys'>, channel: ChannelKind, purpose: 'survey' | 'follow_up'): boolean {
  if (purpose === 'survey' && customer.optOutSurveys) return true;
  if (channel === 'sms') return customer.optOutSms;
  if (channel === 'email') return customer.optOutEmail;
  return false;
}
