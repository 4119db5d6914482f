import { describe, expect, it } from 'vitest';
import { readProposalAnswer, readQuoteAnswer } from '../../../dialogs/visit-reply/visit-reply-answer.js';

/** Wednesday 25 Nov 2026, 10:00 in Taipei. */
const ctx = { now: new Date('2026-11-25T02:00:00Z'), timeZone: 'Asia/Taipei' };
/** Mon 30 Nov 10:00, Tue 1 Dec 14:00, Thu 3 Dec 09:00 (Taipei), as offered. */
const offered = ['2026-11-30T02:00:00.000Z', '2026-12-01T06:00:00.000Z', '2026-12-03T01:00:00.000Z'];
const read = (text: string) => readProposalAnswer(text, offered, ctx);

describe('reading an answer to offered visit times', () => {
  it.each(['2', '2.', '選2', 'option 2', '2號', '2可以', '2 please', '第二個', '第二个', '第2個', '第二個時間可以', 'the second one'])('takes "%s" as the second time', (text) => {
    expect(read(text)).toEqual({ kind: 'choice', index: 1 });
  });

  it.each([
    ['the Tuesday one', 1],
    ['週二下午可以', 1],
    ['周二下午可以', 1],
    ['礼拜四', 2],
    ['星期一早上', 0],
    ['12月3日', 2],
    ['3號', 2],
    ['1号', 1],
    ['Dec 3rd please', 2],
    ['下週二', 1],
    ['下午2點', 1],
    ['2pm works', 1],
    ['最後一個', 2],
    ['the last one', 2],
  ] as const)('finds the time "%s" describes', (text, index) => {
    expect(read(text)).toEqual({ kind: 'choice', index });
  });

  it.each(['都不行', '都不方便', '都没空', 'none', 'none of them', 'none of them work', 'neither'])('takes "%s" as no time fitting', (text) => {
    expect(read(text)).toEqual({ kind: 'none' });
  });

  it('asks which one when several offered times fit what was said', () => {
    expect(read('上午')).toEqual({ kind: 'which', candidates: [0, 2] });
    expect(read('morning')).toEqual({ kind: 'which', candidates: [0, 2] });
  });

  it('offers every time again when the day named was not offered', () => {
    expect(read('週五可以嗎')).toEqual({ kind: 'which', candidates: [0, 1, 2] });
  });

  it('leaves messages that are not an answer to the offer alone', () => {
    expect(read('9')).toBeUndefined();
    expect(read('my printer shows error E3 again and the paper jams in the lower tray')).toBeUndefined();
    expect(read('請問保固多久')).toBeUndefined();
  });
});

describe('reading an answer to a repair quote', () => {
  it.each(['同意', '接受報價', '接受报价', '好的，請維修', 'OK go ahead', 'yes', 'Accept'])('takes "%s" as accepting', (text) => {
    expect(readQuoteAnswer(text)).toBe(true);
  });

  it.each(['太貴了不要', '太贵了，不修了', '不同意', '不接受', 'no thanks', 'too expensive', "don't go ahead"])('takes "%s" as refusing', (text) => {
    expect(readQuoteAnswer(text)).toBe(false);
  });

  it('leaves messages that are not an answer to the quote alone', () => {
    expect(readQuoteAnswer('請問工程師幾點到')).toBeUndefined();
    expect(readQuoteAnswer('What time will the engineer arrive at our office tomorrow morning?')).toBeUndefined();
  });
});
