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

/** Which kind of system another organisation's reference comes from. */
export const ExternalRefKind = z.enum(['rma', 'purchase_order', 'invoice', 'incident', 'case', 'order', 'contract', 'work_order', 'other']);
export type ExternalRefKind = z.infer<typeof ExternalRefKind>;

/** Values are the text as the customer wrote it (trimmed), except where a field says it is normalised. */
export const Entities = z.object({
  /** Brand, series and model as written: `Daikin FTXM35`, `HP LaserJet Pro M404dn`, `日立 RAS-40NK`, `GR-B22`. */
  productModel: z.string().optional(),
  serial: z.string().optional(),
  /** As written; see `phoneE164` for the number to store. */
  phone: z.string().optional(),
  /** `phone` in E.164, its region judged from the number, the address and the language (13812345678 → +8613812345678). */
  phoneE164: z.string().optional(),
  /** ISO region of `phoneE164`: TW, CN, HK (or another when the customer wrote a country code). */
  phoneRegion: z.string().optional(),
  email: z.string().optional(),
  /** Our own service requests: `SR-2026-000123`, and the free forms customers use for them (`tk 5541`, `ticket 4410`, 工單 1234). */
  ticketRef: z.string().optional(),
  /** Another system's reference, kept apart from ours: `RMA-88213`, `PO 4500123456`, `Case#00123987`, `INC0012345`, `AB-12345678`. */
  externalRef: z.string().optional(),
  externalRefKind: ExternalRefKind.optional(),
  /** Normalised, as precise as the customer gave it: `2024-05-14`, `2024-05` or `2024` (see purchaseDatePrecision). */
  purchaseDate: z.string().optional(),
  purchaseDatePrecision: z.enum(['day', 'month', 'year']).optional(),
  /** The words the purchase date was read from: `去年三月`, `last year`, `2024年5月`. */
  purchaseDateText: z.string().optional(),
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

export type UnderstandContext = {
  channel: ChannelKind;
  subject?: string;
  /** "Now" for relative dates such as 去年三月 or yesterday; defaults to the current time. */
  now?: Date;
  /** Time zone relative dates are read in; defaults to Asia/Taipei. */
  timeZone?: string;
};
export type UnderstandOptions = { confidenceThreshold?: number };

export const DEFAULT_CONFIDENCE_THRESHOLD = 0.55;
export const MAX_ANALYSED_CHARS = 20_000;
