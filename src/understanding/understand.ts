import { conversationalAct, decideAct } from './conversational-act.js';
import { detectLanguage } from './language.js';
import { estimateComplexity } from './complexity.js';
import { isHumanRequest } from './human-request.js';
import { ModelBank } from './model-bank.js';
import { loadModels } from './model-store.js';
import { prepare } from './prepare.js';
import { scoreSentiment } from './sentiment.js';
import { decideUrgency } from './urgency.js';
import {
  ChannelKind,
  DEFAULT_CONFIDENCE_THRESHOLD,
  type Category,
  type UnderstandContext,
  type UnderstandOptions,
  type Understanding,
} from './understanding-schema.js';

const models = loadModels();
const bank = new ModelBank(models);
const CHANNELS = new Set<unknown>(ChannelKind.options);

export class UnderstandingInputError extends Error {
  readonly code = 'understanding.invalid_input';
}

/**
 * Understands one inbound message: category with calibrated confidence, urgency, language, sentiment,
 * entities, complexity and whether a person is asked for. Never throws on text content: empty or
 * emoji-only text gives `isEmpty: true` and `needsClarification: true`; only the first 20,000
 * characters are analysed (`truncated: true`). Throws UnderstandingInputError for a non-string or an
 * unknown channel.
 */
export function understand(text: string, ctx: UnderstandContext, options: UnderstandOptions = {}): Understanding {
  if (typeof text !== 'string') throw new UnderstandingInputError('understand() needs the message text as a string');
  if (!CHANNELS.has(ctx?.channel)) throw new UnderstandingInputError(`unknown channel: ${String(ctx?.channel)}`);
  const threshold = options.confidenceThreshold ?? DEFAULT_CONFIDENCE_THRESHOLD;
  const p = prepare(text, ctx);
  const entities = p.entities;
  if (p.isEmpty) {
    return {
      category: 'inquiry',
      categoryConfidence: 0,
      alternatives: [],
      needsClarification: true,
      urgency: 'normal',
      language: detectLanguage(p.own),
      sentiment: scoreSentiment(p.normalised, p.cues),
      entities,
      complexity: 'simple',
      isHumanRequest: false,
      // An emoji-only reply still says something: 👍 is a yes, 🙏 a thanks.
      act: conversationalAct(p.own),
      isEmpty: true,
      truncated: p.truncated,
    };
  }
  const scored = bank.score(p.features);
  const decided = decideAct(p.own, () => scored.act(), p.cues);
  const act = decided?.act ?? null;
  // With not one known word ("qwzx") the bias alone would look confident: the honest answer is "any of the three".
  const forCategory = p.categoryFeatures === p.features ? scored : bank.score(p.categoryFeatures);
  let scores = forCategory.known ? forCategory.category() : models.category.labels.map((label) => ({ label, p: 1 / 3 }));
  // A greeting, thanks or yes/no asks for no service: it is an inquiry of low urgency (as the corpora label
  // it), with the act's confidence, so a "thanks" is not sent to the clarify menu.
  if (decided) scores = [{ label: 'inquiry', p: Math.max(decided.p, scores.find((s) => s.label === 'inquiry')!.p) }, ...scores.filter((s) => s.label !== 'inquiry').map((s) => ({ label: s.label, p: Math.min(s.p, 1 - decided.p) }))];
  const [top, ...rest] = scores;
  const category = top!.label as Category;
  const urgency = decided ? 'low' : decideUrgency(scored.urgency(), p.cues, category);
  return {
    category,
    categoryConfidence: round(top!.p),
    alternatives: rest.map((s) => ({ category: s.label as Category, confidence: round(s.p) })),
    needsClarification: top!.p < threshold,
    urgency,
    language: detectLanguage(p.own, NAME_FIELDS.map((f) => entities[f] ?? '')),
    sentiment: scoreSentiment(p.normalised, p.cues),
    entities,
    complexity: estimateComplexity({ text: p.own, category, urgency, cues: p.cues, entities }),
    // "你們是真人還是機器人" asks what we are, not for a person.
    isHumanRequest: act === 'human' || (act !== 'smalltalk' && isHumanRequest(p.own)),
    act,
    isEmpty: false,
    truncated: p.truncated,
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
/** Entity values that are names or numbers in the text, left out when judging the language. */
const NAME_FIELDS = ['productModel', 'serial', 'phone', 'email', 'ticketRef', 'externalRef'] as const;
