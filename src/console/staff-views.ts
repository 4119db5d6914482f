import type { ContactPoint, Conversation, OutboundMessage } from '../generated/prisma/client.js';

/**
 * What staff APIs show of rows that hold a channel's thread key. For web chat the thread key is the
 * customer's session id: whoever holds it can read the chat and post as the customer, so it never leaves
 * the server. Phone and e-mail addresses stay (staff need them), chat ids do not.
 */
export function conversationView<C extends Pick<Conversation, 'threadKey' | 'state'>>(conversation: C): Omit<C, 'threadKey'> {
  const { threadKey: _hidden, ...rest } = conversation;
  return rest;
}

export function contactsView<P extends Pick<ContactPoint, 'kind'>>(contacts: readonly P[]): P[] {
  return contacts.filter((c) => c.kind !== 'chat');
}

const HIDDEN_META = ['threadKey', 'conversationKey'];

export function outboundView(row: OutboundMessage) {
  const meta = Object.fromEntries(Object.entries((row.meta ?? {}) as Record<string, unknown>).filter(([k]) => !HIDDEN_META.includes(k)));
  return { ...row, to: row.channel === 'chat' ? null : row.to, meta };
}
