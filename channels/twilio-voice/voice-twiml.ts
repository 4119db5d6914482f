import type twilio from 'twilio';
import type { OutboundMessage } from '../../src/messages/outbound-message.js';
import { prompts, voices, type VoiceLanguage } from './voice-prompts.js';

export type VoiceResponse = twilio.twiml.VoiceResponse;
type GatherNode = ReturnType<VoiceResponse['gather']>;

/** Builds the action URLs Twilio calls next: absolute under PUBLIC_BASE_URL when set, else root-relative. */
export function voiceUrl(publicBaseUrl: string | undefined, step: string, query: Record<string, string | number> = {}): string {
  const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
  const path = `/twilio/voice${step ? `/${step}` : ''}${search ? `?${search}` : ''}`;
  return publicBaseUrl ? `${publicBaseUrl.replace(/\/+$/, '')}${path}` : path;
}

export function say(node: VoiceResponse | GatherNode, lang: VoiceLanguage, text: string): void {
  node.say(voices[lang].say, text);
}

/** `<Gather input="dtmf speech">` that always calls its action, with or without input (the handler re-prompts). */
export function gather(response: VoiceResponse, lang: VoiceLanguage, action: string, options: { numDigits?: number; finishOnKey?: string; dtmfOnly?: boolean } = {}): GatherNode {
  return response.gather({
    input: options.dtmfOnly ? ['dtmf'] : ['dtmf', 'speech'],
    action,
    method: 'POST',
    actionOnEmptyResult: true,
    timeout: 6,
    ...(options.dtmfOnly ? {} : { speechTimeout: 'auto', language: voices[lang].gather }),
    ...(options.numDigits ? { numDigits: options.numDigits } : {}),
    ...(options.finishOnKey ? { finishOnKey: options.finishOnKey } : {}),
  });
}

/** The main menu, with the other language offered in that language's own voice. */
export function menu(response: VoiceResponse, lang: VoiceLanguage, action: string, lead: string[] = []): void {
  const node = gather(response, lang, action, { numDigits: 1 });
  for (const line of lead) say(node, lang, line);
  say(node, lang, prompts[lang].menu);
  say(node, lang === 'zh' ? 'en' : 'zh', prompts[lang].otherLanguage);
}

/** `<Record>` a voicemail; a caller who says nothing still reaches the action (a missed call gets a callback too). */
export function voicemail(response: VoiceResponse, lang: VoiceLanguage, urls: { action: string; transcribeCallback: string }, hours: number, lead: string[]): void {
  for (const line of lead) say(response, lang, line);
  say(response, lang, prompts[lang].leaveMessage(hours));
  response.record({
    action: urls.action,
    method: 'POST',
    maxLength: 180,
    timeout: 8,
    playBeep: true,
    finishOnKey: '#',
    transcribe: true,
    transcribeCallback: urls.transcribeCallback,
  });
  response.redirect({ method: 'POST' }, urls.action);
}

/** How long a transfer the caller asked for rings before voicemail. */
const TRANSFER_RING_SECONDS = 20;
/**
 * How long staff's phone rings when a call is put through before the menu: about three rings (the seed
 * policy's "someone answers within three rings"), so a caller nobody picks up for is not kept waiting.
 */
export const FIRST_RING_SECONDS = 15;

export function dial(response: VoiceResponse, lang: VoiceLanguage, staffNumber: string, action: string, ringSeconds = TRANSFER_RING_SECONDS): void {
  say(response, lang, prompts[lang].connecting);
  response.dial({ action, method: 'POST', timeout: ringSeconds, answerOnBridge: true }, staffNumber);
}

/** Rings staff at once, greeting in both languages (we do not know the caller's yet); the action decides what follows. */
export function ringStaffFirst(response: VoiceResponse, lang: VoiceLanguage, staffNumber: string, action: string): void {
  say(response, lang, prompts[lang].ringingStaff);
  const other: VoiceLanguage = lang === 'zh' ? 'en' : 'zh';
  say(response, other, prompts[other].ringingStaff);
  response.dial({ action, method: 'POST', timeout: FIRST_RING_SECONDS, answerOnBridge: true }, staffNumber);
}

/** Choices are read out with their keypad digit: "1, Yes. 2, No." */
function spoken(reply: OutboundMessage): string {
  if (!reply.choices?.length) return reply.text;
  return [reply.text, ...reply.choices.map((c, i) => `${i + 1}, ${c}.`)].join(' ');
}

export type TurnRendering = 'handoff' | 'gather' | 'hangup';

/**
 * Speaks the dialog's replies. A reply marked `meta.handoff` transfers to a person; `meta.expectInput: false`
 * or `meta.hangup` ends the call; otherwise the caller is listened to again (with a closing question and a
 * goodbye on silence when the dialog did not say it expects an answer).
 */
export function renderTurn(response: VoiceResponse, lang: VoiceLanguage, replies: readonly OutboundMessage[], nextAction: string): TurnRendering {
  const voiceReplies = replies.filter((r) => r.channel === 'voice');
  if (voiceReplies.some((r) => r.meta.handoff === true)) {
    for (const r of voiceReplies) say(response, lang, spoken(r));
    return 'handoff';
  }
  if (voiceReplies.some((r) => r.meta.hangup === true || r.meta.expectInput === false)) {
    for (const r of voiceReplies) say(response, lang, spoken(r));
    response.hangup();
    return 'hangup';
  }
  const expects = voiceReplies.some((r) => r.meta.expectInput === true || (r.choices?.length ?? 0) > 0);
  const node = gather(response, lang, expects ? nextAction : `${nextAction}${nextAction.includes('?') ? '&' : '?'}closing=1`);
  for (const r of voiceReplies) say(node, lang, spoken(r));
  if (!expects) say(node, lang, prompts[lang].anythingElse);
  return 'gather';
}
