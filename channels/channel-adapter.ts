import { AppError } from '../src/errors/app-error.js';
import type { ChannelKind } from '../src/messages/channel-kind.js';
import type { InboundMessage } from '../src/messages/inbound-message.js';
import type { OutboundMessage } from '../src/messages/outbound-message.js';

/** Result of one inbound message going through the bot. */
export type TurnResult = {
  /** Replies to deliver now (TwiML, chat response, e-mail). */
  replies: OutboundMessage[];
  /** The same provider message was processed before: replies are the stored ones. */
  duplicate: boolean;
  /**
   * The message is stored, but the dialog did not finish within `replyWithinMs`: it finishes later (here,
   * or from the queue or the sweeper after a crash) and its replies go out through the outbox.
   */
  deferred?: boolean;
};

export type TurnOptions = {
  /** How long the caller can wait for the replies once the message is stored (an SMS webhook's budget). */
  replyWithinMs?: number;
};

/**
 * Stores one inbound message (committed before this resolves), then runs it through understanding,
 * dialogs and the domain.
 */
export type Turn = (message: InboundMessage, options?: TurnOptions) => Promise<TurnResult>;

/** A message arrived while no turn is wired to the channel (app.ts always wires one; the bot itself loads lazily): 503, try again. */
export class BotUnavailableError extends AppError {
  readonly code = 'bot.unavailable';
  override readonly status = 503;
  override readonly retryable = true;

  constructor() {
    super('The assistant is not available right now; please try again in a moment.');
  }
}

/** Every transport implements this; it knows its wire format and nothing about tickets. */
export interface ChannelAdapter {
  readonly kind: ChannelKind;
  /** Sends a proactive or deferred message; returns the provider's id for delivery tracking. */
  send(message: OutboundMessage): Promise<{ providerMessageId: string }>;
  /** Whether real credentials are configured; without them outbound rows stay in the outbox. */
  readonly configured: boolean;
  stop?(): Promise<void>;
}
