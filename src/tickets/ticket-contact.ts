import type { Db } from '../db/db.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { queueOutbound } from '../outbound/outbound-service.js';
import type { BusinessCalendar } from '../sla/business-calendar.js';
import { outOfQuietHours } from '../sla/follow-up-rules.js';
import type { Policy } from '../sla/policy-schema.js';

/** What someone asking about a ticket offers as proof they are its contact: a phone (E.164), an e-mail, or a phone's last 4 digits. */
export type ContactProof = { phone?: string; email?: string; last4?: string };

type Reach = { channel: 'sms' | 'email'; to: string };

/** The phones and e-mails that reach a ticket's contact: those written on the ticket first, then its customer's. */
async function ticketContacts(db: Db, ticketId: string): Promise<{ phones: string[]; emails: string[]; best: Reach | null } | null> {
  const ticket = await db.ticket.findUnique({ where: { id: ticketId }, select: { contactPhone: true, contactEmail: true, customerId: true } });
  if (!ticket) return null;
  const points = await db.contactPoint.findMany({ where: { customerId: ticket.customerId, kind: { in: ['phone', 'email'] } }, orderBy: { createdAt: 'asc' } });
  const phones = [ticket.contactPhone, ...points.filter((p) => p.kind === 'phone').map((p) => p.address)].filter((p): p is string => !!p);
  const emails = [ticket.contactEmail, ...points.filter((p) => p.kind === 'email').map((p) => p.address)].filter((e): e is string => !!e).map((e) => e.toLowerCase());
  const written: Reach | null = ticket.contactPhone ? { channel: 'sms', to: ticket.contactPhone } : ticket.contactEmail ? { channel: 'email', to: ticket.contactEmail.toLowerCase() } : null;
  const best = written ?? (phones[0] ? { channel: 'sms', to: phones[0] } : emails[0] ? { channel: 'email', to: emails[0] } : null);
  return { phones: [...new Set(phones)], emails: [...new Set(emails)], best };
}

const digits = (phone: string) => phone.replace(/\D/g, '');

/** Whether the proof names a phone or e-mail of the ticket's contact (a phone compared by its digits, so +886 and 0 forms agree on the last 9). */
export async function ticketContactMatches(db: Db, ticketId: string, proof: ContactProof): Promise<boolean> {
  const contacts = await ticketContacts(db, ticketId);
  if (!contacts) return false;
  if (proof.email && contacts.emails.includes(proof.email.toLowerCase())) return true;
  if (proof.phone && contacts.phones.some((p) => digits(p) === digits(proof.phone!))) return true;
  return !!proof.last4 && /^\d{4}$/.test(proof.last4) && contacts.phones.some((p) => digits(p).endsWith(proof.last4!));
}

/**
 * Sends `text` to the ticket's contact (the phone or e-mail written on it, else its customer's) through the outbox, out of quiet hours:
 * the status asked for by someone who could not prove they are that contact goes to the one who is.
 * Once per `key`; false when the ticket has no phone or e-mail to send to.
 */
export async function sendToTicketContact(
  db: Db,
  ticketId: string,
  text: string,
  key: string,
  ctx: { now: Date; jobs: Pick<JobQueue, 'send'>; policy: Pick<Policy, 'quietHours'>; calendar: BusinessCalendar },
): Promise<boolean> {
  const best = (await ticketContacts(db, ticketId))?.best;
  if (!best) return false;
  await queueOutbound(
    db,
    ctx.jobs,
    best.channel === 'sms' ? { channel: 'sms', to: best.to, text, purpose: 'status' } : { channel: 'email', to: best.to, subject: text.slice(0, 60), text, purpose: 'status' },
    { ticketId, idempotencyKey: `status-to-contact:${key}`, notBefore: outOfQuietHours(ctx.policy, ctx.calendar, ctx.now) },
  );
  return true;
}
