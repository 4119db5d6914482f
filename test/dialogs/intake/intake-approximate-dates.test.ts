import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialog-harness.js';
import { play, TICKET, type Step } from '../transcript.js';

/** An approximate purchase date is kept with the precision it was said in, and the ticket stores that precision. */
const reports: { language: string; date: string; steps: Step[]; stored: { purchaseDate: Date; purchaseDatePrecision: string } }[] = [
  {
    language: 'en',
    date: 'march last year',
    steps: [
      { send: 'My dryer DR-20 stopped heating', expect: ['your name'] },
      { send: 'Leo Hsu', expect: ['company'] },
      { send: 'skip', expect: ['serial'] },
      { send: 'skip', expect: ['When did you buy it'] },
      { send: 'march last year', expect: ['site address'] },
      { send: 'skip', expect: ['Purchase date: 2025-03'] },
      { send: 'yes', expect: [TICKET] },
    ],
    stored: { purchaseDate: new Date('2025-03-01T00:00:00Z'), purchaseDatePrecision: 'month' },
  },
  {
    language: 'en',
    date: 'last summer',
    steps: [
      { send: 'My dryer DR-20 stopped heating', expect: ['your name'] },
      { send: 'Leo Hsu', expect: ['company'] },
      { send: 'skip', expect: ['serial'] },
      { send: 'skip', expect: ['When did you buy it'] },
      { send: 'last summer I think', expect: ['site address'] },
      { send: 'skip', expect: ['Purchase date: 2026-07'] },
      { send: 'yes', expect: [TICKET] },
    ],
    stored: { purchaseDate: new Date('2026-07-01T00:00:00Z'), purchaseDatePrecision: 'month' },
  },
  {
    language: 'zh-Hant',
    date: '前年',
    steps: [
      { send: '熱水器 GH-10 冇熱水', expect: ['貴姓大名'] },
      { send: '何先生', expect: ['公司'] },
      { send: '略過', expect: ['序號'] },
      { send: '略過', expect: ['購買'] },
      { send: '前年買嘅', expect: ['地址'] },
      { send: '略過', expect: ['購買日期: 2024'] },
      { send: '係', expect: [TICKET] },
    ],
    stored: { purchaseDate: new Date('2024-01-01T00:00:00Z'), purchaseDatePrecision: 'year' },
  },
  {
    language: 'zh-Hans',
    date: '去年夏天',
    steps: [
      { send: '热水器 GH-10 不出热水', expect: ['贵姓'] },
      { send: '孙丽', expect: ['公司'] },
      { send: '跳过', expect: ['序列号'] },
      { send: '跳过', expect: ['购买'] },
      { send: '去年夏天买的', expect: ['地址'] },
      { send: '跳过', expect: ['购买日期: 2025-07'] },
      { send: '是', expect: [TICKET] },
    ],
    stored: { purchaseDate: new Date('2025-07-01T00:00:00Z'), purchaseDatePrecision: 'month' },
  },
];

describe.each(databaseKinds)('approximate purchase dates in an intake on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each(reports)('keeps "$date" ($language) with its precision', async ({ steps, stored }) => {
    const reply = await play(h, aPhone(), steps);
    expect(await h.db.prisma.ticket.findUniqueOrThrow({ where: { number: TICKET.exec(reply)![0] } })).toMatchObject(stored);
  });
});
