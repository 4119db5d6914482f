import { z } from 'zod';
import { ChannelKind } from './channel-kind.js';

export const AttachmentRef = z.object({
  filename: z.string().optional(),
  contentType: z.string().optional(),
  size: z.number().int().nonnegative().default(0),
  /** Where the bytes live when the provider keeps them (MMS media, call recordings). */
  url: z.string().optional(),
  /** The bytes themselves when we keep them (e-mail attachments under the size limit). */
  content: z.instanceof(Buffer).optional(),
});
export type AttachmentRef = z.infer<typeof AttachmentRef>;

/** What every channel turns its traffic into. Channels know nothing beyond this shape. */
export const InboundMessage = z.object({
  channel: ChannelKind,
  /** Provider id (MessageSid, Message-ID, chat activity id): a redelivery carries the same one. */
  externalId: z.string().min(1).max(500),
  /** Sender address: E.164 phone, e-mail address or chat id. */
  from: z.string().min(1).max(320),
  /** Display name when the channel knows it (e-mail From name). */
  fromName: z.string().max(200).optional(),
  /** The thread on this channel: phone number, call, e-mail thread root, chat session. */
  conversationKey: z.string().min(1).max(500),
  text: z.string().max(100_000),
  subject: z.string().max(1_000).optional(),
  attachments: z.array(AttachmentRef).default([]),
  receivedAt: z.coerce.date(),
  /** Channel details the domain may use without knowing the wire format (e-mail threading, speech confidence). */
  meta: z.record(z.string(), z.unknown()).default({}),
  /** The provider payload as received, kept on the message for staff and audits. */
  raw: z.unknown().optional(),
});
export type InboundMessage = z.infer<typeof InboundMessage>;
export type InboundMessageInput = z.input<typeof InboundMessage>;
