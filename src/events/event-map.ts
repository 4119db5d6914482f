import type { ChannelKind } from '../messages/channel-kind.js';
import type { Complexity, TicketCategory, TicketStatus, Urgency } from '../generated/prisma/enums.js';

/** Every domain event and its payload. Listeners subscribe here; services only emit. */
export type EventMap = {
  'ticket.opened': { ticketId: string; category: TicketCategory; urgency: Urgency; channel: ChannelKind };
  'ticket.status_changed': { ticketId: string; from: TicketStatus; to: TicketStatus; actor: string };
  'ticket.assigned': { ticketId: string; staffId: string; actor: string };
  /** Urgency and complexity set by a person; `onSite`: whether a visit on site is needed (如需現場), when said. */
  'ticket.triaged': { ticketId: string; urgency: Urgency; complexity: Complexity; onSite?: boolean; actor: string };
  'ticket.responded': { ticketId: string; channel: ChannelKind; actor: string };
  'unit.returned': { ticketId: string; assetId: string | null };
  'asset.installed': { assetId: string; customerId: string };
  'conversation.handoff_requested': { conversationId: string; ticketId: string | null; reason: string };
  'conversation.handed_back': { conversationId: string; actor: string };
  /** Staff closed the conversation: it leaves the queue until the customer writes again. */
  'conversation.closed': { conversationId: string; actor: string };
  'customer.opted_out': { customerId: string; channel: ChannelKind };
  'customer.message_received': { customerId: string; conversationId: string; channel: ChannelKind };
  'survey.answered': { surveyId: string; ticketId: string; dissatisfied: boolean };
};

export type EventName = keyof EventMap;
