import { smsKeyword } from '../../src/customers/opt-out-service.js';
import type { ChannelKind } from '../../src/messages/channel-kind.js';

/**
 * Whole messages that end a survey or a follow-up early: "cancel", "stop", "no thanks", "不要了", "算了", "bye" …
 * Only the whole short message counts, so "stopped working after a day" is a suggestion, not a quit.
 */
const QUIT =
  /^\s*(?:(?:please\s+)?(?:cancel|stop|quit|exit|end)(?:\s+(?:it|this|the survey|survey))?(?:\s+please)?|no,? thank(?:s| you)|no more(?: questions)?|enough|that'?s enough|not interested|i'?m not interested|i don'?t want to(?: answer| do this)?|leave me alone|(?:good)?bye|不要了|不要|算了|算了吧|取消|不用了|不做了|不想做了|不想答了?|不想回答|不答了|不填了|結束|结束|停止|停|夠了|够了|別問了|别问了|不要再問了|不要再问了|唔要喇|唔要了|唔做喇|唔答喇|再見|再见|拜拜)\s*[.!。！~～]*\s*$/i;

/**
 * Whether the customer quits the survey or follow-up asking them with this message. On SMS the carrier's opt-out words (STOP, CANCEL,
 * QUIT, END …) never reach a dialog: the SMS adapter answers them and opts the number out
 * (channels/twilio-sms/sms-keyword-reply.ts), so they are not read as a quit here either.
 */
export function quits(text: string, channel: ChannelKind): boolean {
  if (channel === 'sms' && smsKeyword(text) === 'stop') return false;
  return QUIT.test(text.normalize('NFKC'));
}
