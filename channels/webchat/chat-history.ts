import type { Message } from '../../src/generated/prisma/client.js';
import type { Db } from '../../src/db/db.js';

/** One line of the chat as the page shows it; staff ids stay on the server. */
export type ChatLine = {
  id: string;
  seq: number;
  direction: 'inbound' | 'outbound';
  author: 'customer' | 'bot' | 'staff' | 'system';
  text: string;
  choices: string[];
  at: string;
  /** The page's own id for a message it sent (so a reload knows what already arrived). */
  clientId?: string;
};

export function toChatLine(message: Message): ChatLine {
  const raw = (message.raw ?? {}) as { choices?: unknown; clientMessageId?: unknown };
  const author = message.author === 'customer' || message.author === 'bot' ? message.author : message.author.startsWith('staff:') ? 'staff' : 'system';
  return {
    id: message.id,
    seq: message.seq,
    direction: message.direction,
    author: message.direction === 'inbound' ? 'customer' : author,
    text: message.text,
    choices: Array.isArray(raw.choices) ? raw.choices.filter((c): c is string => typeof c === 'string') : [],
    at: message.createdAt.toISOString(),
    ...(message.direction === 'inbound' && typeof raw.clientMessageId === 'string' ? { clientId: raw.clientMessageId } : {}),
  };
}

export function findChatConversation(db: Db, sessionId: string) {
  return db.conversation.findUnique({ where: { channel_threadKey: { channel: 'chat', threadKey: sessionId } } });
}

/** The whole conversation of a session, oldest first (capped: a chat page is not an archive). */
export async function chatHistory(db: Db, sessionId: string, limit = 500) {
  const conversation = await findChatConversation(db, sessionId);
  if (!conversation) return { state: 'bot' as const, lines: [] as ChatLine[], lastEventId: 0 };
  const messages = await db.message.findMany({ where: { conversationId: conversation.id }, orderBy: [{ seq: 'desc' }], take: limit });
  const lines = messages.reverse().map(toChatLine);
  return { state: conversation.state, lines, lastEventId: lines.at(-1)?.seq ?? 0 };
}

/**
 * What the event stream pushes: outbound messages that answer no inbound message in a turn (staff
 * replies, surveys, follow-ups). Turn replies already came back in the POST response.
 */
export async function proactiveSince(db: Db, sessionId: string, afterSeq: number): Promise<{ lines: ChatLine[]; state: string | null }> {
  const conversation = await findChatConversation(db, sessionId);
  if (!conversation) return { lines: [], state: null };
  const messages = await db.message.findMany({
    where: { conversationId: conversation.id, seq: { gt: afterSeq }, direction: 'outbound', inReplyToId: null },
    orderBy: [{ seq: 'asc' }],
    take: 200,
  });
  return { lines: messages.map(toChatLine), state: conversation.state };
}

export async function latestSeq(db: Db, sessionId: string): Promise<number> {
  const conversation = await findChatConversation(db, sessionId);
  if (!conversation) return 0;
  const last = await db.message.findFirst({ where: { conversationId: conversation.id }, orderBy: [{ seq: 'desc' }], select: { seq: true } });
  return last?.seq ?? 0;
}
