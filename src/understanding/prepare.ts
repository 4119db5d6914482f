import { matchCues, type CueName } from './cues.js';
import { newEmailText } from './email-text.js';
import { featuresOf } from './features.js';
import { cleanText, normalise } from './normalise.js';
import { MAX_ANALYSED_CHARS, type UnderstandContext } from './understanding-schema.js';

export type Prepared = {
  /** Whole message (subject first), cleaned and capped: entities are looked for here, quotes included. */
  full: string;
  /** What the customer just wrote (subject + new e-mail text), cleaned: category, urgency, language. */
  own: string;
  normalised: string;
  cues: Set<CueName>;
  features: string[];
  truncated: boolean;
  isEmpty: boolean;
};

const HAS_CONTENT = /[\p{L}\p{N}]/u;

/** One pass shared by understand() and scripts/train.ts, so training and prediction see the same features. */
export function prepare(text: string, ctx: UnderstandContext): Prepared {
  const truncated = text.length > MAX_ANALYSED_CHARS;
  const body = cleanText(truncated ? text.slice(0, MAX_ANALYSED_CHARS) : text);
  const subject = ctx.subject ? cleanText(ctx.subject.slice(0, 1000)).trim() : '';
  const ownBody = ctx.channel === 'email' ? newEmailText(body) : body;
  const own = subject ? `${subject}\n${ownBody}` : ownBody;
  const full = subject ? `${subject}\n${body}` : body;
  const normalised = normalise(own);
  const cues = matchCues(normalised);
  return {
    full,
    own,
    normalised,
    cues,
    features: [...new Set(featuresOf(normalised, cues, ctx.channel))],
    truncated,
    isEmpty: !HAS_CONTENT.test(own),
  };
}
