import type { CueName } from './cues.js';
import type { Sentiment } from './understanding-schema.js';

const NEGATIVE = /unacceptable|disappoint|terrible|awful|ridiculous|worst|disgrace|furious|angry|fed up|frustrat|annoy|useless|joke|poor|rude|hate|upset|!!|😡|😤|🙄|😫|太差|很差|好差|差劲|失望|离谱|生气|嬲|气死|不满|烦|垃圾|忍无可忍|搞什么|什么服务/g;
const POSITIVE = /thank|thanks|thx|great|excellent|appreciat|helpful|happy|pleased|good job|well done|love|perfect|🙏|🙂|👍|谢谢|感谢|满意|很好|好用|专业|辛苦|赞/g;

/** Lexicon score in [-1, 1]: negative words and complaint cues pull down, thanks and praise pull up. */
export function scoreSentiment(normalised: string, cues: ReadonlySet<CueName>): Sentiment {
  const neg = (normalised.match(NEGATIVE)?.length ?? 0) + (cues.has('dissatisfied') ? 1 : 0) + (cues.has('faultWords') ? 0.5 : 0);
  const pos = (normalised.match(POSITIVE)?.length ?? 0) * 0.6;
  const raw = (pos - neg) / (pos + neg + 1);
  const score = Math.round(Math.max(-1, Math.min(1, raw)) * 100) / 100;
  return { label: score <= -0.25 ? 'negative' : score >= 0.25 ? 'positive' : 'neutral', score };
}
