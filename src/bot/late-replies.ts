import type { Db } from '../db/db.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { ChannelKind } from '../messages/channel-kind.js';
import type { OutboundMessage } from '../messages/outbound-message.js';
import { queueOutbound } from '../outbound/outbound-service.js';

/*
 * Replies of a turn nobody waited for (the webhook answered before the dialog finished, or the queue or the
 * sweeper ran the turn after a crash). SMS replies go out through the outbox, once per inbound message and
 * reply. Chat pages and e-mail get theirs when they come back for the same message (a retried POST, a
 * re-fetched mail: the stored replies), and a voice call has hung up by then.
 */

const smsReplyKey = (externalId: string, index: number) => `sms-reply:${externalId}:${index}`;

export type LateReplies = {
  inbound: { channel: ChannelKind; externalId: string; from: string };
  replies: OutboundMessage[];
  conversation: { id: string; customerId: string; ticketId: string | null };
};

/** Queues what must go out by itself; inside the turn's transaction, so it goes out only if the turn commits. */
export async function queueLateReplies(tx: Db, jobs: Pick<JobQueue, 'send'>, late: LateReplies): Promise<void> {
  if (late.inbound.channel !== 'sms') return;
  for (const [i, reply] of late.replies.filter((r) => r.channel === 'sms').entries()) {
    await queueOutbound(tx, jobs, { ...reply, to: late.inbound.from, purpose: 'reply' }, {
      conversationId: late.conversation.id,
      customerId: late.conversation.customerId,
      ticketId: late.conversation.ticketId,
      idempotencyKey: smsReplyKey(late.inbound.externalId, i),
    });
  }
}

/** Whether the message's replies went out through the outbox: a redelivery must not send them again. */
export async function lateRepliesQueued(db: Db, channel: ChannelKind, externalId: string): Promise<boolean> {
  if (channel !== 'sms') return false;
  return (await db.outboundMessage.count({ where: { idempotencyKey: { startsWith: smsReplyKey(externalId, 0).slice(0, -1) } } })) > 0;
}

/** Whether the message's replies go out by themselves when nobody waits for them. */
export function needsLateDelivery(channel: ChannelKind): boolean {
  return channel === 'sms';
}
