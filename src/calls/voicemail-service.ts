import type { StaffTask, Ticket } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';
import { inTransaction } from '../db/transaction.js';
import type { EventBus } from '../events/event-bus.js';
import { findOrOpenConversation } from '../conversations/conversation-service.js';
import { recordInbound } from '../conversations/message-service.js';
import { identifyCustomer } from '../customers/customer-service.js';
import { normalisePhone } from '../customers/contact-address.js';
import type { BusinessCalendar } from '../sla/business-calendar.js';
import type { Policy } from '../sla/policy-schema.js';
import { servicePromise } from '../sla/sla-rules.js';
import { isOpen } from '../tickets/ticket-rules.js';
import { openTicket } from '../tickets/ticket-service.js';

/** Why the caller left a message: the line was closed, nobody picked up, or no staff number is configured. */
export type VoicemailReason = 'after_hours' | 'no_answer' | 'no_staff';

export type VoicemailInput = {
  callSid: string;
  from: string;
  recordingUrl?: string;
  recordingSid?: string;
  durationSec?: number;
  reason: VoicemailReason;
  language: 'zh-Hant' | 'en';
};

export type VoicemailContext = { now: Date; events?: EventBus; policy: Policy; calendar: BusinessCalendar };

const PENDING_TRANSCRIPT = '(voicemail; transcription pending)';

/**
 * A voicemail becomes a ticket (or joins the open ticket this call already produced) with the recording as an
 * attachment reference, and a callback task due within the policy's callback promise. Idempotent per call:
 * Twilio repeating the Record action finds the first voicemail.
 */
export async function recordVoicemail(db: Db, input: VoicemailInput, ctx: VoicemailContext): Promise<{ ticket: Ticket; task: StaffTask; duplicate: boolean }> {
  return inTransaction(db, async (tx) => {
    const phone = normalisePhone(input.from);
    const customer = phone
      ? (await identifyCustomer(tx, { kind: 'phone', address: phone, language: input.language })).customer
      : await tx.customer.create({ data: { name: 'Caller without a number', language: input.language } });
    const conversation = await findOrOpenConversation(tx, { channel: 'voice', threadKey: input.callSid, customerId: customer.id });
    const recorded = await recordInbound(tx, {
      conversationId: conversation.id,
      customerId: customer.id,
      ticketId: conversation.ticketId,
      message: {
        channel: 'voice',
        externalId: `${input.callSid}:voicemail`,
        from: phone ?? input.from,
        conversationKey: input.callSid,
        text: input.recordingUrl ? PENDING_TRANSCRIPT : '(missed call; no message left)',
        attachments: input.recordingUrl
          ? [{ url: input.recordingUrl, contentType: 'audio/wav', filename: `voicemail-${input.recordingSid ?? input.callSid}.wav`, size: 0 }]
          : [],
        receivedAt: ctx.now,
        meta: { reason: input.reason, durationSec: input.durationSec ?? null },
      },
    });
    const callbackKey = `callback:${input.callSid}`;
    if (recorded.duplicate && recorded.message.ticketId) {
      const ticket = await tx.ticket.findUniqueOrThrow({ where: { id: recorded.message.ticketId } });
      const task = await tx.staffTask.findUniqueOrThrow({ where: { dedupeKey: callbackKey } });
      return { ticket, task, duplicate: true };
    }

    const current = conversation.ticketId ? await tx.ticket.findUnique({ where: { id: conversation.ticketId } }) : null;
    const ticket =
      current && isOpen(current.status)
        ? current
        : await openTicket(
            tx,
            {
              customerId: customer.id,
              conversationId: conversation.id,
              category: 'inquiry',
              channel: 'voice',
              language: input.language,
              title: `Voicemail from ${phone ?? 'a caller without a number'}`,
              problem: input.recordingUrl ? `Voicemail: ${input.recordingUrl}\n${PENDING_TRANSCRIPT}` : 'Missed call, no message left.',
              contactPhone: phone ?? undefined,
            },
            { now: ctx.now, actor: 'system:voice', events: ctx.events, timeZone: ctx.calendar.timeZone },
          );
    await tx.message.update({ where: { id: recorded.message.id }, data: { ticketId: ticket.id, processedAt: ctx.now } });
    await tx.attachment.updateMany({ where: { messageId: recorded.message.id }, data: { ticketId: ticket.id } });
    await tx.ticketEvent.create({
      data: {
        ticketId: ticket.id,
        at: ctx.now,
        actor: 'system:voice',
        kind: 'voicemail',
        reason: input.reason,
        data: { callSid: input.callSid, recordingUrl: input.recordingUrl ?? null, durationSec: input.durationSec ?? null },
      },
    });
    const due = servicePromise(ctx.policy, ctx.calendar, 'callback', ctx.now).dueAt;
    const task = await tx.staffTask.upsert({
      where: { dedupeKey: callbackKey },
      update: {},
      create: {
        kind: 'callback',
        ticketId: ticket.id,
        customerId: customer.id,
        title: `Call back ${phone ?? 'caller'} about ${ticket.number}`,
        details: { callSid: input.callSid, recordingUrl: input.recordingUrl ?? null, reason: input.reason },
        dueAt: due,
        dedupeKey: callbackKey,
      },
    });
    await tx.callLog.updateMany({
      where: { callSid: input.callSid },
      data: { outcome: 'voicemail', recordingUrl: input.recordingUrl ?? null, ticketId: ticket.id, customerId: customer.id, conversationId: conversation.id },
    });
    return { ticket, task, duplicate: false };
  });
}

/** Twilio's transcription of a voicemail: kept on the call, the voicemail message and the ticket's history. */
export async function recordTranscription(
  db: Db,
  input: { callSid: string; text: string; status: string },
  ctx: { now: Date },
): Promise<{ ticketId: string | null }> {
  return inTransaction(db, async (tx) => {
    const call = await tx.callLog.findUnique({ where: { callSid: input.callSid } });
    if (!call) return { ticketId: null };
    const ok = input.status === 'completed' && input.text.trim() !== '';
    const transcript = ok ? input.text.trim() : `(transcription ${input.status})`;
    await tx.callLog.update({ where: { id: call.id }, data: { transcript } });
    const message = await tx.message.findUnique({ where: { channel_externalId: { channel: 'voice', externalId: `${input.callSid}:voicemail` } } });
    if (message) await tx.message.update({ where: { id: message.id }, data: { text: transcript } });
    if (call.ticketId) {
      await tx.ticketEvent.create({
        data: { ticketId: call.ticketId, at: ctx.now, actor: 'system:voice', kind: 'voicemail_transcribed', data: { callSid: input.callSid, status: input.status, text: transcript } },
      });
      if (ok) {
        const ticket = await tx.ticket.findUniqueOrThrow({ where: { id: call.ticketId } });
        if (ticket.problem.includes(PENDING_TRANSCRIPT)) {
          await tx.ticket.update({ where: { id: ticket.id }, data: { problem: ticket.problem.replace(PENDING_TRANSCRIPT, transcript) } });
        }
      }
    }
    return { ticketId: call.ticketId };
  });
}
