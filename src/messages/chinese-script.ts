import { SIMPLIFIED_ONLY, TRADITIONAL_ONLY } from './chinese-script-table.js';

export type ChineseScript = 'traditional' | 'simplified' | 'neutral';

/** Characters of written Cantonese: a message with them is Traditional Chinese, whatever else it holds. */
export const CANTONESE_CHARACTERS = '嘅咗唔冇係哋嚟喺啲佢咁噉睇俾畀搵嗰咩攞𨋢';

let table: Map<string, ChineseScript> | undefined;
/** The same answers for one-code-unit characters, by code: language detection asks once per Han character. */
let byCode: Uint8Array | undefined;
const SCRIPTS: readonly ChineseScript[] = ['neutral', 'traditional', 'simplified'];

/**
 * Where OpenCC's tables mislead: 么 is what mainland writers use in 什么 and 怎么 (Taiwan writes 麼), but the
 * Taiwan → mainland table maps it to 幺, so the generated table calls it Traditional-only.
 */
const CORRECTIONS: Record<string, ChineseScript> = { 么: 'simplified' };

/**
 * Whether only Traditional or only Simplified Chinese writes this character this way (neutral: both, or
 * not Chinese). The answer is OpenCC's (Taiwan ↔ mainland, with CORRECTIONS), read from a table generated from it
 * (scripts/chinese-script-table.ts): asking OpenCC's converters at run time cost about 40 MB of tries per
 * module that did, for a question about one character at a time.
 */
export function chineseScriptOf(ch: string): ChineseScript {
  if (!table) {
    table = new Map();
    for (const c of TRADITIONAL_ONLY) table.set(c, 'traditional');
    for (const c of SIMPLIFIED_ONLY) table.set(c, 'simplified');
    for (const [c, script] of Object.entries(CORRECTIONS)) table.set(c, script);
    byCode = new Uint8Array(0x10000);
    for (const [c, script] of table) if (c.length === 1) byCode[c.charCodeAt(0)] = SCRIPTS.indexOf(script);
  }
  if (ch.length === 1) return SCRIPTS[byCode![ch.charCodeAt(0)]!]!;
  return table.get(ch) ?? 'neutral';
}
