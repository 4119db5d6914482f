import type { Activity } from 'botbuilder';
import type { Language } from '../../src/messages/channel-kind.js';
import type { StaffReplyTime } from '../../src/handoff/staff-reply-time.js';
import type { ConversationalAct } from '../../src/understanding/understanding-schema.js';
import { handoffTexts, whenStaffReply } from './handoff-texts.js';

/**
 * The bot's only words while a conversation waits for a person (state `waiting_staff`): each customer
 * message is acknowledged with when a person will answer, so nobody writes into silence. Once staff own
 * the conversation (`staff`) the bot says nothing. A bare thanks or "ok" (`act`) gets a warmer line with the same time.
 */
export function waitingReply(state: string, language: Language, time: StaffReplyTime, timeZone: string, act: ConversationalAct | null = null): Partial<Activity>[] {
  if (state !== 'waiting_staff') return [];
  const t = handoffTexts(language);
  const when = whenStaffReply(language, time, timeZone);
  const text = act === 'thanks' ? t.waitingThanks(when) : act === 'affirm' ? t.waitingOk(when) : t.waiting(when);
  return [{ type: 'message', text, locale: language, channelData: { waitingForStaff: true } }];
}
