import type { Conversation, Message, Prisma, Staff } from '../generated/prisma/client.js';
import { closeConversation } from '../conversations/close-conversation.js';
import { setConversationState } from '../conversations/conversation-service.js';
import { inTransaction } from '../db/transaction.js';
import { NotFoundError } from '../errors/app-error.js';
import { isLanguage } from '../messages/channel-kind.js';
import { queueOutbound } from '../outbound/outbound-service.js';
import { replyTarget } from '../tickets/reply-target.js';
import type { ConsoleDeps } from './console-deps.js';
import { ConversationConflictError } from './console-errors.js';
import { isSupervisor } from './staff-auth.js';
import { actorNames } from './staff-service.js';
import { contactsView, conversationView } from './staff-views.js';

const TRANSCRIPT_LIMIT = 500;

/** Conversations waiting for a person or owned by one, newest first; `scope` narrows them (an engineer's own, ticket-scope.ts). */
export async function staffInbox(deps: ConsoleDeps, filter: { mine?: string; scope?: Prisma.ConversationWhereInput | null } = {}) {
  const conversations = await deps.db.conversation.findMany({
    where: { state: { in: ['waiting_staff', 'staff'] }, ...(filter.mine ? { assignedStaffId: filter.mine } : {}), ...(filter.scope ? { AND: [filter.scope] } : {}) },
    orderBy: [{ updatedAt: 'desc' }],
    take: 200,
    include: {
      customer: { select: { id: true, name: true, company: true } },
      ticket: { select: { id: true, number: true, status: true, category: true, urgency: true } },
      messages: { orderBy: [{ seq: 'desc' }], take: 1, select: { text: true, direction: true, createdAt: true, author: true } },
    },
  });
  const names = await actorNames(deps.db, conversations.map((c) => (c.assignedStaffId ? `staff:${c.assignedStaffId}` : null)));
  return conversations.map(({ messages, ...c }) => ({
    ...conversationView(c),
    assignedStaffName: c.assignedStaffId ? (names.get(`staff:${c.assignedStaffId}`) ?? null) : null,
    lastMessage: messages[0] ?? null,
  }));
}

/** A conversation with the customer's whole transcript (every channel), and its ticket. */
export async function conversationDetail(deps: ConsoleDeps, conversationId: string) {
  const conversation = await deps.db.conversation.findUnique({
    where: { id: conversationId },
    include: {
      customer: { include: { contacts: true } },
      ticket: { include: { promises: true, assignee: { select: { id: true, name: true } } } },
    },
  });
  if (!conversation) throw new NotFoundError(`No conversation ${conversationId}`);
  const where = conversation.customerId ? { customerId: conversation.customerId } : { conversationId };
  const newestFirst = await deps.db.message.findMany({ where, orderBy: [{ seq: 'desc' }], take: TRANSCRIPT_LIMIT });
  const assignedStaff = conversation.assignedStaffId
    ? await deps.db.staff.findUnique({ where: { id: conversation.assignedStaffId }, select: { id: true, name: true } })
    : null;
  const { customer, ...rest } = conversation;
  return {
    conversation: { ...conversationView(rest), customer: customer ? { ...customer, contacts: contactsView(customer.contacts) } : null, assignedStaff },
    transcript: await transcriptOf(deps.db, newestFirst.reverse()),
  };
}

/** Transcript lines with staff shown by name; understanding results of inbound messages when there are any. */
export async function transcriptOf(db: ConsoleDeps['db'], messages: Message[]) {
  const names = await actorNames(db, messages.map((m) => m.author));
  return messages.map((m) => transcriptLine(m, names));
}

function transcriptLine(m: Message, names: Map<string, string>) {
  const raw = (m.raw ?? {}) as { choices?: unknown };
  return {
    id: m.id,
    conversationId: m.conversationId,
    ticketId: m.ticketId,
    channel: m.channel,
    direction: m.direction,
    author: m.author,
    authorName: names.get(m.author) ?? null,
    understanding: m.understanding ?? null,
    text: m.text,
    subject: m.subject,
    choices: Array.isArray(raw.choices) ? raw.choices : [],
    at: m.createdAt,
  };
}

/** Refuses when another member of staff owns the conversation (supervisors may always act). */
function refuseIfOwnedByOther(conversation: Conversation, staff: Staff): void {
  if (conversation.state === 'staff' && !!conversation.assignedStaffId && conversation.assignedStaffId !== staff.id && !isSupervisor(staff)) {
    throw new ConversationConflictError('Another member of staff owns this conversation; ask them (or a supervisor) to hand it back to the bot first.');
  }
}

/** Takes the conversation over: the bot stays silent while a person owns it. */
export async function takeOver(deps: ConsoleDeps, conversationId: string, staff: Staff) {
  const conversation = await deps.db.conversation.findUnique({ where: { id: conversationId } });
  if (!conversation) throw new NotFoundError(`No conversation ${conversationId}`);
  refuseIfOwnedByOther(conversation, staff);
  if (conversation.state === 'closed') throw new ConversationConflictError('This conversation is closed.');
  return conversationView(await setConversationState(deps.db, conversationId, 'staff', { assignedStaffId: staff.id }));
}

/**
 * A staff reply: queued through the customer's own channel (outbox + delivery job) and recorded in the
 * conversation as written by `staff:<id>`, in one transaction. The same clientId sends once.
 */
export async function staffReply(deps: ConsoleDeps, conversationId: string, staff: Staff, input: { text: string; clientId?: string }) {
  const conversation = await deps.db.conversation.findUnique({
    where: { id: conversationId },
    include: { customer: { include: { contacts: true } }, ticket: { select: { id: true, number: true, language: true } } },
  });
  if (!conversation) throw new NotFoundError(`No conversation ${conversationId}`);
  refuseIfOwnedByOther(conversation, staff);
  const lastInbound = await deps.db.message.findFirst({ where: { conversationId, direction: 'inbound' }, orderBy: [{ seq: 'desc' }] });
  const target = replyTarget(conversation, conversation.customer?.contacts ?? [], lastInbound, conversation.ticket?.number);
  const now = deps.clock();
  const actor = `staff:${staff.id}`;
  const language = conversation.language ?? conversation.ticket?.language;

  return inTransaction(deps.db, async (tx) => {
    const { row, created } = await queueOutbound(
      tx,
      deps.jobs,
      {
        channel: target.channel,
        to: target.to,
        conversationKey: conversation.threadKey,
        text: input.text,
        subject: target.subject,
        purpose: 'staff_reply',
        language: isLanguage(language) ? language : undefined,
        meta: { ...target.meta, author: actor },
      },
      {
        conversationId,
        ticketId: conversation.ticketId,
        customerId: conversation.customerId,
        idempotencyKey: input.clientId ? `staff_reply:${staff.id}:${input.clientId}` : undefined,
      },
    );
    const externalId = `outbound:${row.id}`;
    if (!created) {
      const message = await tx.message.findUnique({ where: { channel_externalId: { channel: row.channel, externalId } } });
      return { outbound: row, message, duplicate: true };
    }
    const message = await tx.message.create({
      data: {
        conversationId,
        customerId: conversation.customerId,
        ticketId: conversation.ticketId,
        direction: 'outbound',
        channel: target.channel,
        externalId,
        author: actor,
        text: input.text,
        subject: target.subject,
        raw: { choices: [], meta: { outboundId: row.id, purpose: 'staff_reply' } },
        createdAt: now,
      },
    });
    await tx.conversation.update({
      where: { id: conversationId },
      data: { lastOutboundAt: now, ...(conversation.state !== 'staff' || !conversation.assignedStaffId ? { state: 'staff', assignedStaffId: staff.id } : {}) },
    });
    if (conversation.ticketId) {
      await tx.ticketEvent.create({
        data: { ticketId: conversation.ticketId, at: now, actor, kind: 'staff_reply', to: target.channel, reason: input.text.slice(0, 500), data: { outboundId: row.id } },
      });
      await deps.markResponded?.(tx, conversation.ticketId, { now, actor, events: deps.events, channel: target.channel });
    }
    return { outbound: row, message, duplicate: false };
  });
}

/** Gives the conversation back to the bot (through the handoff service when it is wired). */
export async function handBackToBot(deps: ConsoleDeps, conversationId: string, staff: Staff) {
  const conversation = await deps.db.conversation.findUnique({ where: { id: conversationId } });
  if (!conversation) throw new NotFoundError(`No conversation ${conversationId}`);
  refuseIfOwnedByOther(conversation, staff);
  const now = deps.clock();
  const actor = `staff:${staff.id}`;
  if (deps.handBack) {
    await deps.handBack(deps.db, conversationId, { now, actor, events: deps.events });
  } else {
    await inTransaction(deps.db, async (tx) => {
      await setConversationState(tx, conversationId, 'bot', { assignedStaffId: null, handoffReason: null });
      await deps.events.emit(tx, 'conversation.handed_back', { conversationId, actor }, now);
    });
  }
  return conversationView(await deps.db.conversation.findUniqueOrThrow({ where: { id: conversationId } }));
}

/** Closes the conversation ("resolve" in Chatwoot): it leaves the queue; see closeConversation for what the customer hears. */
export async function closeByStaff(deps: ConsoleDeps, conversationId: string, staff: Staff) {
  const conversation = await deps.db.conversation.findUnique({ where: { id: conversationId } });
  if (!conversation) throw new NotFoundError(`No conversation ${conversationId}`);
  refuseIfOwnedByOther(conversation, staff);
  const { conversation: closed, told } = await closeConversation(deps.db, conversationId, { now: deps.clock(), actor: `staff:${staff.id}`, events: deps.events, jobs: deps.jobs });
  return { conversation: conversationView(closed), customerTold: !!told };
}
