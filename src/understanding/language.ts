import { CANTONESE_CHARACTERS, chineseScriptOf } from '../messages/chinese-script.js';
import type { Language } from './understanding-schema.js';

const CJK = /[\u3400-\u9fff\u{20000}-\u{2ffff}]/gu;
const CANTONESE = new RegExp(`[${CANTONESE_CHARACTERS}]`, 'gu');
/** Words that Chinese writers use inside otherwise Chinese messages without it reading as mixed. */
const LOAN_WORDS = new Set(['hi', 'hello', 'hey', 'ok', 'okay', 'email', 'e-mail', 'mail', 'tel', 'fax', 'mobile', 're', 'fw', 'fwd', 'logo', 'app', 'wifi', 'ext']);
/** Counts English words that carry meaning: no codes, no acronyms like POS or pH, no greetings/labels. */
function englishWords(text: string): number {
  const cleaned = !text.includes('@') && !text.includes('http') ? text : text.replace(/[^\s@]{1,64}@[^\s@]{1,255}|https?:\/\/\S{1,2000}/g, ' ');
  let n = 0;
  // A match has letters, apostrophes and hyphens only, never a digit.
  for (const w of cleaned.match(/(?<![\w-])[A-Za-z][A-Za-z'-]*[A-Za-z](?![\w-])/g) ?? []) {
    if (LOAN_WORDS.has(w.toLowerCase())) continue;
    if (hasCapitalAfterFirst(w)) continue; // POS, LED, pH, KCl, product names like EnviroLink
    n++;
  }
  return n;
}

function hasCapitalAfterFirst(w: string): boolean {
  for (let i = 1; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}

/** `names` (product models and other entities) are left out: "Thermo Heraeus X4R" is not English prose. */
export function detectLanguage(text: string, names: readonly string[] = []): Language {
  const cjk = text.match(CJK) ?? [];
  if (cjk.length === 0) return 'en'; // the English words are only counted for text with Chinese in it
  const words = englishWords(names.reduce((t, n) => (n ? t.split(n).join(' ') : t), text));
  if (words >= 2 && !(words >= 12 && cjk.length <= 4)) {
    const share = words / (words + cjk.length / 2);
    if (share >= 0.1 || words >= 3) return 'mixed';
  }
  if (words >= 6 && cjk.length <= 4) return 'en';
  let trad = (text.match(CANTONESE) ?? []).length * 2;
  let simp = 0;
  for (const ch of cjk) {
    const s = chineseScriptOf(ch);
    if (s === 'traditional') trad++;
    else if (s === 'simplified') simp++;
  }
  return trad > simp ? 'zh-Hant' : simp > trad ? 'zh-Hans' : 'zh-Hant';
}
