import type { CueName } from './cues.js';
import type { ChannelKind } from './understanding-schema.js';
import { tokenise } from './tokenise.js';

/** Model features shared by training and prediction: text tokens, lexicon cues and the channel. */
export function featuresOf(normalised: string, cues: ReadonlySet<CueName>, channel: ChannelKind): string[] {
  const features = tokenise(normalised);
  for (const cue of cues) features.push(`cue:${cue}`);
  if (cues.has('repeat') && cues.has('dissatisfied')) features.push('cue:repeat+dissatisfied');
  if (cues.has('question') && !cues.has('dissatisfied')) features.push('cue:calm-question');
  features.push(`ch:${channel}`);
  return features;
}
