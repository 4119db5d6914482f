import type { CueName } from './cues.js';
import type { Category, Complexity, Entities, Urgency } from './understanding-schema.js';

/**
 * Triage hint: simple = one short question a bot can answer; complex = escalations, legal or safety
 * matters, repeated failures, long multi-part messages; general = the rest.
 */
const isLatinLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Han characters, runs of Latin letters and question marks, in one pass instead of three global matches. */
function counts(text: string): { cjk: number; words: number; questions: number } {
  let cjk = 0;
  let words = 0;
  let questions = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x3400 && c <= 0x9fff) cjk++;
    else if (c === 0x3f || c === 0xff1f) questions++; // ? and ？
    else if (isLatinLetter(c) && (i === 0 || !isLatinLetter(text.charCodeAt(i - 1)))) words++;
  }
  return { cjk, words, questions };
}

export function estimateComplexity(input: {
  text: string;
  category: Category;
  urgency: Urgency;
  cues: ReadonlySet<CueName>;
  entities: Entities;
}): Complexity {
  const { text, category, urgency, cues } = input;
  const { cjk, words, questions } = counts(text);
  const size = words + cjk / 2;
  const listItems = text.match(/^\s*(?:\d+[.)、]|[-*•]|\(\d+\))\s/gm)?.length ?? 0;
  if (cues.has('legal') || (category === 'complaint' && urgency === 'high') || (cues.has('repeat') && cues.has('dissatisfied'))) return 'complex';
  if (size > 150 || listItems >= 3 || questions >= 3) return 'complex';
  if (category === 'inquiry' && urgency !== 'high' && size <= 40 && questions <= 1) return 'simple';
  return 'general';
}
