import { Converter } from 'opencc-js';

// Taiwan phrases → mainland Simplified: converts characters and vocabulary (印表機 → 打印机,
// 軟體 → 软件), so one model and one jieba dictionary serve Traditional and Simplified alike.
const toSimplified = Converter({ from: 'twp', to: 'cn' });

const CJK = /[\u3400-\u9fff]/;

// Written Cantonese → Mandarin, applied before OpenCC (係 must become 是 before it turns into 系).
const CANTONESE: readonly [RegExp, string][] = [
  [/點解|点解/g, '为什么'],
  [/點樣|点样/g, '怎样'],
  [/點算|点算/g, '怎么办'],
  [/邊個|边个/g, '谁'],
  [/幾時|几时/g, '什么时候'],
  [/幾耐|几耐/g, '多久'],
  [/幾多|几多/g, '多少'],
  [/頭先|头先/g, '刚才'],
  [/上晝|上昼/g, '上午'],
  [/下晝|下昼/g, '下午'],
  [/朝早/g, '早上'],
  [/屋企/g, '家里'],
  [/返工/g, '上班'],
  [/收工/g, '下班'],
  [/一齊|一齐/g, '一起'],
  [/搞掂/g, '搞定'],
  [/唔啱|唔岩/g, '不对'],
  [/(?<=[嚟來来人去])整|整(?=好|返|唔|咗|完|掂|番)/g, '修'],
  [/熄(?=咗|機|机|晒)/g, '关'],
  [/叉(?=唔到電|唔入電|電|唔到电|电)/g, '充'],
  [/跳掣/g, '跳闸'],
  [/掣/g, '按钮'],
  [/嘈/g, '吵'],
  [/𨋢|升降機|升降机/g, '电梯'],
  [/雪櫃|雪柜/g, '冰箱'],
  [/冷氣機|冷气机|冷氣|冷气/g, '空调'],
  [/抽濕機|抽湿机/g, '除湿机'],
  [/熱水爐|热水炉/g, '热水器'],
  [/保固/g, '保修'],
  [/仲(?!裁|介)/g, '还'],
  [/呢(?=[部個个間间台啲些次日兩两排])/g, '这'],
  [/乜(?!嘢|野)/g, '什么'],
  [/[㗎喎噃啩囉嘞喇]/g, ''],
  [/邊度|边度/g, '哪里'],
  [/乜嘢|咩嘢|乜野/g, '什么'],
  [/而家/g, '现在'],
  [/聽日|听日/g, '明天'],
  [/琴日|尋日|寻日/g, '昨天'],
  [/今朝/g, '今早'],
  [/唔該|唔该/g, '谢谢'],
  [/係咪|系咪/g, '是不是'],
  [/冇/g, '没有'],
  [/唔/g, '不'],
  [/係/g, '是'],
  [/嘅/g, '的'],
  [/咗/g, '了'],
  [/佢/g, '他'],
  [/哋/g, '们'],
  [/嚟/g, '来'],
  [/喺/g, '在'],
  [/啲/g, '些'],
  [/咁|噉/g, '这样'],
  [/睇/g, '看'],
  [/俾|畀/g, '给'],
  [/搵|揾/g, '找'],
  [/嗰/g, '那'],
  [/咩/g, '什么'],
  [/攞|拎/g, '拿'],
];

/**
 * The code units a match of `source` can start with, or null when the pattern is not of the simple shapes the
 * table uses (literal words, a character class, a leading look-behind), so that such a rule always runs.
 */
export function firstCodeUnits(source: string): string[] | null {
  const alternatives: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === '|' && depth === 0) {
      alternatives.push(source.slice(start, i));
      start = i + 1;
    }
  }
  alternatives.push(source.slice(start));
  const units = new Set<string>();
  for (let alt of alternatives) {
    while (/^\(\?<[=!][^()]*\)/.test(alt)) alt = alt.replace(/^\(\?<[=!][^()]*\)/, '');
    const cls = /^\[([^\]\\^-]+)\]/.exec(alt);
    // Without the u flag a class and a literal are code units: a class's astral character is two of them.
    const first = cls ? cls[1]! : alt.slice(0, 1);
    const rest = alt.slice(cls ? cls[0].length : 1);
    if (!first || /[\\()[\]{}.*+?^$|]/.test(first) || /^[?*{]/.test(rest)) return null;
    for (let k = 0; k < first.length; k++) units.add(first[k]!);
  }
  return [...units];
}

/** Rule numbers by the code unit a match starts with; rules of another shape are in ALWAYS. */
const RULES_BY_FIRST = new Map<string, number[]>();
const ALWAYS: number[] = [];
CANTONESE.forEach(([re], i) => {
  const units = firstCodeUnits(re.source);
  if (!units) ALWAYS.push(i);
  else for (const u of units) RULES_BY_FIRST.set(u, [...(RULES_BY_FIRST.get(u) ?? []), i]);
});
const candidate = new Uint8Array(CANTONESE.length);

/** Marks the rules that could match somewhere in `t`; true if any. */
function markCandidates(t: string): boolean {
  let any = false;
  for (let i = 0; i < t.length; i++) {
    const rules = RULES_BY_FIRST.get(t[i]!);
    if (!rules) continue;
    for (const r of rules) candidate[r] = 1;
    any = true;
  }
  return any;
}

/**
 * The Cantonese rules in order, each only when a character its match starts with is in the text: the same
 * result as running all sixty replacements, which was a tenth of understand() for a Cantonese message.
 */
function cantoneseToMandarin(text: string): string {
  candidate.fill(0);
  for (const r of ALWAYS) candidate[r] = 1;
  if (!markCandidates(text) && !ALWAYS.length) return text;
  let t = text;
  for (let r = 0; r < CANTONESE.length; r++) {
    if (!candidate[r]) continue;
    const [re, to] = CANTONESE[r]!;
    const before = t;
    t = t.replace(re, to);
    // A replacement brings new characters, which may start a later rule's match.
    if (t !== before) markCandidates(t);
  }
  return t;
}

// SMS and chat shorthand → the words the model was trained on.
const ABBREVIATIONS: Record<string, string> = {
  pls: 'please', plz: 'please', pl: 'please', thx: 'thanks', thks: 'thanks', tks: 'thanks', ty: 'thank you',
  u: 'you', ur: 'your', r: 'are', y: 'why', b4: 'before', '2day': 'today', tdy: 'today', tmr: 'tomorrow',
  tmrw: 'tomorrow', '2moro': 'tomorrow', some1: 'someone', any1: 'anyone', no1: 'no one', msg: 'message',
  ppl: 'people', coz: 'because', cuz: 'because', bc: 'because', wont: "won't", cant: "can't", dont: "don't",
  doesnt: "doesn't", isnt: "isn't", didnt: "didn't", wasnt: "wasn't", im: "i'm", ive: "i've", idk: "i don't know",
  svc: 'service', tech: 'technician', techs: 'technicians', engr: 'engineer', mgr: 'manager', appt: 'appointment',
  acct: 'account', qty: 'quantity', hrs: 'hours', mins: 'minutes', wk: 'week', wks: 'weeks', w: 'with',
  wo: 'without', abt: 'about', pmt: 'payment', btw: 'by the way', fyi: 'for your information',
  gd: 'good', nvm: 'never mind', k: 'ok', okie: 'ok', nite: 'night', tonite: 'tonight', wud: 'would', cud: 'could',
  shud: 'should', gonna: 'going to', wanna: 'want to', yr: 'year', yrs: 'years', mth: 'month', mths: 'months', hr: 'hour',
  wknd: 'weekend', rcvd: 'received', recd: 'received', thnx: 'thanks', thanx: 'thanks', tnx: 'thanks', cos: 'because',
  sry: 'sorry', tho: 'though', rn: 'right now', atm: 'at the moment', txt: 'text', pwr: 'power', asap: 'asap',
  // common misspellings
  recieve: 'receive', recieved: 'received', warrenty: 'warranty', waranty: 'warranty', warrantee: 'warranty',
  technican: 'technician', tecnician: 'technician', techician: 'technician', enginner: 'engineer', engeneer: 'engineer',
  machne: 'machine', brokn: 'broken', repiar: 'repair', wokring: 'working', dosent: "doesn't", becuase: 'because',
  apointment: 'appointment', appoinment: 'appointment', projecter: 'projector', comming: 'coming', untill: 'until',
};

// Speech-to-text hesitations carry no meaning; "um" and "嗯" should not become features of a class.
const FILLERS = /\b(?:u+m+|u+h+|e+r+m*|h+m+|a+h+|you know|i mean)\b|[嗯呃]/g;

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

/**
 * Code units that NFKC leaves as they are, alone and beside each other: Latin-1 and the rest below U+0300, general
 * punctuation and CJK punctuation that NFKC keeps, and the CJK ideographs. None is a combining mark, and none is the
 * second part of a canonical composition (checked over all of Unicode when this list was written), so a text made of
 * them only is its own NFKC form. Zero-width characters are left out: cleanText removes them.
 */
const NFKC_AS_IS = new Uint8Array(0x10000);
for (const [from, to] of [[0, 0x2ff], [0x2010, 0x206f], [0x3000, 0x303f]] as const) {
  for (let c = from; c <= to; c++) {
    const ch = String.fromCharCode(c);
    if (ch.normalize('NFKC') === ch && !/\p{M}/u.test(ch) && !/[\u200b-\u200d\u2060\ufeff]/.test(ch)) NFKC_AS_IS[c] = 1;
  }
}
NFKC_AS_IS.fill(1, 0x3400, 0x4dc0);
NFKC_AS_IS.fill(1, 0x4e00, 0xa000);

function isCleanAlready(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!NFKC_AS_IS[text.charCodeAt(i)]) return false;
  return true;
}

/** Full-width → half-width, zero-width characters removed. Keeps case and script. */
export function cleanText(text: string): string {
  // Most messages are plain ASCII or ASCII with Han characters: a look at each code unit spares the ICU call.
  if (isCleanAlready(text)) return text;
  return text.normalize('NFKC').replace(ZERO_WIDTH, '');
}

export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

/** Cantonese → Mandarin → Simplified; lower-case; SMS abbreviations expanded. */
export function normalise(text: string): string {
  let t = cleanText(text);
  if (hasCjk(t)) {
    t = cantoneseToMandarin(t);
    t = toSimplified(t);
  }
  t = t.toLowerCase();
  if (t.includes(' & ')) t = t.replaceAll(' & ', ' and ');
  return expandAbbreviations(t).replace(FILLERS, ' ');
}

/**
 * ABBREVIATIONS as a Map, with the word-shaped names the object inherits ("constructor"), which
 * `ABBREVIATIONS[w] ?? w` also found: a Map lookup instead of a property lookup by a new string per word.
 */
const EXPANSIONS = new Map<string, string>(Object.entries(ABBREVIATIONS));
for (let o: object | null = Object.getPrototypeOf(ABBREVIATIONS) as object | null; o; o = Object.getPrototypeOf(o) as object | null) {
  for (const name of Object.getOwnPropertyNames(o)) {
    const value: unknown = ABBREVIATIONS[name];
    if (/^[a-z0-9']+$/.test(name) && !EXPANSIONS.has(name) && value !== undefined && value !== null) EXPANSIONS.set(name, String(value));
  }
}

const isWordCode = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39; // a-z 0-9 '

/**
 * Each run of [a-z0-9'] replaced by its EXPANSIONS entry, if any: the same as
 * `t.replace(/[a-z0-9']+/g, (w) => ABBREVIATIONS[w] ?? w)`, without a regex match and a callback per word.
 */
function expandAbbreviations(t: string): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < t.length; ) {
    if (!isWordCode(t.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < t.length && isWordCode(t.charCodeAt(end))) end++;
    const expanded = EXPANSIONS.get(t.slice(i, end));
    if (expanded !== undefined) {
      out += t.slice(copied, i) + expanded;
      copied = end;
    }
    i = end;
  }
  return copied === 0 ? t : out + t.slice(copied);
}
