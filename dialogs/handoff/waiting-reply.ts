import type { Activity } from 'botbuilder';
import type { ChannelKind, Language } from '../../src/messages/channel-kind.js';
import type { StaffReplyTime } from '../../src/handoff/staff-reply-time.js';
import type { ConversationalAct } from '../../src/understanding/understanding-schema.js';
import type { KnowledgeBase } from '../inquiry/knowledge-base.js';
import { knowledgeReplies } from '../inquiry/knowledge-answers.js';
import { topicsAsked } from '../inquiry/questions.js';
import type { TicketDetailField, TicketDetails } from '../../src/tickets/ticket-details.js';
import { handoffTexts, whenStaffReply } from './handoff-texts.js';
import { describeDetails } from './waiting-details.js';

/** The customer's message while waiting, for answering what the knowledge base knows ("just tell me your opening hours"). */
export type WaitingMessage = { text: string; channel: ChannelKind; knowledgeBase: KnowledgeBase; ticketStatus?: string };

/** Details the message added to the ticket, or corrected on it (dialogs/handoff/waiting-details.ts). */
export type NotedDetails = { fields: TicketDetailField[]; values: TicketDetails; correction: boolean };

/**
 * The bot's only words while a conversation waits for a person (state `waiting_staff`): each customer
 * message is acknowledged with when a person will answer, so nobody writes into silence. Once staff own
 * the conversation (`staff`) the bot says nothing. A bare thanks or "ok" (`act`) gets a warmer line with the same time.
 * A question the knowledge base answers is answered at once, and the person still comes: waiting for staff
 * to read out the opening hours helps nobody, and the handoff stays as it was; so is a question about the status of
 * the conversation's ticket (`ticketStatus`, worded by the caller). Details the message added to the ticket
 * (`noted`) are said back instead, so the customer knows the person will have them.
 */
export function waitingReply(
  state: string,
  language: Language,
  time: StaffReplyTime,
  timeZone: string,
  act: ConversationalAct | null = null,
  message?: WaitingMessage,
  noted?: NotedDetails,
): Partial<Activity>[] {
  if (state !== 'waiting_staff') return [];
  const t = handoffTexts(language);
  const when = whenStaffReply(language, time, timeZone);
  const activity = (text: string, meta: Record<string, unknown> = {}): Partial<Activity> => ({ type: 'message', text, locale: language, channelData: { ...meta, waitingForStaff: true } });
  // "地址是台北市…" while waiting: what went onto the ticket is said first, then whatever else the message needs.
  const said = noted && noted.fields.length > 0 ? (noted.correction ? t.correctedOnTicket : t.noted)(describeDetails(noted.fields, noted.values, language)) : undefined;
  // "any update on my ticket?" while waiting: the ticket's status at once (never the firmware answer for "update").
  if (message?.ticketStatus) return [...(said ? [activity(said, { detailsNoted: noted!.fields })] : []), activity(message.ticketStatus), activity(t.waitingAnswered(when))];
  const topics = message && act === null ? topicsAsked(message.text, message.knowledgeBase, { questionsOnly: true }) : [];
  if (message && topics.length > 0) {
    const answers = [...knowledgeReplies(topics, message.knowledgeBase, language, message.channel, activity), activity(t.waitingAnswered(when))];
    return said ? [activity(said, { detailsNoted: noted!.fields }), ...answers] : answers;
  }
  if (said) return [activity([said, t.waiting(when)].join(language === 'en' ? ' ' : ''), { detailsNoted: noted!.fields })];
  const text = act === 'thanks' ? t.waitingThanks(when) : act === 'affirm' ? t.waitingOk(when) : t.waiting(when);
  return [activity(text)];
}
