import { randomUUID } from 'node:crypto';
import type { Conversation } from '../generated/prisma/client.js';
import type { ConversationState } from '../generated/prisma/enums.js';
import type { Db } from '../db/db.js';
import { NotFoundError } from '../errors/app-error.js';
import type { ChannelKind } from '../messages/channel-kind.js';

/** The thread on one channel (a phone number, an e-mail thread, a chat session), created on first contact. */
export async function findOrOpenConversation(
  db: Db,
  input: { channel: ChannelKind; threadKey: string; customerId: string; ticketId?: string | null },
): Promise<Conversation> {
  const key = { channel_threadKey: { channel: input.channel, threadKey: input.threadKey } };
  const existing = await db.conversation.findUnique({ where: key });
  if (existing) {
    if (existing.state === 'closed' || existing.customerId !== input.customerId) {
      return db.conversation.update({
        where: { id: existing.id },
        data: { state: existing.state === 'closed' ? 'bot' : existing.state, customerId: input.customerId },
      });
    }
    return existing;
  }
  // ON CONFLICT DO NOTHING: a concurrent first message on the same thread leaves no aborted transaction.
  await db.conversation.createMany({
    data: [{ id: randomUUID(), channel: input.channel, threadKey: input.threadKey, customerId: input.customerId, ticketId: input.ticketId ?? null }],
    skipDuplicates: true,
  });
  return db.conversation.findUniqueOrThrow({ where: key });
}

export async function setConversationState(
  db: Db,
  conversationId: string,
  state: ConversationState,
  extra: { handoffReason?: string | null; assignedStaffId?: string | null } = {},
): Promise<Conversation> {
  const found = await db.conversation.findUnique({ where: { id: conversationId } });
  if (!found) throw new NotFoundError(`No conversation ${conversationId}`);
  return db.conversation.update({ where: { id: conversationId }, data: { state, ...extra } });
}

/** While a person owns the conversation the bot stays quiet. */
export function botMayAnswer(conversation: Pick<Conversation, 'state'>): boolean {
  return conversation.state === 'bot' || conversation.state === 'closed';
}
