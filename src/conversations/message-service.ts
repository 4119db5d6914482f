import { randomUUID } from 'node:crypto';
import type { Message, Prisma } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';
import { inTransaction } from '../db/transaction.js';
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

/** What a turn run later (queue, sweeper) needs besides the text: who sent it and what the channel said. */
export type Envelope = { from: string; fromName?: string; meta: Record<string, unknown> };

export function envelopeOf(message: InboundMessage): Envelope {
  return { from: message.from, ...(message.fromName ? { fromName: message.fromName } : {}), meta: message.meta };
}

/**
 * Stores an inbound message once: `(channel, externalId)` is unique, so a redelivered webhook or a
 * re-fetched mail finds the first copy and `duplicate` is true. The insert is `ON CONFLICT DO NOTHING`
 * (createMany with skipDuplicates): a concurrent copy waits for the first to commit and then does
 * nothing, so the winner is read back in a statement of its own and a caller's transaction is never
 * left aborted by a unique-key error.
 */
export async function recordInbound(db: Db, input: RecordInboundInput): Promise<{ message: Message; duplicate: boolean }> {
  const { message } = input;
  const existing = await findInbound(db, message.channel, message.externalId);
  if (existing) return { message: existing, duplicate: true };
  const id = randomUUID();
  const insert = async (tx: Db) => {
    const { count } = await tx.message.createMany({
      data: [
        {
          id,
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
          meta: envelopeOf(message) as unknown as Prisma.InputJsonValue,
          createdAt: message.receivedAt,
        },
      ],
      skipDuplicates: true,
    });
    if (count === 1 && message.attachments.length > 0) {
      await tx.attachment.createMany({
        data: message.attachments.map((a) => ({
          messageId: id,
          ticketId: input.ticketId ?? null,
          filename: a.filename,
          contentType: a.contentType,
          size: a.size,
          url: a.url,
          data: a.content ? new Uint8Array(a.content) : undefined,
        })),
      });
    }
    return count === 1;
  };
  // Message and attachments commit together (a message without its files would look complete).
  const inserted = message.attachments.length > 0 ? await inTransaction(db, insert) : await insert(db);
  const stored = await findInbound(db, message.channel, message.externalId);
  if (!stored) throw new Error(`Inbound ${message.channel} message ${message.externalId} vanished right after it was stored`);
  return { message: stored, duplicate: !inserted };
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
