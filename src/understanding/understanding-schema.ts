import { z } from 'zod';

/** What a customer message is about; the dialog layer routes on it. */
export const Category = z.enum(['inquiry', 'fault', 'complaint']);
export type Category = z.infer<typeof Category>;

export const Urgency = z.enum(['low', 'normal', 'high']);
export type Urgency = z.infer<typeof Urgency>;

export const Language = z.enum(['zh-Hant', 'zh-Hans', 'en', 'mixed']);
export type Language = z.infer<typeof Language>;

export const Complexity = z.enum(['simple', 'general', 'complex']);
export type Complexity = z.infer<typeof Complexity>;

export const ChannelKind = z.enum(['sms', 'voice', 'email', 'chat']);
export type ChannelKind = z.infer<typeof ChannelKind>;

/**
 * What a message does in the conversation rather than what service it asks for: `thanks` includes "no
 * more, thanks"; `skip` includes "don't know"; `affirm`/`deny` are yes/no; `human` asks for a person.
 */
export const ConversationalAct = z.enum(['greeting', 'thanks', 'goodbye', 'affirm', 'deny', 'skip', 'human', 'smalltalk']);
export type ConversationalAct = z.infer<typeof ConversationalAct>;

export const Sentiment = z.object({
  label: z.enum(['negative', 'neutral', 'positive']),
  /** -1 (very negative) … +1 (very positive). */
  score: z.number().min(-1).max(1),
});
export type Sentiment = z.infer<typeof Sentiment>;

/** Values are the text as the customer wrote it (trimmed). */
export const Entities = z.object({
  productModel: z.string().optional(),
  serial: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
  /** Our own `SR-2026-000123`, other ticket/RMA/order/invoice/contract numbers, or free forms like `tk 5541`. */
  ticketRef: z.string().optional(),
  purchaseDate: z.string().optional(),
});
export type Entities = z.infer<typeof Entities>;

export const Understanding = z.object({
  category: Category,
  /** Calibrated probability of `category`, in [0, 1]. */
  categoryConfidence: z.number().min(0).max(1),
  /** The other categories, most likely first. */
  alternatives: z.array(z.object({ category: Category, confidence: z.number().min(0).max(1) })),
  /** True when `categoryConfidence` is below the threshold: ask a clarifying question instead of guessing. */
  needsClarification: z.boolean(),
  urgency: Urgency,
  language: Language,
  sentiment: Sentiment,
  entities: Entities,
  complexity: Complexity,
  /** The customer asks for a person (agent, 人工, 真人, real person, 转人工). */
  isHumanRequest: z.boolean(),
  /** A conversational act (greeting, thanks, yes, skip …) or null for a message with service content. */
  act: ConversationalAct.nullable(),
  /** True when there was no analysable text (empty, whitespace, emoji only). */
  isEmpty: z.boolean(),
  /** True when the input was longer than the analysed prefix. */
  truncated: z.boolean(),
});
export type Understanding = z.infer<typeof Understanding>;

export type UnderstandContext = { channel: ChannelKind; subject?: string };
export type UnderstandOptions = { confidenceThreshold?: number };

export const DEFAULT_CONFIDENCE_THRESHOLD = 0.55;
export const MAX_ANALYSED_CHARS = 20_000;
