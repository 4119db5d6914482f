import type { OutboundMessage } from '../../src/messages/outbound-message.js';

/** Choices become numbered lines; the dialogs' choice prompts accept the number or the words back. */
export function smsTextOf(message: Pick<OutboundMessage, 'text' | 'choices'>): string {
  const text = message.text.trim();
  if (!message.choices?.length) return text;
  const lines = message.choices.map((choice, i) => `${i + 1}. ${choice}`);
  return [text, ...lines].filter(Boolean).join('\n');
}
