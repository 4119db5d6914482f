import { DateTime } from 'luxon';
import { parsePurchaseDate, type PartialDate } from '../../src/understanding/purchase-date.js';

/**
 * Every date a customer answers goes through `readDate`: one reading of absolute, partial and relative
 * forms in the three languages, as precise as it was given (day, month or year). The words themselves are
 * read by src/understanding's parsePurchaseDate; this module only adds the direction of the question:
 * a purchase date lies behind us ("三月" is the latest March), a visit time ahead ("三月" is the next one,
 * "週二" the coming Tuesday, "明天" tomorrow).
 */
export type { PartialDate };
export type DateDirection = 'past' | 'future';

/** Monday = 1 … Sunday = 7 (luxon's numbering). */
const ZH_WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };
const EN_WEEKDAY: Record<string, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };
const WEEKDAY_ZH = /(下下|下|這|这|本)?\s*(?:個|个)?\s*(?:星期|禮拜|礼拜|週|周)\s*([一二三四五六日天])/;
const WEEKDAY_EN = /\b(next\s+|this\s+)?(mon|tue|wed|thu|fri|sat|sun)(?:day|s|sday|nesday|rsday|urday)?\b/i;
/** Days from today, in the three languages (Cantonese 聽日 too). */
const FUTURE_DAYS: readonly [RegExp, number][] = [
  [/大後天|大后天/, 3],
  [/後天|后天|\bday after tomorrow\b/i, 2],
  [/明天|明日|聽日|听日|\btomorrow\b/i, 1],
  [/今天|今日|\btoday\b/i, 0],
];
/** Words that only point backwards: a future answer containing them is not a date we can use. */
const PAST_ONLY = /昨|前天|去年|前年|上(?:個|个)?月|上(?:個|个)?(?:星期|禮拜|礼拜|週|周)|以前|之前|\bago\b|\blast\b|\byesterday\b/i;

/** A weekday the customer named ("週二", "礼拜二", "the Tuesday one"), with how many weeks ahead it lies when they said ("下週二": 1). */
export function weekdayOf(text: string): { weekday: number; weeksAhead?: number } | null {
  const zh = WEEKDAY_ZH.exec(text);
  if (zh) return { weekday: ZH_WEEKDAY[zh[2]!]!, weeksAhead: zh[1] === '下下' ? 2 : zh[1] === '下' ? 1 : zh[1] ? 0 : undefined };
  const en = WEEKDAY_EN.exec(text);
  if (en) return { weekday: EN_WEEKDAY[en[2]!.toLowerCase()]!, weeksAhead: /next/i.test(en[1] ?? '') ? 1 : en[1] ? 0 : undefined };
  return null;
}

function day(dt: DateTime, text: string): PartialDate {
  return { value: dt.toISODate()!, precision: 'day', text };
}

const FUTURE_MONTHS: readonly [RegExp, number][] = [
  [/下(?:個|个)?月|\bnext month\b/i, 1],
  [/(?:這|这|本)(?:個|个)?月|\bthis month\b/i, 0],
];

function future(text: string, today: DateTime): PartialDate | null {
  for (const [re, days] of FUTURE_DAYS) {
    const hit = re.exec(text);
    if (hit) return day(today.plus({ days }), hit[0]);
  }
  for (const [re, months] of FUTURE_MONTHS) {
    const hit = re.exec(text);
    if (hit) return { value: today.plus({ months }).toFormat('yyyy-MM'), precision: 'month', text: hit[0] };
  }
  if (PAST_ONLY.test(text)) return null;
  const named = weekdayOf(text);
  if (named) {
    // "下週二" is Tuesday of next week (Monday-based); "週二" / "Tuesday" the coming one, today included.
    const target = named.weeksAhead === undefined ? today.plus({ days: (named.weekday - today.weekday + 7) % 7 }) : today.startOf('week').plus({ weeks: named.weeksAhead, days: named.weekday - 1 });
    return target < today.startOf('day') ? null : day(target, text);
  }
  // Absolute and partial forms are read as if today were a year on: "the latest 3 December not after that"
  // is the next 3 December from today, and an explicit year still has to lie ahead.
  const found = parsePurchaseDate(text, today.plus({ years: 1 }).minus({ days: 1 }).toJSDate(), today.zoneName ?? 'UTC');
  if (!found) return null;
  const start = DateTime.fromISO(found.value, { zone: today.zone });
  const end = start.endOf(found.precision);
  return end < today.startOf('day') ? null : found;
}

const EN_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const EN_MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
/** How many years back an English phrase points: "last year" 1, "the year before last" 2, "3 years ago" 3. */
const EN_YEARS_BACK = String.raw`(this year|last year|the year before last|(?:a|one|two|three|four|five|\d{1,2}) years? ago)`;
const EN_NUMBER: Record<string, number> = { a: 1, one: 1, two: 2, three: 3, four: 4, five: 5 };
/** "March last year", "in march of last year", "last year in March", "Dec two years ago": a month of a relative year. */
const EN_MONTH_OF_YEAR = new RegExp(String.raw`\b${EN_MONTH}\b(?:\s+(?:of|in))?\s+${EN_YEARS_BACK}|\b${EN_YEARS_BACK}\s*,?\s*(?:in|around|during)?\s+\b${EN_MONTH}\b`, 'i');
/** Seasons, read as their middle month (an approximate date the customer chose; the summary shows it for checking). */
const SEASON_MONTH: Record<string, number> = { spring: 4, summer: 7, autumn: 10, fall: 10, winter: 1, 春: 4, 夏: 7, 秋: 10, 冬: 1, 暑假: 7, 寒假: 1 };
const EN_SEASON = new RegExp(String.raw`\b(?:(last|this|past)\s+(spring|summer|autumn|fall|winter)|(spring|summer|autumn|fall|winter)\s+(?:of\s+)?(?:${EN_YEARS_BACK}|((?:19|20)\d{2})))\b`, 'i');
const ZH_YEAR_BACK: Record<string, number> = { 今年: 0, 本年: 0, 去年: 1, 上年: 1, 舊年: 1, 旧年: 1, 前年: 2, 大前年: 3 };
const ZH_SEASON = /(大前年|前年|去年|上年|舊年|旧年|今年|本年|((?:19|20)\d{2})\s*年)?\s*(?:的)?\s*(?:(春|夏|秋|冬)(?:天|季)|(暑假|寒假))/;

function yearsBack(phrase: string): number {
  const p = phrase.toLowerCase();
  if (p === 'this year') return 0;
  if (p === 'last year') return 1;
  if (p === 'the year before last') return 2;
  const n = p.split(' ')[0]!;
  return EN_NUMBER[n] ?? Number(n);
}

/** A month of a year, refused when it lies ahead of today. */
function monthOf(year: number, month: number, now: DateTime, text: string): PartialDate | null {
  if (year * 12 + month > now.year * 12 + now.month) return null;
  return { value: `${year}-${String(month).padStart(2, '0')}`, precision: 'month', text };
}

/** A season without a year ("last summer", "夏天") is the latest one that has begun. */
function latestSeason(month: number, now: DateTime): number {
  return month <= now.month ? now.year : now.year - 1;
}

/**
 * What src/understanding's parsePurchaseDate does not read and customers write: a month of a relative year
 * ("march last year" is 2025-03, not 2025), seasons ("last summer", "去年夏天"), and the short forms of chat
 * ("2 yrs ago", "18 mths ago"). Everything else goes to parsePurchaseDate.
 */
function past(text: string, today: Date, timeZone: string): PartialDate | null {
  const now = DateTime.fromJSDate(today, { zone: timeZone });
  const t = text
    .replace(/\b(\d+)\s*(?:yrs?|y)\b/gi, '$1 years')
    .replace(/\b(\d+)\s*(?:mths?|mos?|mnths?)\b/gi, '$1 months')
    .replace(/\b(?:a )?couple(?: of)? (?:yrs|years)\b/gi, 'a couple of years');
  const monthOfYear = EN_MONTH_OF_YEAR.exec(t);
  if (monthOfYear) {
    const [, m1, back1, back2, m2] = monthOfYear;
    const month = EN_MONTHS.indexOf((m1 ?? m2)!.slice(0, 3).toLowerCase()) + 1;
    return monthOf(now.year - yearsBack((back1 ?? back2)!), month, now, monthOfYear[0]);
  }
  const season = EN_SEASON.exec(t);
  if (season) {
    const [, which, name1, name2, back, year] = season;
    const month = SEASON_MONTH[(name1 ?? name2)!.toLowerCase()]!;
    // Winter is read as its January: "winter 2024" is the one that begins in December 2024.
    const y = which ? (which.toLowerCase() === 'this' ? now.year : latestSeason(month, now)) : year ? Number(year) + (month === 1 ? 1 : 0) : now.year - yearsBack(back!) + (month === 1 ? 1 : 0);
    return monthOf(y, month, now, season[0]);
  }
  const zh = ZH_SEASON.exec(t);
  if (zh) {
    const [, relative, year, name, holiday] = zh;
    const month = SEASON_MONTH[(name ?? holiday)!]!;
    const base = year ? Number(year) : relative ? now.year - ZH_YEAR_BACK[relative]! : undefined;
    const y = base === undefined ? latestSeason(month, now) : base + (month === 1 && !holiday ? 1 : 0);
    return monthOf(y, month, now, zh[0]);
  }
  return parsePurchaseDate(t, today, timeZone);
}

/**
 * The date in `text`, as precise as it was given, or null when there is none (or it lies on the wrong side
 * of today). `past`: a purchase date ("去年三月", "2024年5月", "yesterday"). `future`: a day to come
 * ("明天", "下週二", "12月3日", "Dec 3").
 */
export function readDate(text: string, today: Date, timeZone: string, direction: DateDirection = 'past'): PartialDate | null {
  if (direction === 'past') return past(text.normalize('NFKC'), today, timeZone);
  return future(text.normalize('NFKC'), DateTime.fromJSDate(today, { zone: timeZone }));
}
