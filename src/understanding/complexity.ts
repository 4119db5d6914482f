import type { CueName } from './cues.js';
import type { Category, Complexity, Entities, Urgency } from './understanding-schema.js';

/**
 * Triage hint: simple = one short question a bot can answer; complex = escalations, legal or safety
 * matters, repeated failures, long multi-part messages; general = the rest.
 */
export function estimateComplexity(input: {
  text: string;
  category: Category;
  urgency: Urgency;
  cues: ReadonlySet<CueName>;
  entities: Entities;
}): Complexity {
  const { text, category, urgency, cues } = input;
  const cjk = text.match(/[\u3400-\u9fff]/g)?.length ?? 0;
  const words = text.match(/[A-Za-z]+/g)?.length ?? 0;
  const size = words + cjk / 2;
  const questions = text.match(/[?？]/g)?.length ?? 0;
  const listItems = text.match(/^\s*(?:\d+[.)、]|[-*•]|\(\d+\))\s/gm)?.length ?? 0;
  if (cues.has('legal') || (category === 'complaint' && urgency === 'high') || (cues.has('repeat') && cues.has('dissatisfied'))) return 'complex';
  if (size > 150 || listItems >= 3 || questions >= 3) return 'complex';
  if (category === 'inquiry' && urgency !== 'high' && size <= 40 && questions <= 1) return 'simple';
  return 'general';
}
