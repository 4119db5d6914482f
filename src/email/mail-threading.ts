import type { Conversation, Ticket } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';
import { findCustomerByContact } from '../customers/customer-service.js';
import { findOrOpenConversation } from '../conversations/conversation-service.js';

/** What the threading needs to know about a mail (channels/email passes its parsed mail). */
export type ThreadingInput = {
  messageId: string;
  inReplyTo?: string;
  references: readonly string[];
  from: string;
  forward: boolean;
  /** Ticket number found in the subject. */
  ticketNumber?: string;
};

export type MailThread = {
  /** Conversation.threadKey on the email channel: the thread's root Message-ID, or `ticket:<number>`. */
  conversationKey: string;
  threadedBy: 'references' | 'ticket-number' | 'new';
  /** The ticket this mail continues (its conversation's ticket). */
  ticket?: Pick<Ticket, 'id' | 'number' | 'customerId'>;
  /** Someone else's ticket number (or a forward of one): the new ticket links to it. */
  linkedTicket?: Pick<Ticket, 'id' | 'number'>;
  /** The sender is a member of staff (a reply from their mail client, copied to the support box). */
  staffId?: string;
};

const ticketFields = { id: true, number: true, customerId: true } as const;

/** The email conversation a known Message-ID belongs to: one of our sent mails, a stored inbound one, or a thread root. */
async function conversationByMessageIds(db: Db, ids: readonly string[]): Promise<Conversation | null> {
  if (ids.length === 0) return null;
  const [inbound, outbound, roots] = await Promise.all([
    db.message.findMany({ where: { channel: 'email', externalId: { in: [...ids] } }, select: { externalId: true, conversationId: true } }),
    db.outboundMessage.findMany({
      where: { channel: 'email', providerMessageId: { in: [...ids] }, conversationId: { not: null } },
      select: { providerMessageId: true, conversationId: true },
    }),
    db.conversation.findMany({ where: { channel: 'email', threadKey: { in: [...ids] } } }),
  ]);
  // The nearest ancestor wins: In-Reply-To first, then References from the newest back to the root.
  for (const id of ids) {
    const root = roots.find((c) => c.threadKey === id);
    if (root) return root;
    const conversationId = inbound.find((m) => m.externalId === id)?.conversationId ?? outbound.find((o) => o.providerMessageId === id)?.conversationId;
    if (conversationId) return db.conversation.findUnique({ where: { id: conversationId } });
  }
  return null;
}

async function staffIdByEmail(db: Db, address: string): Promise<string | undefined> {
  const staff = await db.staff.findFirst({ where: { email: { equals: address, mode: 'insensitive' }, active: true }, select: { id: true } });
  return staff?.id;
}

/** The email conversation that carries this ticket now, else a `ticket:<number>` one. */
async function ticketConversationKey(db: Db, ticket: Pick<Ticket, 'id' | 'number'>): Promise<string> {
  const current = await db.conversation.findFirst({ where: { channel: 'email', ticketId: ticket.id }, orderBy: { updatedAt: 'desc' } });
  return current?.threadKey ?? `ticket:${ticket.number}`;
}

/**
 * Decides which conversation (and so which ticket) a mail continues:
 * 1. a forward always starts a new conversation (linked to a ticket its subject names);
 * 2. a reply threads by In-Reply-To / References, whatever its subject now says;
 * 3. a ticket number in the subject threads when the sender is the ticket's customer (any of their known
 *    addresses) or staff; anyone else starts a new ticket linked to that one;
 * 4. otherwise a new conversation keyed by the thread's root Message-ID.
 */
export async function resolveMailThread(db: Db, input: ThreadingInput): Promise<MailThread> {
  const staffId = await staffIdByEmail(db, input.from);
  const numbered = input.ticketNumber ? await db.ticket.findUnique({ where: { number: input.ticketNumber }, select: ticketFields }) : null;

  if (input.forward) {
    return { conversationKey: input.messageId, threadedBy: 'new', staffId, linkedTicket: numbered ?? undefined };
  }

  const ancestors = [...new Set([input.inReplyTo, ...[...input.references].reverse()].filter((id): id is string => !!id && id !== input.messageId))];
  const conversation = await conversationByMessageIds(db, ancestors);
  if (conversation) {
    const ticket = conversation.ticketId ? await db.ticket.findUnique({ where: { id: conversation.ticketId }, select: ticketFields }) : null;
    return { conversationKey: conversation.threadKey, threadedBy: 'references', ticket: ticket ?? undefined, staffId };
  }

  if (numbered) {
    const sender = staffId ? null : await findCustomerByContact(db, 'email', input.from);
    if (staffId || sender?.id === numbered.customerId) {
      return { conversationKey: await ticketConversationKey(db, numbered), threadedBy: 'ticket-number', ticket: numbered, staffId };
    }
    return { conversationKey: input.messageId, threadedBy: 'new', linkedTicket: numbered, staffId };
  }

  return { conversationKey: input.references[0] ?? input.messageId, threadedBy: 'new', staffId };
}

/**
 * Makes sure the conversation a ticket-number thread points at exists and carries the ticket, so the turn
 * continues that ticket (it may have been opened on another channel).
 */
export async function ensureTicketConversation(db: Db, thread: MailThread): Promise<void> {
  if (thread.threadedBy !== 'ticket-number' || !thread.ticket) return;
  await findOrOpenConversation(db, { channel: 'email', threadKey: thread.conversationKey, customerId: thread.ticket.customerId, ticketId: thread.ticket.id });
}
