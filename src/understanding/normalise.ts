import { Converter } from 'opencc-js';

// Taiwan phrases → mainland Simplified: converts characters and vocabulary (印表機 → 打印机,
// 軟體 → 软件), so one model and one jieba dictionary serve Traditional and Simplified alike.
const toSimplified = Converter({ from: 'twp', to: 'cn' });

const CJK = /[\u3400-\u9fff]/;

// Written Cantonese → Mandarin, applied before OpenCC (係 must become 是 before it turns into 系).
const CANTONESE: readonly [RegExp, string][] = [
  [/點解|点解/g, '为什么'],
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

const CANTONESE_ANY = new RegExp(CANTONESE.map(([re]) => re.source).join('|'));

// SMS and chat shorthand → the words the model was trained on.
const ABBREVIATIONS: Record<string, string> = {
  pls: 'please', plz: 'please', pl: 'please', thx: 'thanks', thks: 'thanks', tks: 'thanks', ty: 'thank you',
  u: 'you', ur: 'your', r: 'are', y: 'why', b4: 'before', '2day': 'today', tdy: 'today', tmr: 'tomorrow',
  tmrw: 'tomorrow', '2moro': 'tomorrow', some1: 'someone', any1: 'anyone', no1: 'no one', msg: 'message',
  ppl: 'people', coz: 'because', cuz: 'because', bc: 'because', wont: "won't", cant: "can't", dont: "don't",
  doesnt: "doesn't", isnt: "isn't", didnt: "didn't", wasnt: "wasn't", im: "i'm", ive: "i've", idk: "i don't know",
  svc: 'service', tech: 'technician', techs: 'technicians', engr: 'engineer', mgr: 'manager', appt: 'appointment',
  acct: 'account', qty: 'quantity', hrs: 'hours', mins: 'minutes', wk: 'week', wks: 'weeks', w: 'with',
  wo: 'without', abt: 'about', pmt: 'payment', asap: 'asap', btw: 'by the way', fyi: 'for your information',
  gd: 'good', nvm: 'never mind', k: 'ok', okie: 'ok'
};

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

/** Full-width → half-width, zero-width characters removed. Keeps case and script. */
export function cleanText(text: string): string {
  return text.normalize('NFKC').replace(ZERO_WIDTH, '');
}

export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

/** Cantonese → Mandarin → Simplified; lower-case; SMS abbreviations expanded. */
export function normalise(text: string): string {
  let t = cleanText(text);
  if (hasCjk(t)) {
    if (CANTONESE_ANY.test(t)) for (const [re, to] of CANTONESE) t = t.replace(re, to);
    t = toSimplified(t);
  }
  t = t.toLowerCase();
  return t.replace(/[a-z0-9']+/g, (w) => ABBREVIATIONS[w] ?? w);
}
