import type { Scored } from './classifier.js';
import type { CueName } from './cues.js';
import type { Category, Urgency } from './understanding-schema.js';

/**
 * Model scores, then rules for what must never be missed: a safety hazard (unless the message is a complaint
 * about one), a medical setting or production down is high; "no rush" with none of those is not high.
 *
 * Legal threats, many users affected and repeat failures used to force high too. On hand-written text from
 * other writers they cost more than they caught (persona-grouped CV on the written corpus 0.807 → 0.814,
 * corpus-drop2 c–e 0.769 → 0.787, dev unchanged): "our lawyer reviewed the contract, when does it renew?" or a
 * calm second visit is not urgent. They stay as model features (cue:legal, cue:repeat …), so the model weighs them.
 */
export function decideUrgency(scores: Scored, cues: ReadonlySet<CueName>, category: Category): Urgency {
  const model = (scores[0]?.label ?? 'normal') as Urgency;
  if (cues.has('medical') || cues.has('production') || (cues.has('safety') && category !== 'complaint')) return 'high';
  if (cues.has('low') && !cues.has('urgent') && model === 'high') return 'normal';
  return model;
}
