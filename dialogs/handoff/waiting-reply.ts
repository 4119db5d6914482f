import type { Activity } from 'botbuilder';
import type { Language } from '../../src/messages/channel-kind.js';
import type { StaffReplyTime } from '../../src/handoff/staff-reply-time.js';
import { handoffTexts, whenStaffReply } from './handoff-texts.js';

/**
 * The bot's only words while a conversation waits for a person (state `waiting_staff`): each customer
 * message is acknowledged with when a person will answer, so nobody writes into silence. Once staff own
 * the conversation (`staff`) the bot says nothing.
 */
export function waitingReply(state: string, language: Language, time: StaffReplyTime, timeZone: string): Partial<Activity>[] {
  if (state !== 'waiting_staff') return [];
  const text = handoffTexts(language).waiting(whenStaffReply(language, time, timeZone));
  return [{ type: 'message', text, locale: language, channelData: { waitingForStaff: true } }];
}
