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

/**
 * The date in `text`, as precise as it was given, or null when there is none (or it lies on the wrong side
 * of today). `past`: a purchase date ("去年三月", "2024年5月", "yesterday"). `future`: a day to come
 * ("明天", "下週二", "12月3日", "Dec 3").
 */
export function readDate(text: string, today: Date, timeZone: string, direction: DateDirection = 'past'): PartialDate | null {
  if (direction === 'past') return parsePurchaseDate(text, today, timeZone);
  return future(text.normalize('NFKC'), DateTime.fromJSDate(today, { zone: timeZone }));
}
