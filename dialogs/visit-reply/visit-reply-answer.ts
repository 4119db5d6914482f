import { DateTime } from 'luxon';
import { readDate, weekdayOf } from '../shared/dates.js';

/** What the customer's message says about the visit times we offered. */
export type ProposalAnswer = { kind: 'choice'; index: number } | { kind: 'which'; candidates: number[] } | { kind: 'none' };

/** An answer to a pending question is short; a long message is a new request, whatever words it shares. */
const MAX_ANSWER_CHARS = 40;

const NONE =
  /都不(?:行|可以|方便|適合|适合|合適|合适|OK|ok)|全都不|(?:都|全都)?(?:沒空|没空|沒時間|没时间|不行|不方便)$|^(?:不行|不可以|不方便|沒辦法|没办法)|\b(?:none|neither)\b|\bno(?:ne)? of (?:them|these|those|the times)\b|\b(?:can'?t|cannot) make (?:any|it|them)\b|\bnothing (?:works|fits|suits)\b/i;
const BARE_NUMBER = /^(?:#|no\.?\s*|number\s*|option\s*|choice\s*|選|选|選擇|选择)?\s*(\d{1,2})\s*([號号])?\s*(?:可以|好的?|行|ok|okay|please|thanks?|謝謝|谢谢)?\s*[.。!！]?$/i;
const ZH_ORDINAL = /第\s*([一二三四五六七八九十\d]{1,2})\s*(?:個|个|項|项|種|种|時段|时段|個時間|个时间)?/;
const ZH_NUMERALS: Record<string, number> = { 一: 1, 二: 2, 兩: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const EN_ORDINAL: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, fifth: 5, '5th': 5 };
const EN_ORDINAL_RE = /\b(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th)\b(?!\s+(?:of|day))/i;
const LAST = /最後(?:一個|那個)?|最后(?:一个|那个)?|\b(?:the )?last (?:one|time)\b/i;
/** Parts of the day as the customer names them: which local hours they cover. */
const PARTS: readonly [RegExp, number, number][] = [
  [/上午|早上|早晨|\bmorning\b|\bam\b|\ba\.m\./i, 0, 12],
  [/中午|\bnoon\b|\bmidday\b/i, 11, 14],
  [/下午|\bafternoon\b|\bpm\b|\bp\.m\./i, 12, 18],
  [/晚上|傍晚|\bevening\b|\btonight\b/i, 17, 24],
];
const HOUR = /(\d{1,2})\s*(?::(\d{2})|[點点時时](?:\s*(\d{1,2})\s*分?|半)?|\s*(am|pm|a\.m\.|p\.m\.|o'?clock))/i;

/** Whether `text` is short enough to be an answer at all (a longer one is routed without looking for a pending question). */
export function mayBeVisitAnswer(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= MAX_ANSWER_CHARS;
}

/** 1-based position in a list of `count`, or undefined. */
function position(n: number, count: number): number | undefined {
  return Number.isInteger(n) && n >= 1 && n <= count ? n - 1 : undefined;
}

function zhNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '十') return 10;
  return s.startsWith('十') ? 10 + (ZH_NUMERALS[s[1]!] ?? 0) : (ZH_NUMERALS[s] ?? NaN);
}

/** The hour of day the customer named ("下午2點", "2pm", "14:00"), in 24-hour form. */
function hourOf(text: string, afternoon: boolean): number | undefined {
  const m = HOUR.exec(text);
  if (!m) return undefined;
  let h = Number(m[1]);
  const suffix = (m[4] ?? '').toLowerCase();
  if ((suffix.startsWith('p') || afternoon) && h < 12) h += 12;
  if (suffix.startsWith('a') && h === 12) h = 0;
  return h <= 23 ? h : undefined;
}

/**
 * Which of the offered `proposals` (ISO times, in the order they were listed) the customer means: a number
 * ("2", "選2"), an ordinal ("第二個", "the second one", "最後一個"), or what they say about the time: the
 * weekday ("the Tuesday one", "週二下午可以"), the date ("12月3日", "Dec 3", "明天"), the part of day and
 * the hour. Several offered times fitting what they said → `which`; "都不行", "none of them" → `none`.
 * Undefined when the message is not an answer to the offer at all.
 */
export function readProposalAnswer(text: string, proposals: readonly string[], ctx: { now: Date; timeZone: string }): ProposalAnswer | undefined {
  const t = text.normalize('NFKC').trim();
  if (!t || t.length > MAX_ANSWER_CHARS) return undefined;
  const count = proposals.length;
  const bare = BARE_NUMBER.exec(t);
  // "3號" is the third of the month when a time on that day was offered, else the third time in the list.
  const dayOfMonth = bare?.[2] ? proposals.map((p, i) => ({ i, day: DateTime.fromISO(p, { zone: ctx.timeZone }).day })).filter((p) => p.day === Number(bare[1])) : [];
  if (dayOfMonth.length === 1) return { kind: 'choice', index: dayOfMonth[0]!.i };
  if (bare) {
    const index = position(Number(bare[1]), count);
    return index === undefined ? undefined : { kind: 'choice', index };
  }
  const zh = ZH_ORDINAL.exec(t);
  const en = EN_ORDINAL_RE.exec(t);
  const ordinal = zh ? zhNumber(zh[1]!) : en ? EN_ORDINAL[en[1]!.toLowerCase()] : LAST.test(t) ? count : undefined;
  if (ordinal !== undefined) {
    const index = position(ordinal, count);
    if (index !== undefined) return { kind: 'choice', index };
  }
  if (NONE.test(t)) return { kind: 'none' };

  const times = proposals.map((p) => DateTime.fromISO(p, { zone: ctx.timeZone }));
  const named = weekdayOf(t);
  const date = named?.weeksAhead === undefined && named ? null : readDate(t, ctx.now, ctx.timeZone, 'future');
  const part = PARTS.find(([re]) => re.test(t));
  const hour = hourOf(t, part !== undefined && part[1] >= 12);
  if (!named && !date && !part && hour === undefined) return undefined;
  const fits = times
    .map((time, index) => ({ time, index }))
    .filter(({ time }) => {
      if (named && named.weeksAhead === undefined && time.weekday !== named.weekday) return false;
      if (date && !time.toISODate()!.startsWith(date.value)) return false;
      if (part && (time.hour < part[1] || time.hour >= part[2])) return false;
      if (hour !== undefined && time.hour !== hour) return false;
      return true;
    })
    .map(({ index }) => index);
  if (fits.length === 1) return { kind: 'choice', index: fits[0]! };
  return { kind: 'which', candidates: fits.length > 1 ? fits : times.map((_, i) => i) };
}

const REFUSE =
  /不同意|不接受|不可以|不行|不要|不用了|不修|不需要|算了|太貴|太贵|貴了|贵了|拒絕|拒绝|不好|\b(?:no|nope|decline|refuse|cancel)\b|\bno thanks?\b|\btoo (?:expensive|much|high)\b|\b(?:don'?t|do not|won'?t|will not) (?:accept|want|go ahead|proceed|agree)\b|\bnot (?:accept|agree|go ahead)\b/i;
const ACCEPT =
  /同意|接受|可以|好的|好啊|^好$|沒問題|没问题|確認|确认|行|\b(?:ok|okay|yes|yeah|yep|sure|accept(?:ed)?|agree[d]?|go ahead|proceed|fine|deal|please do)\b/i;

/** Accepts (true) or refuses (false) the quote; undefined when the message is not an answer to it. Refusal wins ("不同意" contains "同意"). */
export function readQuoteAnswer(text: string): boolean | undefined {
  const t = text.normalize('NFKC').trim();
  if (!t || t.length > MAX_ANSWER_CHARS) return undefined;
  if (REFUSE.test(t)) return false;
  if (ACCEPT.test(t)) return true;
  return undefined;
}
