import { describe, expect, it } from 'vitest';
import { parsePurchaseDate } from '../../src/understanding/purchase-date.js';

const today = new Date('2026-11-30T04:00:00Z'); // Monday 30 November 2026, noon in Taipei
const parse = (text: string) => parsePurchaseDate(text, today, 'Asia/Taipei');

describe('parsePurchaseDate', () => {
  const cases: [string, string, 'day' | 'month' | 'year'][] = [
    ['2025-03-14', '2025-03-14', 'day'],
    ['2024/5/3', '2024-05-03', 'day'],
    ['2024.05', '2024-05', 'month'],
    ['2024年5月', '2024-05', 'month'],
    ['2024年5月3日', '2024-05-03', 'day'],
    ['2023年', '2023', 'year'],
    ['5 March 2024', '2024-03-05', 'day'],
    ['Mar 5, 2024', '2024-03-05', 'day'],
    ['March 2024', '2024-03', 'month'],
    ['14/3/2025', '2025-03-14', 'day'],
    ['in 2023', '2023', 'year'],
    ['yesterday', '2026-11-29', 'day'],
    ['last year', '2025', 'year'],
    ['two years ago', '2024', 'year'],
    ['3 months ago', '2026-08', 'month'],
    ['去年三月', '2025-03', 'month'],
    ['去年3月', '2025-03', 'month'],
    ['前年', '2024', 'year'],
    ['兩年前', '2024', 'year'],
    ['半年前', '2026-05', 'month'],
    ['一年半前', '2025-05', 'month'],
    ['買咗大概一年半', '2025-05', 'month'],
    ['买了两年半', '2024-05', 'month'],
    ['a year and a half ago', '2025-05', 'month'],
    ['上個月', '2026-10', 'month'],
    ['上个月', '2026-10', 'month'],
    ['昨天', '2026-11-29', 'day'],
    ['琴日', '2026-11-29', 'day'],
    ['十二月', '2025-12', 'month'],
    ['三月', '2026-03', 'month'],
    ['12月25號', '2025-12-25', 'day'],
    ['今年年初', '2026-01', 'month'],
  ];
  for (const [text, value, precision] of cases) {
    it(`reads "${text}" as ${value} with ${precision} precision`, () => {
      expect(parse(text)).toMatchObject({ value, precision });
    });
  }

  it('takes a month without a year as the latest one that is not in the future', () => {
    expect(parse('in May')?.value).toBe('2026-05');
    expect(parse('十二月')?.value).toBe('2025-12');
  });

  it('refuses future and impossible dates', () => {
    expect(parse('tomorrow')).toBeNull();
    expect(parse('2027-01-01')).toBeNull();
    expect(parse('2024-13-45')).toBeNull();
    expect(parse('2026年12月')).toBeNull();
  });

  it('returns null for text without a date', () => {
    expect(parse('no idea')).toBeNull();
    expect(parse('不記得')).toBeNull();
  });

  it('reads relative dates in the given time zone', () => {
    // 23:30 UTC on 30 November is already 1 December in Taipei.
    expect(parsePurchaseDate('yesterday', new Date('2026-11-30T23:30:00Z'), 'Asia/Taipei')?.value).toBe('2026-11-30');
    expect(parsePurchaseDate('yesterday', new Date('2026-11-30T23:30:00Z'), 'UTC')?.value).toBe('2026-11-29');
  });
});
