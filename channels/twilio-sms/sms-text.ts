import type { OutboundMessage } from '../../src/messages/outbound-message.js';

/**
 * Carrier keywords that unsubscribe a number (Twilio and the US/CA carriers act on them before we see the
 * message). A dialog text written for chat may suggest one ("say "cancel" to start over"); by SMS the
 * customer who follows it unsubscribes, so the advice is rendered with a word that means the same to the
 * dialogs and nothing to the carrier.
 */
const CARRIER_ADVICE = /(["“'「])\s*(cancel|end|quit)\s*(["”'」])/gi;

export function withoutCarrierKeywordAdvice(text: string): string {
  return text.replace(CARRIER_ADVICE, (_m, open: string, _word: string, close: string) => `${open}start over${close}`);
}

/** Choices become numbered lines; the dialogs' choice prompts accept the number or the words back. */
export function smsTextOf(message: Pick<OutboundMessage, 'text' | 'choices'>): string {
  const text = withoutCarrierKeywordAdvice(message.text.trim());
  if (!message.choices?.length) return text;
  const lines = message.choices.map((choice, i) => `${i + 1}. ${choice}`);
  return [text, ...lines].filter(Boolean).join('\n');
}
