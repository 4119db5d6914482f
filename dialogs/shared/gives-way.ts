import type { Understanding } from '../../src/understanding/understanding-schema.js';

/**
 * "I don't know the number", "忘了", "沒有單號": said instead of a number or code we asked for. Only phrases
 * about the number itself, or a whole short message, so "冷氣沒有冷" is not read as one.
 */
const UNKNOWN =
  /(?:不知道|不清楚|忘了|忘記|忘记|不記得|不记得|找不到|沒有|没有)\S{0,4}(?:編號|编号|號碼|号码|工單|工单|單號|单号)|(?:編號|编号|單號|单号|號碼|号码|工單|工单)\S{0,6}(?:不知道|忘了|忘記|忘记|不記得|不记得|找不到)|\b(?:don'?t|do not|can'?t|cannot)\s+(?:know|remember|find|have)\b|\bno idea\b|\bforgot\b|\bnot sure\b/i;

/** A message that says something beyond a word or two. */
function substantive(text: string): boolean {
  const cjk = (text.match(/[\u3400-\u9fff]/g) ?? []).length;
  return cjk >= 4 || text.trim().split(/\s+/).length >= 3;
}

/**
 * Whether the answer to "what is your ticket number?" gives the question up: `unknown` when the customer does
 * not have the number, `request` when they send a new request instead ("冷氣不冷，需要報修"), which is then
 * routed as a new message rather than met with "I cannot read a ticket number".
 */
export function wayGiven(text: string, u: Understanding | null | undefined): 'unknown' | 'request' | undefined {
  if (u?.act === 'skip' || u?.act === 'deny' || UNKNOWN.test(text)) return 'unknown';
  if (u && u.act === null && !u.isEmpty && !u.needsClarification && substantive(text)) return 'request';
  return undefined;
}
