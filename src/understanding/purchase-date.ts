import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';

/** A date as precise as the customer gave it: `2024-05-14` (day), `2024-05` (month) or `2024` (year). */
export type PartialDate = { value: string; precision: 'day' | 'month' | 'year'; /** the words it was read from */ text: string };

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 兩: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 半: 0.5 };
const NUM = String.raw`(?:\d{1,2}|[一二三四五六七八九十兩两]{1,3})`;

/** 3, 十二, 二十一, 兩 → a number; undefined when it is not one. */
function number(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '十') return 10;
  const tens = s.indexOf('十');
  if (tens >= 0) return (tens === 0 ? 1 : CN_DIGITS[s[0]!]!) * 10 + (s[tens + 1] ? CN_DIGITS[s[tens + 1]!]! : 0);
  return s.length === 1 ? CN_DIGITS[s] : undefined;
}

const RELATIVE_YEAR: Record<string, number> = { 今年: 0, 本年: 0, 去年: -1, 上年: -1, 舊年: -1, 旧年: -1, 前年: -2, 大前年: -3 };
const UNIT_MONTHS: Record<string, number> = { 年: 12, 月: 1 };

const ZH_ABSOLUTE = new RegExp(String.raw`((?:19|20)\d{2})\s*年\s*(?:(${NUM})\s*月(?:份)?(?:\s*(${NUM})\s*[日號号])?)?`);
const ZH_RELATIVE_YEAR = new RegExp(String.raw`(大前年|前年|去年|上年|舊年|旧年|今年|本年)\s*(?:的)?\s*(?:(${NUM})\s*月(?:份)?(?:\s*(${NUM})\s*[日號号])?|(年初|年頭|年头|年中|年底|年尾))?`);
const ZH_MONTH_DAY = new RegExp(String.raw`(?<![\d年])(${NUM})\s*月(?:份)?(?:\s*(${NUM})\s*[日號号])?`);
const ZH_AGO = new RegExp(String.raw`(${NUM}|半|幾|几)\s*(?:個|个)?\s*(年|月)(半)?\s*(?:之?前|前後|前后)`);
/** "買咗大概一年半", "买了两年半": how long ago it was bought, without 前 (a half makes it a month). */
const ZH_BOUGHT_FOR = new RegExp(String.raw`(?:買咗|买咗|買了|买了|購買了|购买了|用咗|用了)\s*(?:大概|大約|大约|約|约|差唔多|差不多|快|將近|将近)?\s*(${NUM})\s*(?:個|个)?\s*(年)(半)`);
/** "a year and a half ago", "two and a half years ago". */
const EN_HALF_AGO = /\b(a|one|two|three|four|five|\d)\s+(?:years?\s+and\s+a\s+half|and\s+a\s+half\s+years?)\s+ago\b/i;
const ZH_DAY_WORDS: readonly [RegExp, number][] = [
  [/大前天|大前日/, -3],
  [/前天|前日/, -2],
  [/昨天|昨日|琴日|尋日|寻日|噚日/, -1],
  [/今天|今日|今朝|今早/, 0],
];
const ZH_MONTH_WORDS: readonly [RegExp, number][] = [
  [/上上(?:個|个)?月/, -2],
  [/上(?:個|个)?月/, -1],
  [/(?:這|这|今|本)(?:個|个)?月/, 0],
];
const ZH_WEEK = /上(?:個|个)?(?:星期|禮拜|礼拜|週|周)/;
const ISO = /(?<!\d)((?:19|20)\d{2})\s*[-/.]\s*(\d{1,2})(?:\s*[-/.]\s*(\d{1,2}))?(?!\d)/;
const DMY = /(?<!\d)(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d{2})(?!\d)/;
const EN_YEAR_WORDS = /\b(this year|last year|the year before last|(?:a|one|two|three|four|five|\d) years? ago|a couple of years ago|in ((?:19|20)\d{2}))\b/i;
const EN_NUMBERS: Record<string, number> = { a: 1, one: 1, two: 2, three: 3, four: 4, five: 5 };

type Ymd = { y: number; m?: number; d?: number };

function build(ymd: Ymd, text: string, today: DateTime): PartialDate | null {
  const { y, m, d } = ymd;
  if (m !== undefined && (m < 1 || m > 12)) return null;
  if (m !== undefined && d !== undefined) {
    const date = DateTime.fromObject({ year: y, month: m, day: d }, { zone: today.zone });
    if (!date.isValid || date.startOf('day') > today.startOf('day')) return null;
    return { value: date.toISODate()!, precision: 'day', text };
  }
  if (m !== undefined) {
    if (y * 12 + m > today.year * 12 + today.month) return null;
    return { value: `${y}-${String(m).padStart(2, '0')}`, precision: 'month', text };
  }
  if (y > today.year || y < 1900) return null;
  return { value: String(y), precision: 'year', text };
}

/** A month (and day) given without a year is the latest one not in the future: "三月" in November is this March. */
function latest(m: number, d: number | undefined, today: DateTime): Ymd {
  const ahead = m > today.month || (m === today.month && d !== undefined && d > today.day);
  return { y: ahead ? today.year - 1 : today.year, m, d };
}

function fromDateTime(dt: DateTime, precision: PartialDate['precision']): Ymd {
  return precision === 'day' ? { y: dt.year, m: dt.month, d: dt.day } : precision === 'month' ? { y: dt.year, m: dt.month } : { y: dt.year };
}

/** undefined when no Chinese date words are found; null when they name an impossible or future date. */
function chinese(text: string, today: DateTime): PartialDate | null | undefined {
  let m = ZH_ABSOLUTE.exec(text);
  if (m) return build({ y: Number(m[1]), m: number(m[2]), d: number(m[3]) }, m[0], today);
  m = ZH_RELATIVE_YEAR.exec(text);
  if (m) {
    const y = today.year + RELATIVE_YEAR[m[1]!]!;
    if (m[4]) {
      const month = /初|頭|头/.test(m[4]) ? 1 : /中/.test(m[4]) ? 6 : 12;
      return build({ y, m: month }, m[0], today);
    }
    return build({ y, m: number(m[2]), d: number(m[3]) }, m[0], today);
  }
  m = ZH_AGO.exec(text) ?? ZH_BOUGHT_FOR.exec(text);
  if (m) {
    const whole = m[1] === '半' ? 0.5 : /幾|几/.test(m[1]!) ? 3 : number(m[1]);
    if (whole === undefined) return null;
    const n = whole + (m[3] ? 0.5 : 0);
    const months = Math.round(n * UNIT_MONTHS[m[2]!]!);
    const dt = today.minus({ months });
    return build(fromDateTime(dt, m[2] === '年' && Number.isInteger(n) ? 'year' : 'month'), m[0], today);
  }
  for (const [re, days] of ZH_DAY_WORDS) {
    const hit = re.exec(text);
    if (hit) return build(fromDateTime(today.plus({ days }), 'day'), hit[0], today);
  }
  for (const [re, months] of ZH_MONTH_WORDS) {
    const hit = re.exec(text);
    if (hit) return build(fromDateTime(today.plus({ months }), 'month'), hit[0], today);
  }
  const week = ZH_WEEK.exec(text);
  if (week) return build(fromDateTime(today.minus({ weeks: 1 }), 'day'), week[0], today);
  m = ZH_MONTH_DAY.exec(text);
  if (m) {
    const month = number(m[1]);
    if (month === undefined || month < 1 || month > 12) return null;
    return build(latest(month, number(m[2]), today), m[0], today);
  }
  return undefined;
}

function english(text: string, today: DateTime): PartialDate | null {
  const half = EN_HALF_AGO.exec(text);
  if (half) {
    const n = (EN_NUMBERS[half[1]!.toLowerCase()] ?? Number(half[1])) + 0.5;
    return build(fromDateTime(today.minus({ months: Math.round(n * 12) }), 'month'), half[0], today);
  }
  const years = EN_YEAR_WORDS.exec(text);
  if (years) {
    const w = years[1]!.toLowerCase();
    if (years[2]) return build({ y: Number(years[2]) }, years[0], today);
    if (w === 'this year') return build({ y: today.year }, years[0], today);
    if (w === 'last year') return build({ y: today.year - 1 }, years[0], today);
    if (w === 'the year before last' || w.startsWith('a couple')) return build({ y: today.year - 2 }, years[0], today);
    const n = EN_NUMBERS[w.split(' ')[0]!] ?? Number(w.split(' ')[0]);
    return build({ y: today.year - n }, years[0], today);
  }
  // chrono reads "yesterday", "3 months ago", "March 2024", "last week", "5 March 2024".
  const ref = { instant: today.toJSDate(), timezone: today.offset };
  for (const r of chrono.en.parse(text, ref)) {
    const certain = (c: 'year' | 'month' | 'day' | 'weekday') => r.start.isCertain(c);
    const y = r.start.get('year');
    const mo = r.start.get('month');
    const d = r.start.get('day');
    if (y === null || mo === null) continue;
    if (!certain('year') && !certain('month') && !certain('day') && !certain('weekday')) continue; // a time of day only
    const relative = /\bago\b|yesterday|today|last|this/i.test(r.text);
    if (certain('day') || certain('weekday') || (relative && /\b(?:days?|weeks?|yesterday|today)\b/i.test(r.text))) {
      if (!certain('year') && !relative) return build(latest(mo, d ?? undefined, today), r.text, today);
      return build({ y, m: mo, d: d ?? 1 }, r.text, today);
    }
    if (certain('month') || /months?\b/i.test(r.text)) {
      if (!certain('year') && !relative) return build(latest(mo, undefined, today), r.text, today);
      return build({ y, m: mo }, r.text, today);
    }
    return build({ y }, r.text, today);
  }
  return null;
}

/**
 * The purchase date in `text`, as precise as it was given: absolute ("2024-05-14", "2024年5月", "5 March
 * 2024", "14/3/2025"), partial ("2024年5月" keeps month precision, "2023" year precision) and relative to
 * `today` in `timeZone` ("去年三月", "上個月", "兩年前", "琴日", "yesterday", "last year", "3 months ago").
 * A month without a year is the latest such month not in the future. Impossible dates and dates after today
 * give null, so an answer like "tomorrow" or "2024-13-45" is asked again rather than stored.
 */
export function parsePurchaseDate(text: string, today: Date = new Date(), timeZone = 'Asia/Taipei'): PartialDate | null {
  const now = DateTime.fromJSDate(today, { zone: timeZone });
  const t = text.normalize('NFKC');
  const iso = ISO.exec(t);
  if (iso) return build({ y: Number(iso[1]), m: Number(iso[2]), d: iso[3] ? Number(iso[3]) : undefined }, iso[0], now);
  const dmy = DMY.exec(t);
  if (dmy) {
    // 14/3/2025 is unambiguous; 3/4/2025 is read day first, as in Hong Kong, Taiwan forms and British mail.
    const [a, b] = [Number(dmy[1]), Number(dmy[2])];
    const [d, m] = b > 12 ? [b, a] : [a, b];
    return build({ y: Number(dmy[3]), m, d }, dmy[0], now);
  }
  if (/[\u3400-\u9fff]/.test(t)) {
    const zh = chinese(t, now);
    if (zh !== undefined) return zh;
  }
  if (/[a-z]/i.test(t)) return english(t, now);
  const year = /(?<!\d)((?:19|20)\d{2})(?!\d)/.exec(t);
  return year ? build({ y: Number(year[1]) }, year[0], now) : null;
}
