import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialog-harness.js';
import { play, TICKET, type Step } from '../transcript.js';

/** Web chat (no number known): the phone is judged by region, a partial or relative date keeps its precision. */
const reports: { language: string; steps: Step[]; ticket: Record<string, unknown>; precision: string }[] = [
  {
    language: 'zh-Hans',
    steps: [
      { send: '我的打印机坏了，一直卡纸', expect: ['请问您贵姓？'] },
      { send: '李华', expect: ['公司'] },
      { send: '跳过', expect: ['电话'] },
      { send: '13812345678', expect: ['型号'] },
      { send: 'Brother HL-L2350', expect: ['序列号'] },
      { send: '跳过', expect: ['购买'] },
      { send: '去年三月', expect: ['地址'] },
      { send: '上海市浦东新区世纪大道1号', expect: ['联系方式: +8613812345678', '购买日期: 2025-03'] },
      { send: '是的', expect: [TICKET] },
    ],
    ticket: { contactPhone: '+8613812345678', purchaseDate: new Date('2025-03-01T00:00:00Z') },
    precision: 'month',
  },
  {
    language: 'zh-Hant',
    steps: [
      { send: '我的印表機壞了，一直卡紙，請派人來看看', expect: ['請問您貴姓大名？'] },
      { send: '陳大文', expect: ['公司'] },
      { send: '略過', expect: ['電話'] },
      { send: '9123 4567', expect: ['型號'] },
      { send: 'Canon G3010', expect: ['序號'] },
      { send: '略過', expect: ['購買'] },
      { send: '2024年5月', expect: ['地址'] },
      { send: '香港九龍旺角彌敦道1號', expect: ['聯絡方式: +85291234567', '購買日期: 2024-05'] },
      { send: '是', expect: [TICKET] },
    ],
    ticket: { contactPhone: '+85291234567', purchaseDate: new Date('2024-05-01T00:00:00Z') },
    precision: 'month',
  },
  {
    language: 'en',
    steps: [
      { send: 'My printer is broken and shows an error light all the time', expect: ['May I have your name'] },
      { send: 'Ann Lee', expect: ['company'] },
      { send: 'skip', expect: ['phone number'] },
      { send: '0912 345 678', expect: ['product model'] },
      { send: 'Canon G3010', expect: ['serial'] },
      { send: 'skip', expect: ['When did you buy it'] },
      { send: 'last year', expect: ['site address'] },
      { send: '8 Songgao Rd, Taipei City', expect: ['Contact: +886912345678', 'Purchase date: 2025'] },
      { send: 'yes', expect: [TICKET] },
    ],
    ticket: { contactPhone: '+886912345678', purchaseDate: new Date('2025-01-01T00:00:00Z') },
    precision: 'year',
  },
];

describe.each(databaseKinds)('intake phone regions and dates on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each(reports)('reads the $language phone number by region and keeps the date as precise as given', async ({ steps, ticket, precision }) => {
    const chat = `web-${aPhone()}`;
    const last = await play(h, chat, steps, { channel: 'chat' });
    const opened = await h.db.prisma.ticket.findUniqueOrThrow({ where: { number: TICKET.exec(last)![0] } });
    expect(opened).toMatchObject({ ...ticket, purchaseDatePrecision: precision });
  });

  it.each([
    { language: 'zh-Hant', first: '我的印表機壞了，一直卡紙', answer: '昨天', shown: '購買日期: 2026-11-24' },
    { language: 'zh-Hans', first: '我的打印机坏了，一直卡纸', answer: '两年前', shown: '购买日期: 2024' },
    { language: 'en', first: 'My printer is broken and shows an error light all the time', answer: 'yesterday', shown: 'Purchase date: 2026-11-24' },
  ])('accepts the relative purchase date "$answer" in $language', async ({ first, answer, shown }) => {
    const phone = aPhone();
    await play(h, phone, [
      { send: first, expect: [] },
      { send: 'Lin', expect: [] },
      { send: 'skip', expect: [] },
      { send: 'skip', expect: [] },
      { send: 'skip', expect: [] },
      { send: answer, expect: [] },
      { send: 'skip', expect: [shown] },
    ]);
  });
});
