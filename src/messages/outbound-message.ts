import { z } from 'zod';
import { ChannelKind, Language } from './channel-kind.js';

/** Channel-neutral reply: text plus optional choices each adapter renders its own way. */
export const OutboundMessage = z.object({
  channel: ChannelKind,
  to: z.string().min(1),
  conversationKey: z.string().optional(),
  text: z.string(),
  subject: z.string().optional(),
  choices: z.array(z.string()).optional(),
  language: Language.optional(),
  /** Why we send it: a reply in the turn, or proactive (survey, follow-up, staff reply...). */
  purpose: z.string().default('reply'),
  /** Per-channel details: e-mail threading headers, voice hints (expect input, hang up, dial). */
  meta: z.record(z.string(), z.unknown()).default({}),
});
export type OutboundMessage = z.infer<typeof OutboundMessage>;
export type OutboundMessageInput = z.input<typeof OutboundMessage>;
