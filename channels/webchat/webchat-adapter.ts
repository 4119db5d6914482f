import type { Server } from 'restify';
import type { Prisma } from '../../src/generated/prisma/client.js';
import type { Clock } from '../../src/clock.js';
import type { Db } from '../../src/db/db.js';
import { isUniqueViolation } from '../../src/db/transaction.js';
import type { Logger } from '../../src/logger.js';
import type { OutboundMessage } from '../../src/messages/outbound-message.js';
import type { ChannelAdapter, Turn } from '../channel-adapter.js';
import { findChatConversation } from './chat-history.js';
import { ChatStreams } from './chat-streams.js';
import { mountWebchatRoutes } from './webchat-routes.js';

export type WebchatDeps = { db: Db; clock: Clock; logger: Logger };

/**
 * The web chat at /chat. Replies of a turn go back in the POST response; proactive messages (staff
 * replies, surveys, follow-ups) come through `send`, which the `message.send` job calls: it makes sure
 * the message is in the conversation (history) and wakes the session's event streams.
 */
export class WebchatAdapter implements ChannelAdapter {
  readonly kind = 'chat' as const;
  /** Nothing to configure: the page is served by this app. */
  readonly configured = true;
  readonly streams = new ChatStreams();
  private turn: Turn | undefined;

  constructor(private readonly deps: WebchatDeps) {}

  /** The dialog engine's turn; until it is set, posting a message answers 503. */
  useTurn(turn: Turn): void {
    this.turn = turn;
  }

  mount(server: Server): void {
    mountWebchatRoutes(server, { ...this.deps, streams: this.streams, turn: () => this.turn });
  }

  async send(message: OutboundMessage): Promise<{ providerMessageId: string }> {
    const sessionId = message.conversationKey ?? message.to;
    const outboundId = typeof message.meta.outboundId === 'string' ? message.meta.outboundId : undefined;
    const stored = await this.storeForHistory(sessionId, message, outboundId);
    this.streams.wake(sessionId);
    return { providerMessageId: `chat:${stored.id}` };
  }

  async stop(): Promise<void> {
    this.streams.closeAll();
  }

  /**
   * Whoever queued the message may already have recorded it (the console records staff replies with
   * externalId `outbound:<outbox row id>`); otherwise it is recorded here, once per outbox row.
   */
  private async storeForHistory(sessionId: string, message: OutboundMessage, outboundId: string | undefined) {
    const { db, clock } = this.deps;
    const externalId = outboundId ? `outbound:${outboundId}` : undefined;
    if (externalId) {
      const existing = await db.message.findUnique({ where: { channel_externalId: { channel: 'chat', externalId } } });
      if (existing) return existing;
    }
    const conversation = await findChatConversation(db, sessionId);
    if (!conversation) throw new Error(`No chat session ${sessionId.slice(0, 8)}…: nothing to deliver to`);
    const author = typeof message.meta.author === 'string' ? message.meta.author : 'bot';
    try {
      return await db.message.create({
        data: {
          conversationId: conversation.id,
          customerId: conversation.customerId,
          ticketId: conversation.ticketId,
          direction: 'outbound',
          channel: 'chat',
          externalId,
          author,
          text: message.text,
          raw: { choices: message.choices ?? [], meta: message.meta, purpose: message.purpose } as Prisma.InputJsonValue,
          createdAt: clock(),
        },
      });
    } catch (err) {
      if (!externalId || !isUniqueViolation(err)) throw err;
      return db.message.findUniqueOrThrow({ where: { channel_externalId: { channel: 'chat', externalId } } });
    }
  }
}
