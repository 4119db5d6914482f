import { describe, expect, it } from 'vitest';
import { parsePartialDate } from '../../../dialogs/shared/answers.js';
import { interpretAnswer } from '../../../dialogs/shared/ask-prompt.js';
import { readDate, weekdayOf } from '../../../dialogs/shared/dates.js';

/** Wednesday 25 Nov 2026, 10:00 in Taipei. */
const today = new Date('2026-11-25T02:00:00Z');
const tz = 'Asia/Taipei';
const past = (text: string) => readDate(text, today, tz, 'past');
const future = (text: string) => readDate(text, today, tz, 'future');

describe('approximate purchase dates, kept as precise as they were said', () => {
  it.each([
    ['march last year', '2025-03', 'month'],
    ['in March of last year', '2025-03', 'month'],
    ['last year in october', '2025-10', 'month'],
    ['Dec two years ago', '2024-12', 'month'],
    ['last summer', '2026-07', 'month'],
    ['summer 2024', '2024-07', 'month'],
    ['last winter', '2026-01', 'month'],
    ['2 yrs ago', '2024', 'year'],
    ['about 3yrs ago', '2023', 'year'],
    ['18 mths ago', '2025-05', 'month'],
    ['a couple yrs ago', '2024', 'year'],
  ] as const)('reads "%s" in English as %s (%s)', (text, value, precision) => {
    expect(past(text)).toMatchObject({ value, precision });
  });

  it.each([
    ['兩年前', '2024', 'year'],
    ['前年', '2024', 'year'],
    ['大概兩年前買嘅', '2024', 'year'],
    ['前年冬天', '2025-01', 'month'],
    ['舊年夏天買嘅', '2025-07', 'month'],
  ] as const)('reads "%s" in Traditional Chinese and Cantonese as %s (%s)', (text, value, precision) => {
    expect(past(text)).toMatchObject({ value, precision });
  });

  it.each([
    ['去年夏天', '2025-07', 'month'],
    ['两年前买的', '2024', 'year'],
    ['今年暑假', '2026-07', 'month'],
  ] as const)('reads "%s" in Simplified Chinese as %s (%s)', (text, value, precision) => {
    expect(past(text)).toMatchObject({ value, precision });
  });

  it('refuses a season still to come', () => {
    expect(past('next summer')).toBeNull();
  });
});

describe('one date reader for every date answer', () => {
  it.each([
    ['2024年5月', '2024-05', 'month'],
    ['去年三月', '2025-03', 'month'],
    ['上個月', '2026-10', 'month'],
    ['兩年前', '2024', 'year'],
    ['琴日', '2026-11-24', 'day'],
  ] as const)('reads the purchase date "%s" in Traditional Chinese as %s (%s)', (text, value, precision) => {
    expect(past(text)).toMatchObject({ value, precision });
  });

  it.each([
    ['2024年5月买的', '2024-05', 'month'],
    ['去年三月份', '2025-03', 'month'],
    ['上个月', '2026-10', 'month'],
    ['前天', '2026-11-23', 'day'],
  ] as const)('reads the purchase date "%s" in Simplified Chinese as %s (%s)', (text, value, precision) => {
    expect(past(text)).toMatchObject({ value, precision });
  });

  it.each([
    ['March 2024', '2024-03', 'month'],
    ['last year', '2025', 'year'],
    ['3 months ago', '2026-08', 'month'],
    ['yesterday', '2026-11-24', 'day'],
  ] as const)('reads the purchase date "%s" in English as %s (%s)', (text, value, precision) => {
    expect(past(text)).toMatchObject({ value, precision });
  });

  it.each([
    ['明天', '2026-11-26'],
    ['後天下午', '2026-11-27'],
    ['下週二', '2026-12-01'],
    ['週五', '2026-11-27'],
    ['12月3日', '2026-12-03'],
    ['1月5號', '2027-01-05'],
  ])('reads the visit day "%s" in Traditional Chinese as the coming %s', (text, value) => {
    expect(future(text)).toMatchObject({ value, precision: 'day' });
  });

  it.each([
    ['明天上午', '2026-11-26'],
    ['后天', '2026-11-27'],
    ['下周二', '2026-12-01'],
    ['礼拜一', '2026-11-30'],
    ['12月3号', '2026-12-03'],
  ])('reads the visit day "%s" in Simplified Chinese as the coming %s', (text, value) => {
    expect(future(text)).toMatchObject({ value, precision: 'day' });
  });

  it.each([
    ['tomorrow', '2026-11-26'],
    ['next Tuesday', '2026-12-01'],
    ['Friday', '2026-11-27'],
    ['Dec 3', '2026-12-03'],
    ['5 January', '2027-01-05'],
  ])('reads the visit day "%s" in English as the coming %s', (text, value) => {
    expect(future(text)).toMatchObject({ value, precision: 'day' });
  });

  it('keeps a month given for a visit at month precision, in the three languages', () => {
    expect(future('下個月')).toMatchObject({ value: '2026-12', precision: 'month' });
    expect(future('下个月')).toMatchObject({ value: '2026-12', precision: 'month' });
    expect(future('next month')).toMatchObject({ value: '2026-12', precision: 'month' });
    expect(future('2027年1月')).toMatchObject({ value: '2027-01', precision: 'month' });
    expect(future('January 2027')).toMatchObject({ value: '2027-01', precision: 'month' });
  });

  it('refuses a date on the wrong side of today for the question asked', () => {
    expect(past('明天')).toBeNull();
    expect(past('2027-01-01')).toBeNull();
    expect(future('昨天')).toBeNull();
    expect(future('last week')).toBeNull();
    expect(future('2025年3月')).toBeNull();
  });

  it('names the weekday a customer means, and whether they said which week', () => {
    expect(weekdayOf('週二下午可以')).toEqual({ weekday: 2, weeksAhead: undefined });
    expect(weekdayOf('礼拜天')).toEqual({ weekday: 7, weeksAhead: undefined });
    expect(weekdayOf('下週四')).toEqual({ weekday: 4, weeksAhead: 1 });
    expect(weekdayOf('the Tuesday one')).toEqual({ weekday: 2, weeksAhead: undefined });
    expect(weekdayOf('next Thursday')).toEqual({ weekday: 4, weeksAhead: 1 });
    expect(weekdayOf('monitor')).toBeNull();
  });

  it('gives date questions the same reading through the prompt and the plain parser', () => {
    expect(parsePartialDate('去年三月', today, tz)).toEqual({ ok: true, value: '2025-03' });
    expect(interpretAnswer({ kind: 'date', maxAttempts: 2 }, 'March 2024', today, tz)).toEqual({ status: 'ok', value: '2024-03' });
    expect(interpretAnswer({ kind: 'date', when: 'future', maxAttempts: 2 }, '下週二', today, tz)).toEqual({ status: 'ok', value: '2026-12-01' });
    expect(interpretAnswer({ kind: 'date', maxAttempts: 2 }, '下週二', today, tz)).toEqual({ status: 'invalid' });
  });
});
