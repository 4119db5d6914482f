import type { Db } from '../../src/db/db.js';
import { inTransaction } from '../../src/db/transaction.js';
import type { JobQueue } from '../../src/jobs/job-queue.js';
import type { OutboundMessage } from '../../src/messages/outbound-message.js';
import { queueOutbound } from '../../src/outbound/outbound-service.js';
import { newMessageId } from './message-id.js';

const REPLY_PREFIX = /^\s*(re|aw|sv|回覆|回复)\s*[:：]/i;
const MAX_REFERENCES = 20;

/** `[SR-2026-000123]` at the end of the subject, once. */
export function withTicketNumber(subject: string, ticketNumber: string | undefined): string {
  if (!ticketNumber || subject.toUpperCase().includes(ticketNumber.toUpperCase())) return subject;
  return `${subject} [${ticketNumber}]`.trim();
}

/** `Re: <their subject> [SR-…]`: one Re:, the ticket number once. */
export function replySubject(original: string, ticketNumber: string | undefined): string {
  const base = original.trim();
  const subject = !base ? '' : REPLY_PREFIX.test(base) ? base : `Re: ${base}`;
  return withTicketNumber(subject, ticketNumber);
}

export type RepliedMail = { messageId: string; references: readonly string[]; subject: string; from: string };

/**
 * One turn's replies as one e-mail: chat-style dialogs answer in several short messages ("Thanks." +
 * "Which model?"), which by mail would be several mails per customer message.
 */
export function combineReplies(replies: readonly OutboundMessage[]): OutboundMessage {
  const last = replies.at(-1)!;
  return {
    ...last,
    text: replies.map((r) => r.text.trim()).filter(Boolean).join('\n\n'),
    subject: replies.find((r) => r.subject)?.subject,
    purpose: replies.find((r) => r.purpose !== 'reply')?.purpose ?? last.purpose,
    meta: Object.assign({}, ...replies.map((r) => r.meta)) as Record<string, unknown>,
  };
}

/**
 * Queues the turn's replies to one inbound mail as one outbound row with its own Message-ID (also stored
 * as providerMessageId, so the customer's answer threads even before delivery is confirmed),
 * In-Reply-To/References pointing at the mail, and the ticket number in the subject. Delivery happens in
 * the `message.send` job: retried with backoff, failures visible on the ticket. Idempotent per inbound
 * Message-ID, so reprocessing a mail after a crash queues nothing twice.
 */
export async function queueEmailReplies(
  deps: { db: Db; jobs: Pick<JobQueue, 'send'>; mailFrom?: string },
  input: { mail: RepliedMail; conversationKey: string; replies: readonly OutboundMessage[] },
): Promise<number> {
  if (input.replies.length === 0) return 0;
  const reply = combineReplies(input.replies);
  return inTransaction(deps.db, async (tx) => {
    const conversation = await tx.conversation.findUnique({
      where: { channel_threadKey: { channel: 'email', threadKey: input.conversationKey } },
      include: { ticket: { select: { id: true, number: true } } },
    });
    const ticket = conversation?.ticket ?? null;
    const references = [...input.mail.references.filter((id) => id !== input.mail.messageId), input.mail.messageId].slice(-MAX_REFERENCES);
    const messageId = newMessageId(deps.mailFrom);
    const subject = reply.subject ? withTicketNumber(reply.subject, ticket?.number) : replySubject(input.mail.subject, ticket?.number);
    const { row, created } = await queueOutbound(
      tx,
      deps.jobs,
      {
        ...reply,
        channel: 'email',
        to: reply.channel === 'email' && reply.to ? reply.to : input.mail.from,
        conversationKey: input.conversationKey,
        subject,
        meta: { ...reply.meta, messageId, inReplyTo: input.mail.messageId, references, ticketNumber: ticket?.number ?? null },
      },
      {
        conversationId: conversation?.id ?? null,
        ticketId: ticket?.id ?? null,
        customerId: conversation?.customerId ?? null,
        idempotencyKey: `email-reply:${input.mail.messageId}`,
      },
    );
    if (!created) return 0;
    await tx.outboundMessage.update({ where: { id: row.id }, data: { providerMessageId: messageId } });
    return 1;
  });
}
