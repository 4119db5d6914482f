import type { Scored } from './classifier.js';
import type { CueName } from './cues.js';
import type { Category, Urgency } from './understanding-schema.js';

/**
 * Model scores, then rules for what must never be missed: safety, medical, legal threats, production
 * down, many users affected and repeat failures are high; "no rush" with none of those is low.
 */
export function decideUrgency(scores: Scored, cues: ReadonlySet<CueName>, category: Category): Urgency {
  const model = (scores[0]?.label ?? 'normal') as Urgency;
  const critical =
    cues.has('medical') || cues.has('production') || cues.has('manyUsers') || cues.has('legal') || (cues.has('safety') && category !== 'complaint') || (cues.has('repeat') && category !== 'inquiry');
  if (critical) return 'high';
  if (cues.has('low') && !cues.has('urgent') && model === 'high') return 'normal';
  return model;
}
