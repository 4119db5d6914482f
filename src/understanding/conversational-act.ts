import type { ConversationalAct } from './understanding-schema.js';

/**
 * What a short message does in the conversation, before any service category: a greeting, thanks or a
 * goodbye, yes or no, skip / don't know, asking for a person, or small talk. Such messages must never
 * open a ticket. Returns null for a message that carries content (a question, a fault, a complaint).
 * Runs on cleaned text; first cut, to be widened by measurement.
 */
const ACTS: ReadonlyArray<[ConversationalAct, RegExp]> = [
  ['thanks', /^(?:(?:no|nope|nothing)(?: more| else)?,?\s*)?(?:thanks?|thank you|thx|ty|many thanks|cheers|謝謝|谢谢|多謝|多谢|唔該|唔该|感謝|感谢|沒有了|没有了|冇啦)(?:[,，\s]*(?:謝謝|谢谢|多謝|多谢|唔該|唔该|thanks?|thank you|bye|再見|再见|拜拜))*(?: (?:so much|a lot|very much))?$/i],
  ['goodbye', /^(?:bye|bye bye|goodbye|good bye|see you|see ya|再見|再见|拜拜|掰掰|bye-bye)$/i],
  ['greeting', /^(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|你好|您好|哈囉|哈啰|嗨|早安|午安|晚安|喂|hello there)$/i],
  ['affirm', /^(?:y|yes|yeah|yep|ok|okay|sure|correct|right|是|是的|對|对|好|好的|沒錯|没错|可以|行|係|系|ok啦|好呀|好啊)$/i],
  ['deny', /^(?:n|no|nope|不|不是|否|不對|不对|唔係|唔系|不用|不用了|唔使)$/i],
  ['skip', /^(?:skip|pass|none|n\/a|na|no idea|i don'?t know|don'?t know|dunno|not sure|unknown|略過|略过|跳過|跳过|不知道|不清楚|不記得|不记得|唔知|忘了|忘記了|忘记了)$/i],
  ['human', /^(?:agent|human|operator|real person|人工|真人|客服|客服人員|客服人员|找客服人員|我要找客服人員|我要找客服人员|找真人)$/i],
  ['smalltalk', /^(?:how are you\??|who are you\??|are you a (?:bot|robot)\??|你是誰|你是谁|你是機器人嗎|你是机器人吗|你好嗎|你好吗)$/i],
];

export function conversationalAct(text: string): ConversationalAct | null {
  const t = text.trim().replace(/[\s.!?。！？~～…]+$/u, '').replace(/^[\s]+/, '').toLowerCase();
  if (!t) return null;
  for (const [act, re] of ACTS) if (re.test(t)) return act;
  return null;
}
