import type { ContactPoint, Conversation, Message } from '../generated/prisma/client.js';
import { normalisePhone } from '../customers/contact-address.js';
import { AppError } from '../errors/app-error.js';
import type { ChannelKind } from '../messages/channel-kind.js';

/** The customer has no address on the channel a reply must go to. */
export class NoReplyAddressError extends AppError {
  readonly code = 'conversation.conflict';
  override readonly status = 409;
}

export type ReplyTarget = { channel: ChannelKind; to: string; subject?: string; meta: Record<string, unknown> };

function newest(contacts: ContactPoint[], kind: ContactPoint['kind']): string | undefined {
  return contacts.filter((c) => c.kind === kind).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0]?.address;
}

/**
 * Where a reply goes: the customer's own channel and address on it. A phone call cannot be answered
 * later by voice, so a voice conversation is answered by SMS to the caller's number.
 */
export function replyTarget(conversation: Conversation, contacts: ContactPoint[], lastInbound: Message | null, ticketNumber?: string): ReplyTarget {
  const meta: Record<string, unknown> = { threadKey: conversation.threadKey };
  switch (conversation.channel) {
    case 'chat':
      return { channel: 'chat', to: conversation.threadKey, meta };
    case 'sms':
    case 'voice': {
      const to = normalisePhone(conversation.threadKey) ?? newest(contacts, 'phone');
      if (!to) throw new NoReplyAddressError('The customer has no phone number to reply to.');
      return { channel: 'sms', to, meta };
    }
    case 'email': {
      const to = newest(contacts, 'email');
      if (!to) throw new NoReplyAddressError('The customer has no e-mail address to reply to.');
      const base = lastInbound?.subject?.trim() || (ticketNumber ? `[${ticketNumber}]` : 'Your service request');
      const subject = /^re:/i.test(base) ? base : `Re: ${base}`;
      // The e-mail adapter turns these into In-Reply-To / References headers.
      return { channel: 'email', to, subject, meta: { ...meta, inReplyTo: lastInbound?.externalId ?? null, ticketNumber: ticketNumber ?? null } };
    }
  }
}

