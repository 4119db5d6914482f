import type { Message, Prisma } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';
import { isUniqueViolation } from '../db/transaction.js';
import type { InboundMessage } from '../messages/inbound-message.js';
import type { OutboundMessage } from '../messages/outbound-message.js';

type RecordInboundInput = {
  message: InboundMessage;
  conversationId: string;
  customerId: string;
  ticketId?: string | null;
  understanding?: unknown;
};

function attachmentSummary(message: InboundMessage): Prisma.InputJsonValue {
  return message.attachments.map((a) => ({
    filename: a.filename ?? null,
    contentType: a.contentType ?? null,
    size: a.size,
    url: a.url ?? null,
  }));
}

/**
 * Stores an inbound message once: `(channel, externalId)` is unique, so a redelivered webhook or a
 * re-fetched mail finds the first copy and `duplicate` is true.
 */
export async function recordInbound(db: Db, input: RecordInboundInput): Promise<{ message: Message; duplicate: boolean }> {
  const { message } = input;
  const existing = await findInbound(db, message.channel, message.externalId);
  if (existing) return { message: existing, duplicate: true };
  try {
    const created = await db.message.create({
      data: {
        conversationId: input.conversationId,
        customerId: input.customerId,
        ticketId: input.ticketId ?? null,
        direction: 'inbound',
        channel: message.channel,
        externalId: message.externalId,
        author: 'customer',
        text: message.text,
        subject: message.subject,
        raw: (message.raw ?? undefined) as Prisma.InputJsonValue | undefined,
        attachments: attachmentSummary(message),
        understanding: (input.understanding ?? undefined) as Prisma.InputJsonValue | undefined,
        createdAt: message.receivedAt,
        files: {
          create: message.attachments.map((a) => ({
            ticketId: input.ticketId ?? null,
            filename: a.filename,
            contentType: a.contentType,
            size: a.size,
            url: a.url,
            data: a.content ? new Uint8Array(a.content) : undefined,
          })),
        },
      },
    });
    return { message: created, duplicate: false };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const winner = await findInbound(db, message.channel, message.externalId);
    if (!winner) throw err;
    return { message: winner, duplicate: true };
  }
}

export function findInbound(db: Db, channel: InboundMessage['channel'], externalId: string): Promise<Message | null> {
  return db.message.findUnique({ where: { channel_externalId: { channel, externalId } } });
}

/** Keeps the bot's or a person's reply in the conversation, linked to what it answers. */
export function recordOutbound(
  db: Db,
  input: { reply: OutboundMessage; conversationId: string; customerId?: string | null; ticketId?: string | null; inReplyToId?: string | null; author: string; at: Date },
): Promise<Message> {
  return db.message.create({
    data: {
      conversationId: input.conversationId,
      customerId: input.customerId ?? null,
      ticketId: input.ticketId ?? null,
      direction: 'outbound',
      channel: input.reply.channel,
      inReplyToId: input.inReplyToId ?? null,
      author: input.author,
      text: input.reply.text,
      subject: input.reply.subject,
      raw: { choices: input.reply.choices ?? [], meta: input.reply.meta } as Prisma.InputJsonValue,
      createdAt: input.at,
    },
  });
}

/** The replies stored for an inbound message, in order: what a retried webhook gets back. */
export function repliesTo(db: Db, inboundId: string): Promise<Message[]> {
  return db.message.findMany({ where: { inReplyToId: inboundId }, orderBy: [{ seq: 'asc' }] });
}
