import { TICKET_NUMBER_PATTERN } from '../../../src/tickets/ticket-rules.js';
import type { MailFilter } from '../mail-filter-chain.js';

/** The ticket number in the subject (`[SR-2026-000123]`, as our replies carry it). */
export const findTicketNumber: MailFilter = (mail, notes) => {
  const match = TICKET_NUMBER_PATTERN.exec(mail.subject);
  return match ? { ...notes, ticketNumber: `SR-${match[1]}-${match[2]}` } : notes;
};
