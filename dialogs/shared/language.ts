import { isLanguage, type Language } from '../../src/messages/channel-kind.js';
import { CANTONESE_CHARACTERS, chineseScriptOf } from '../../src/messages/chinese-script.js';
import type { Understanding } from '../../src/understanding/understanding-schema.js';

const CJK = /[\u3400-\u9fff]/gu;
const ENGLISH_WORD = /(?<![\w-])[A-Za-z][A-Za-z'-]*[A-Za-z](?![\w-])/g;
const LETTER = /\p{L}/u;
// With 晒 ("all"): written Cantonese uses the character that is also the Simplified form of 曬, so it is no Simplified evidence.
const CANTONESE = new Set([...CANTONESE_CHARACTERS, '晒']);

/** How many characters only one of the two Chinese scripts writes this way. */
function scriptEvidence(text: string): { traditional: number; simplified: number } {
  let traditional = 0;
  let simplified = 0;
  for (const ch of text.match(CJK) ?? []) {
    // Written Cantonese is Traditional.
    if (CANTONESE.has(ch)) {
      traditional++;
      continue;
    }
    const script = chineseScriptOf(ch);
    if (script === 'traditional') traditional++;
    else if (script === 'simplified') simplified++;
  }
  return { traditional, simplified };
}

/** Chinese text with no character that only one script writes this way. */
function isScriptNeutral(text: string): boolean {
  const { traditional, simplified } = scriptEvidence(text);
  return traditional === 0 && simplified === 0;
}

/** The script a phone number's region writes: mainland numbers Simplified, Taiwan, Hong Kong and Macau Traditional. */
function scriptOfNumber(from: string | null | undefined): Language | undefined {
  if (!from) return undefined;
  if (from.startsWith('+86')) return 'zh-Hans';
  if (/^\+(?:886|852|853)/.test(from)) return 'zh-Hant';
  return undefined;
}

/**
 * The language to answer in. A message without letters (emoji, digits, punctuation) says nothing about its
 * language: then the `hint` the channel gives (the web chat page's chosen language) decides, else the
 * conversation's language, else the fallback (DEFAULT_LANGUAGE); the detector's "en" for "1" or "👍" is no
 * evidence. Chinese written alike in both scripts ("好的") keeps the conversation's script, else the page's, else
 * the one of the sender's phone region (`from`: +86 Simplified; +886, +852, +853 Traditional). The conversation keeps its language (sticky) unless the customer clearly
 * writes in another one: short answers such as "是", "yes" or a name do not switch it. `mixed` keeps the
 * current language, or the hint or the fallback (DEFAULT_LANGUAGE) for a first message.
 */
export function chooseLanguage(input: { detected: Understanding['language']; text: string; current?: string | null; fallback: Language; hint?: string | null; from?: string | null }): Language {
  const current = isLanguage(input.current) ? input.current : undefined;
  const hint = isLanguage(input.hint) ? input.hint : undefined;
  if (!LETTER.test(input.text)) return hint ?? current ?? input.fallback;
  const detected = input.detected;
  if ((detected === 'zh-Hant' || detected === 'zh-Hans') && isScriptNeutral(input.text)) {
    // "好的", "可以", "是" are written alike in both scripts: the detector's zh-Hant is only its default.
    return [current, hint, scriptOfNumber(input.from)].find((l) => l === 'zh-Hant' || l === 'zh-Hans') ?? detected;
  }
  if (input.detected === 'mixed') return current ?? hint ?? input.fallback;
  if (!current || input.detected === current) return input.detected;
  const cjk = (input.text.match(CJK) ?? []).length;
  const words = (input.text.match(ENGLISH_WORD) ?? []).length;
  if (input.detected === 'en') return words >= 3 && cjk === 0 ? 'en' : current;
  if (current === 'en') return cjk >= 2 ? input.detected : current;
  const { traditional, simplified } = scriptEvidence(input.text);
  // A short answer has few characters to go on: one that only the other script writes ("没有了") is enough.
  const needed = cjk <= 6 ? 1 : 2;
  if (input.detected === 'zh-Hans') return simplified >= needed && traditional === 0 ? 'zh-Hans' : current;
  return traditional >= needed && simplified === 0 ? 'zh-Hant' : current;
}
