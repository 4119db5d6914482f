import type { Conversation } from '../generated/prisma/client.js';
import type { StaffRole } from '../generated/prisma/enums.js';
import type { Db } from '../db/db.js';
import { onDutyStaff } from '../notifications/duty-rota.js';
import { inTransaction } from '../db/transaction.js';
import { NotFoundError } from '../errors/app-error.js';
import { silentEvents, type EventBus } from '../events/event-bus.js';

/** Why the bot stepped back; kept on the conversation and shown to staff. */
export type HandoffReason =
  | 'customer_request'
  | 'misunderstood'
  | 'low_confidence'
  | 'high_urgency'
  | 'complaint'
  | 'unanswered'
  | (string & {});

export type HandoffContext = { now: Date; events?: EventBus; actor?: string; timeZone?: string };

/** Agents and supervisors on duty (flag or rota); with nobody on duty, every active supervisor; with none, the agent role. */
async function handoffRecipients(db: Db, now: Date, timeZone: string): Promise<{ staffId: string | null; role: StaffRole }[]> {
  const onDuty = [...(await onDutyStaff(db, 'agent', now, timeZone)), ...(await onDutyStaff(db, 'supervisor', now, timeZone))];
  if (onDuty.length > 0) return onDuty.map((s) => ({ staffId: s.id, role: s.role }));
  const supervisors = await db.staff.findMany({ where: { active: true, role: { in: ['supervisor', 'admin'] } }, select: { id: true, role: true } });
  return supervisors.length > 0 ? supervisors.map((s) => ({ staffId: s.id, role: s.role })) : [{ staffId: null, role: 'agent' }];
}

const NOTICE_TEXT: Record<string, string> = {
  customer_request: 'Customer asked for a person',
  misunderstood: 'The bot did not understand the customer repeatedly',
  low_confidence: 'The bot was unsure what the customer needs',
  high_urgency: 'Urgent problem reported',
  complaint: 'Complaint: please take over',
  unanswered: 'Question the bot could not answer',
};

/**
 * Hands a conversation to staff: state `waiting_staff` with the reason, a notice for every on-duty agent
 * and supervisor (or every supervisor when nobody is on duty), and `conversation.handoff_requested`.
 * From then on the bot stays quiet in this conversation. Asking again while staff already own it changes nothing.
 */
export async function requestHandoff(
  db: Db,
  input: { conversationId: string; ticketId?: string | null; reason: HandoffReason; note?: string },
  ctx: HandoffContext,
): Promise<{ conversation: Conversation; alreadyWithStaff: boolean }> {
  const events = ctx.events ?? silentEvents;
  return inTransaction(db, async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Conversation" WHERE id = ${input.conversationId} FOR UPDATE`;
    const current = await tx.conversation.findUnique({ where: { id: input.conversationId } });
    if (!current) throw new NotFoundError(`No conversation ${input.conversationId}`);
    if (current.state === 'waiting_staff' || current.state === 'staff') return { conversation: current, alreadyWithStaff: true };
    const ticketId = input.ticketId ?? current.ticketId;
    const conversation = await tx.conversation.update({
      where: { id: current.id },
      data: { state: 'waiting_staff', handoffReason: input.reason, ticketId },
    });
    // Never the thread key: for web chat it is the customer's session id.
    const note = input.note ? ` ${input.note}` : '';
    const text = `${NOTICE_TEXT[input.reason] ?? input.reason} (${conversation.channel} conversation)${note}`;
    const notices = await handoffRecipients(tx, ctx.now, ctx.timeZone ?? 'Asia/Taipei');
    await tx.staffNotification.createMany({
      data: notices.map((n) => ({ staffId: n.staffId, role: n.role, ticketId, kind: 'handoff', text, deliverAfter: ctx.now, createdAt: ctx.now })),
    });
    if (ticketId) {
      await tx.ticketEvent.create({ data: { ticketId, at: ctx.now, actor: ctx.actor ?? 'bot', kind: 'handoff', reason: input.reason } });
    }
    await events.emit(tx, 'conversation.handoff_requested', { conversationId: conversation.id, ticketId, reason: input.reason }, ctx.now);
    return { conversation, alreadyWithStaff: false };
  });
}

/** Staff give the conversation back: the bot answers again from the next customer message. */
export async function handBack(db: Db, conversationId: string, ctx: HandoffContext & { actor: string }): Promise<Conversation> {
  const events = ctx.events ?? silentEvents;
  return inTransaction(db, async (tx) => {
    const current = await tx.conversation.findUnique({ where: { id: conversationId } });
    if (!current) throw new NotFoundError(`No conversation ${conversationId}`);
    const conversation = await tx.conversation.update({
      where: { id: conversationId },
      data: { state: 'bot', handoffReason: null, assignedStaffId: null },
    });
    if (current.state !== 'bot') {
      await events.emit(tx, 'conversation.handed_back', { conversationId, actor: ctx.actor }, ctx.now);
    }
    return conversation;
  });
}
