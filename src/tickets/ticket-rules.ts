import type { TicketStatus } from '../generated/prisma/enums.js';

/** The ticket lifecycle as a table: a move not listed here is refused with a typed error. */
export const ticketTransitions = {
  new: ['triaged', 'assigned', 'waiting_customer', 'resolved', 'closed'],
  triaged: ['assigned', 'waiting_customer', 'resolved', 'closed'],
  assigned: ['scheduled', 'in_progress', 'waiting_customer', 'resolved'],
  scheduled: ['in_progress', 'waiting_customer', 'resolved'],
  in_progress: ['scheduled', 'waiting_customer', 'resolved'],
  waiting_customer: ['in_progress', 'assigned', 'resolved', 'closed'],
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: ['triaged', 'assigned', 'in_progress', 'resolved'],
} as const satisfies Record<TicketStatus, readonly TicketStatus[]>;

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return (ticketTransitions[from] as readonly TicketStatus[]).includes(to);
}

export const openStatuses: readonly TicketStatus[] = [
  'new',
  'triaged',
  'assigned',
  'scheduled',
  'in_progress',
  'waiting_customer',
  'reopened',
];

export function isOpen(status: TicketStatus): boolean {
  return openStatuses.includes(status);
}

export const TICKET_NUMBER_PATTERN = /\bSR-(\d{4})-(\d{6})\b/i;

export function formatTicketNumber(year: number, sequence: number): string {
  return `SR-${year}-${String(sequence).padStart(6, '0')}`;
}
