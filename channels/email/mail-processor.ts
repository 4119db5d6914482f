import type { Prisma } from '../../src/generated/prisma/client.js';
import type { Db } from '../../src/db/db.js';
import { countRecentMailFrom, findReceipt, recordReceipt, type ReceiptKey, type ReceiptOutcome } from '../../src/email/mail-receipts.js';
import { ensureTicketConversation, resolveMailThread, type MailThread } from '../../src/email/mail-threading.js';
import { recordStaffMail } from '../../src/email/staff-mail.js';
import type { JobQueue } from '../../src/jobs/job-queue.js';
import type { Logger } from '../../src/logger.js';
import { InboundMessage, type InboundMessageInput } from '../../src/messages/inbound-message.js';
import { newEmailText } from '../../src/understanding/email-text.js';
import type { Turn } from '../channel-adapter.js';
import { queueEmailReplies } from './email-reply.js';
import { decideMail, type MailNotes } from './mail-filter-chain.js';
import { parseMail, type InboundMail } from './mail-parser.js';
import { mailSignature } from './mail-signature.js';

export type MailProcessorSettings = {
  ownAddresses: readonly string[];
  maxAttachmentBytes: number;
  maxPerSenderPerHour: number;
  mailFrom?: string;
};

/** Test seam: called after the mail is stored and its replies queued, before the receipt (crash tests). */
export type MailProcessorHooks = { afterStore?: (key: ReceiptKey, messageId: string) => Promise<void> };

export type MailProcessorDeps = {
  db: Db;
  jobs: Pick<JobQueue, 'send'>;
  turn: Turn;
  logger: Logger;
  clock: () => Date;
  settings: MailProcessorSettings;
  hooks?: MailProcessorHooks;
};

export type MailOutcome = { outcome: ReceiptOutcome; reason?: string; messageId: string; repeated: boolean };

const MAX_HTML_KEPT = 500_000;

/** What the ticket keeps of the original: the full text and HTML, addresses and threading headers. */
function rawRecord(mail: InboundMail, notes: MailNotes): Prisma.InputJsonValue {
  return {
    from: mail.from?.address ?? null,
    fromName: mail.from?.name ?? null,
    to: mail.to,
    cc: mail.cc,
    subject: mail.subject,
    date: mail.date?.toISOString() ?? null,
    messageId: mail.messageId,
    inReplyTo: mail.inReplyTo ?? null,
    references: mail.references,
    text: mail.text,
    html: mail.html ? mail.html.slice(0, MAX_HTML_KEPT) : null,
    attachments: mail.attachments.map((a) => ({ filename: a.filename ?? null, contentType: a.contentType, size: a.size, stored: !a.overLimit })),
    problems: mail.problems,
    suppressAutoReply: notes.suppressAutoReply ?? false,
  };
}

/** The signature block (name, phone) the dialog may read; the message text itself leaves it out. */
function signatureMeta(text: string): { signature?: string } {
  const signature = mailSignature(text);
  return signature ? { signature } : {};
}

function inboundMessage(mail: InboundMail, thread: MailThread, notes: MailNotes, receivedAt: Date): InboundMessageInput {
  const ownText = newEmailText(mail.text).slice(0, 100_000);
  return {
    channel: 'email',
    externalId: mail.messageId,
    from: mail.from!.address,
    fromName: mail.from?.name?.slice(0, 200),
    conversationKey: thread.conversationKey,
    text: ownText || mail.subject.slice(0, 1_000),
    subject: mail.subject.slice(0, 1_000) || undefined,
    attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.size, content: a.content })),
    receivedAt,
    meta: {
      messageId: mail.messageId,
      inReplyTo: mail.inReplyTo ?? null,
      references: mail.references,
      threadedBy: thread.threadedBy,
      ...(thread.ticket ? { ticketNumber: thread.ticket.number, ticketId: thread.ticket.id } : {}),
      ...(thread.linkedTicket ? { linkedTicketNumber: thread.linkedTicket.number, linkedTicketId: thread.linkedTicket.id } : {}),
      ...(notes.forward ? { forward: true } : {}),
      ...(notes.suppressAutoReply ? { suppressAutoReply: true } : {}),
      ...signatureMeta(mail.text),
    },
    raw: rawRecord(mail, notes),
  };
}

/**
 * One fetched mail, start to end: parse, run the filter chain, thread, hand it to the turn, queue the
 * replies, then write the receipt. The caller flags or moves the mail only after this returns, so a
 * crash anywhere before leaves it to be fetched again; the turn and the reply queue are idempotent per
 * Message-ID, so the second pass stores and sends nothing twice.
 */
export async function processMail(deps: MailProcessorDeps, source: Buffer, key: ReceiptKey): Promise<MailOutcome> {
  const { db, logger, settings } = deps;
  const log = logger.child({ mailbox: key.mailbox, uid: key.uid });
  const earlier = await findReceipt(db, key);
  if (earlier) return { outcome: earlier.outcome as ReceiptOutcome, reason: earlier.reason ?? undefined, messageId: earlier.messageId, repeated: true };
  const now = deps.clock();
  const settle = async (messageId: string, outcome: ReceiptOutcome, reason?: string): Promise<MailOutcome> => {
    await recordReceipt(db, key, { messageId, outcome, reason, at: now });
    return { outcome, reason, messageId, repeated: false };
  };

  let mail: InboundMail;
  try {
    mail = await parseMail(source, { maxAttachmentBytes: settings.maxAttachmentBytes });
  } catch (err) {
    const reason = `unreadable mail (${source.length} bytes): ${(err as Error).message}`;
    log.warn({ reason }, 'e-mail quarantined: could not be parsed');
    return settle(`uid-${key.uidValidity}-${key.uid}@unparsed.invalid`, 'quarantined', reason);
  }
  for (const problem of mail.problems) log.info({ messageId: mail.messageId, problem }, `e-mail: ${problem}`);

  const recentFromSender = mail.from ? await countRecentMailFrom(db, mail.from.address, new Date(now.getTime() - 3_600_000)) : 0;
  const decision = decideMail(mail, { ownAddresses: settings.ownAddresses, recentFromSender, maxPerSenderPerHour: settings.maxPerSenderPerHour });
  if (decision.action !== 'process') {
    const outcome = decision.action === 'ignore' ? 'ignored' : 'quarantined';
    log.info({ messageId: mail.messageId, from: mail.from?.address, kind: decision.kind, reason: decision.reason }, `e-mail ${outcome} (${decision.kind}): ${decision.reason}`);
    return settle(mail.messageId, outcome, `${decision.kind}: ${decision.reason}`);
  }

  const from = mail.from!.address;
  const notes = decision.notes;
  const thread = await resolveMailThread(db, { messageId: mail.messageId, inReplyTo: mail.inReplyTo, references: mail.references, from, forward: notes.forward ?? false, ticketNumber: notes.ticketNumber });

  if (thread.staffId && thread.threadedBy !== 'new') {
    await ensureTicketConversation(db, thread);
    await recordStaffMail(db, {
      conversationKey: thread.conversationKey,
      ticketId: thread.ticket?.id,
      staffId: thread.staffId,
      messageId: mail.messageId,
      subject: mail.subject,
      text: mail.text,
      raw: rawRecord(mail, notes),
      at: now,
    });
    log.info({ messageId: mail.messageId, ticket: thread.ticket?.number, threadedBy: thread.threadedBy }, 'e-mail from staff recorded on the ticket');
    return settle(mail.messageId, 'stored', `staff mail on ${thread.ticket?.number ?? thread.conversationKey}`);
  }

  await ensureTicketConversation(db, thread);
  const result = await deps.turn(InboundMessage.parse(inboundMessage(mail, thread, notes, now)));
  const queued = notes.suppressAutoReply
    ? 0
    : await queueEmailReplies(
        { db, jobs: deps.jobs, mailFrom: settings.mailFrom },
        { mail: { messageId: mail.messageId, references: mail.references, subject: mail.subject, from }, conversationKey: thread.conversationKey, replies: result.replies },
      );
  if (notes.suppressAutoReply && result.replies.length) log.info({ messageId: mail.messageId }, 'e-mail asks for no automatic answers (X-Auto-Response-Suppress): replies not sent');
  await deps.hooks?.afterStore?.(key, mail.messageId);
  log.info(
    { messageId: mail.messageId, threadedBy: thread.threadedBy, conversationKey: thread.conversationKey, ticket: thread.ticket?.number, linkedTo: thread.linkedTicket?.number, duplicate: result.duplicate, queued },
    'e-mail stored',
  );
  return settle(mail.messageId, 'stored', result.duplicate ? 'already stored (reprocessed)' : undefined);
}
