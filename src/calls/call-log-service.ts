import type { CallLog } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';
import { inTransaction, isUniqueViolation } from '../db/transaction.js';
import { silentEvents, type EventBus } from '../events/event-bus.js';
import { identifyCustomer } from '../customers/customer-service.js';
import { normalisePhone } from '../customers/contact-address.js';

/** Where a call ended up: `menu` and `dialog` are interim, the rest final. */
export type CallOutcome = 'menu' | 'dialog' | 'handoff' | 'voicemail' | 'abandoned' | 'completed';

/** Twilio's final call states. */
const FINAL_STATUSES = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);

/**
 * The call's log row, created on the first webhook (CallSid is unique, so a retried webhook finds it) and
 * linked to the caller's customer record when the number is a real phone number (not "anonymous").
 */
export async function startCall(db: Db, input: { callSid: string; from: string; to?: string; status: string }, ctx: { now: Date }): Promise<CallLog> {
  const existing = await db.callLog.findUnique({ where: { callSid: input.callSid } });
  if (existing) return existing;
  const phone = normalisePhone(input.from);
  const customer = phone ? (await identifyCustomer(db, { kind: 'phone', address: phone })).customer : null;
  try {
    return await db.callLog.create({
      data: { callSid: input.callSid, from: phone ?? input.from, to: input.to ?? null, status: input.status, customerId: customer?.id ?? null, outcome: 'menu', startedAt: ctx.now },
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return db.callLog.findUniqueOrThrow({ where: { callSid: input.callSid } });
  }
}

export async function setCallOutcome(db: Db, callSid: string, outcome: CallOutcome): Promise<void> {
  await db.callLog.updateMany({ where: { callSid, outcome: { notIn: ['handoff', 'voicemail'] } }, data: { outcome } });
}

/**
 * The caller asked for a person (or the bot gave up): the call is marked handed off and, when the call had a
 * bot conversation, it waits for staff with the reason recorded and `conversation.handoff_requested` emitted.
 */
export async function recordCallHandoff(
  db: Db,
  callSid: string,
  input: { reason: string; staffNumber: string },
  ctx: { now: Date; events?: EventBus },
): Promise<void> {
  const events = ctx.events ?? silentEvents;
  await inTransaction(db, async (tx) => {
    await tx.callLog.updateMany({ where: { callSid }, data: { outcome: 'handoff' } });
    const conversation = await tx.conversation.findUnique({ where: { channel_threadKey: { channel: 'voice', threadKey: callSid } } });
    if (!conversation || conversation.state === 'waiting_staff' || conversation.state === 'staff') return;
    await tx.conversation.update({ where: { id: conversation.id }, data: { state: 'waiting_staff', handoffReason: input.reason } });
    if (conversation.ticketId) {
      await tx.ticketEvent.create({
        data: { ticketId: conversation.ticketId, at: ctx.now, actor: 'bot', kind: 'handoff', reason: input.reason, data: { callSid, dialled: input.staffNumber } },
      });
    }
    await events.emit(tx, 'conversation.handoff_requested', { conversationId: conversation.id, ticketId: conversation.ticketId, reason: input.reason }, ctx.now);
  });
}

/**
 * Twilio's call status callback: status, duration and end time. A call that ends while still at the menu was
 * abandoned; one that ends after talking to the bot is completed; handoff and voicemail stay as they are.
 */
export async function recordCallStatus(db: Db, input: { callSid: string; status: string; durationSec?: number }, ctx: { now: Date }): Promise<CallLog | null> {
  const call = await db.callLog.findUnique({ where: { callSid: input.callSid } });
  if (!call) return null;
  const final = FINAL_STATUSES.has(input.status);
  const outcome = !final ? call.outcome : call.outcome === 'menu' || call.outcome === null ? 'abandoned' : call.outcome === 'dialog' ? 'completed' : call.outcome;
  return db.callLog.update({
    where: { id: call.id },
    data: {
      status: input.status,
      outcome,
      ...(input.durationSec !== undefined ? { durationSec: input.durationSec } : {}),
      ...(final && !call.endedAt ? { endedAt: ctx.now } : {}),
    },
  });
}
