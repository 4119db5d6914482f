import type { OutboundMessage as OutboundRow, Prisma } from '../generated/prisma/client.js';
import type { ChannelAdapter } from '../../channels/channel-adapter.js';
import type { Db } from '../db/db.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../errors/app-error.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { JobResult } from '../jobs/job-map.js';
import type { Logger } from '../logger.js';
import { OutboundMessage, type OutboundMessageInput } from '../messages/outbound-message.js';

export type QueueOutboundOptions = {
  conversationId?: string | null;
  ticketId?: string | null;
  customerId?: string | null;
  /** Same key, same message: a retried job or a double click sends once. */
  idempotencyKey?: string;
  /** Send no earlier than this (quiet hours). */
  notBefore?: Date;
};

/**
 * Stores a proactive or deferred message and enqueues its delivery in the same transaction, so a slow or
 * failing provider never holds up inbound traffic and nothing is sent for a rolled-back change.
 */
export async function queueOutbound(
  db: Db,
  jobs: Pick<JobQueue, 'send'>,
  input: OutboundMessageInput,
  options: QueueOutboundOptions = {},
): Promise<{ row: OutboundRow; created: boolean }> {
  const message = OutboundMessage.parse(input);
  return inTransaction(db, async (tx) => {
    if (options.idempotencyKey) {
      const existing = await tx.outboundMessage.findUnique({ where: { idempotencyKey: options.idempotencyKey } });
      if (existing) return { row: existing, created: false };
    }
    const row = await tx.outboundMessage.create({
      data: {
        channel: message.channel,
        to: message.to,
        purpose: message.purpose,
        subject: message.subject,
        text: message.text,
        meta: { ...message.meta, choices: message.choices ?? [], language: message.language ?? null, conversationKey: message.conversationKey ?? null } as Prisma.InputJsonValue,
        conversationId: options.conversationId ?? null,
        ticketId: options.ticketId ?? null,
        customerId: options.customerId ?? null,
        idempotencyKey: options.idempotencyKey,
      },
    });
    await jobs.send('message.send', { outboundId: row.id }, { tx, startAfter: options.notBefore, singletonKey: `message.send:${row.id}` });
    return { row, created: true };
  });
}

/** The stored row back as the channel-neutral message an adapter sends. */
export function toOutboundMessage(row: OutboundRow): OutboundMessage {
  const meta = (row.meta ?? {}) as Record<string, unknown>;
  const { choices, language, conversationKey, ...rest } = meta;
  return OutboundMessage.parse({
    channel: row.channel,
    to: row.to,
    text: row.text,
    subject: row.subject ?? undefined,
    purpose: row.purpose,
    choices: Array.isArray(choices) && choices.length ? choices : undefined,
    language: typeof language === 'string' ? language : undefined,
    conversationKey: typeof conversationKey === 'string' ? conversationKey : undefined,
    meta: { ...rest, outboundId: row.id },
  });
}

/**
 * The `message.send` job: delivers one row through its channel's adapter. Without credentials the row
 * stays in the outbox (status `outbox`) for the console. A failure is recorded on the row and thrown so
 * the queue retries with backoff.
 */
export function createMessageSendHandler(deps: {
  db: Db;
  adapters: ReadonlyMap<string, ChannelAdapter>;
  logger: Logger;
  clock: () => Date;
}) {
  return async ({ outboundId }: { outboundId: string }): Promise<JobResult> => {
    const row = await deps.db.outboundMessage.findUnique({ where: { id: outboundId } });
    if (!row || ['sent', 'delivered', 'outbox'].includes(row.status)) return 'skipped';
    const adapter = deps.adapters.get(row.channel);
    if (!adapter || !adapter.configured) {
      await deps.db.outboundMessage.update({ where: { id: row.id }, data: { status: 'outbox' } });
      return 'done';
    }
    // Claim the row so a duplicate job does not send it twice.
    const claimed = await deps.db.outboundMessage.updateMany({
      where: { id: row.id, status: { in: ['pending', 'failed'] } },
      data: { status: 'sending', attempts: { increment: 1 } },
    });
    if (claimed.count === 0) return 'skipped';
    try {
      const { providerMessageId } = await adapter.send(toOutboundMessage(row));
      // A delivery callback may already have moved the row on (delivered): never move it back to sent.
      await deps.db.outboundMessage.updateMany({
        where: { id: row.id, status: 'sending' },
        data: { status: 'sent' },
      });
      await deps.db.outboundMessage.update({
        where: { id: row.id },
        data: { providerMessageId, sentAt: deps.clock(), lastError: null },
      });
      if (row.ticketId) {
        await deps.db.ticketEvent.create({
          data: { ticketId: row.ticketId, at: deps.clock(), actor: 'system:outbound', kind: 'message_sent', to: row.channel, data: { outboundId: row.id, purpose: row.purpose } },
        });
      }
      return 'done';
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      // An opted-out recipient or a provider's 4xx will not change on retry: give up at once.
      const permanent = err instanceof AppError && !err.retryable;
      await deps.db.outboundMessage.update({
        where: { id: row.id },
        data: { status: permanent ? 'undelivered' : 'failed', lastError: message.slice(0, 2000) },
      });
      if (row.ticketId) {
        await deps.db.ticketEvent.create({
          data: { ticketId: row.ticketId, at: deps.clock(), actor: 'system:outbound', kind: 'message_failed', to: row.channel, reason: message.slice(0, 500), data: { outboundId: row.id, permanent } },
        });
      }
      if (permanent) {
        deps.logger.warn({ outboundId: row.id, channel: row.channel, code: (err as AppError).code, err: message }, 'outbound message refused; not retried');
        return 'done';
      }
      deps.logger.warn({ outboundId: row.id, channel: row.channel, err: message }, 'outbound message failed; will retry');
      throw err;
    }
  };
}
