import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialog-harness.js';
import { play, TICKET } from '../transcript.js';

let hongKong = 0;
/** A fresh Hong Kong mobile per call: the SMS customer the tester wrote as. */
const aHongKongPhone = () => `+8529${String(process.pid % 1000).padStart(3, '0')}${String(++hongKong).padStart(4, '0')}`;

/**
 * Details given at the wrong question go to their own field, and questions or cancellations typed at a
 * question are never kept as its value (answering or cancelling is the interruption's job, not the field's).
 */
describe.each(databaseKinds)('an answer that belongs to another question on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });
  const ticketOf = async (reply: string) => h.db.prisma.ticket.findUniqueOrThrow({ where: { number: TICKET.exec(reply)![0] } });

  it('keeps a phone number given at the company question as the contact, not as the company (English web chat)', async () => {
    const summary = await play(
      h,
      aPhone(),
      [
        { send: 'The ice machine in our kitchen stopped making ice', expect: ['your name'] },
        { send: 'Tom Wu', expect: ['company or project'] },
        { send: '0912 345 678', expect: ['company or project'] },
        { send: 'skip', expect: ['product model'] },
        { send: 'IM-90', expect: ['serial'] },
        { send: 'skip', expect: ['When did you buy it'] },
        { send: 'skip', expect: ['site address'] },
        { send: 'skip', expect: ['Is everything correct?'] },
      ],
      { channel: 'chat' },
    );
    expect(summary).toContain('Contact: +886912345678');
    expect(summary).toContain('Company/project: not given');
    expect(summary).not.toContain('Company/project: 0912');
  });

  it('keeps an address given at the serial question as the site address and asks for the serial again (English)', async () => {
    const summary = await play(h, aPhone(), [
      { send: 'Our washer WF-80 will not spin', expect: ['your name'] },
      { send: 'Grace Lee', expect: ['company'] },
      { send: 'skip', expect: ['serial'] },
      { send: '12 Zhongshan Rd, Zhongli Dist, Taoyuan City', expect: ['serial'] },
      { send: 'skip', expect: ['When did you buy it'] },
      { send: 'skip', expect: ['Is everything correct?'] },
    ]);
    expect(summary).toContain('Site address: 12 Zhongshan Rd, Zhongli Dist, Taoyuan City');
    expect(summary).toContain('Serial number: not given');
  });

  it('takes a mobile number typed at the serial question as the contact number (Traditional Chinese SMS)', async () => {
    const summary = await play(h, aPhone(), [
      { send: '烘衣機不會熱，型號 DV-70', expect: ['貴姓大名'] },
      { send: '陳美玲', expect: ['公司'] },
      { send: '略過', expect: ['序號'] },
      { send: '0922333444', expect: ['序號'] },
      { send: '略過', expect: ['購買'] },
      { send: '略過', expect: ['地址'] },
      { send: '略過', expect: ['請您確認'] },
    ]);
    expect(summary).toContain('聯絡方式: +886922333444');
    expect(summary).toContain('序號: 未提供');
  });

  it('takes a mainland mobile typed at the serial question as the contact number (Simplified Chinese)', async () => {
    const summary = await play(h, aPhone(), [
      { send: '洗碗机不排水，型号 XQB-12', expect: ['贵姓'] },
      { send: '刘洋', expect: ['公司'] },
      { send: '跳过', expect: ['序列号'] },
      { send: '我的手机是 139 1234 5678', expect: ['序列号'] },
      { send: '跳过', expect: ['购买'] },
      { send: '跳过', expect: ['地址'] },
      { send: '跳过', expect: ['请您确认'] },
    ]);
    expect(summary).toContain('联系方式: +8613912345678');
    expect(summary).toContain('序列号: 未提供');
  });

  it('never keeps a question or a cancellation as the company or the serial (Simplified Chinese)', async () => {
    const summary = await play(h, aPhone(), [
      { send: '我的打印机坏了，一直卡纸', expect: ['贵姓'] },
      { send: '李华', expect: ['公司'] },
      { send: '等一下，你们周末上班吗？', expect: ['公司'] },
      { send: '跳过', expect: ['产品型号'] },
      { send: 'Brother HL-L2350', expect: ['序列号'] },
      { send: '序列号在哪里看？', expect: ['序列号'] },
      { send: '跳过', expect: ['购买'] },
      { send: '跳过', expect: ['地址'] },
      { send: '跳过', expect: ['请您确认'] },
    ]);
    expect(summary).toContain('公司/项目: 未提供');
    expect(summary).toContain('序列号: 未提供');
    expect(summary).not.toMatch(/周末|在哪里看/);
  });

  it('ends the report without a ticket when the customer gives up at a field (Simplified Chinese)', async () => {
    await play(h, aPhone(), [
      { send: '我的打印机坏了，一直卡纸', expect: ['贵姓'] },
      { send: '李华', expect: ['公司'] },
      { send: '算了不修了', expect: ['没有为您创建工单'] },
    ]);
  });

  it('never keeps a question typed at the company question as the company (English)', async () => {
    const summary = await play(h, aPhone(), [
      { send: 'The coffee machine CM-5 leaks from the bottom', expect: ['your name'] },
      { send: 'Nina Park', expect: ['company'] },
      { send: 'wait whats the warranty period?', expect: ['company'] },
      { send: 'how long does a repair usually take?', expect: ['company'] },
      { send: 'skip', expect: ['serial'] },
      { send: 'skip', expect: ['When did you buy it'] },
      { send: 'skip', expect: ['site address'] },
      { send: 'skip', expect: ['Is everything correct?'] },
    ]);
    expect(summary).toContain('Company/project: not given');
    expect(summary).not.toMatch(/warranty|repair usually/);
  });

  it('keeps a Hong Kong address given at the purchase-date question as the site and does not ask for it again (SMS)', async () => {
    const reply = await play(h, aHongKongPhone(), [
      { send: '部冷氣唔凍，型號 RAS-40NK', expect: ['貴姓大名'] },
      { send: '黃小姐', expect: ['公司'] },
      { send: '略過', expect: ['序號'] },
      { send: '略過', expect: ['購買'] },
      { send: '九龍觀塘道100號5樓A室', expect: ['購買'] },
      { send: '大概兩年前買嘅', expect: ['請您確認'] },
      { send: '係', expect: [TICKET] },
    ]);
    expect(reply).not.toContain('無法辨識');
    expect(await ticketOf(reply)).toMatchObject({ siteAddress: '九龍觀塘道100號5樓A室', purchaseDatePrecision: 'year' });
  });

  it('keeps an English street address given at the purchase-date question as the site (web chat)', async () => {
    const summary = await play(
      h,
      aPhone(),
      [
        { send: 'The dishwasher DW-60 does not drain', expect: ['your name'] },
        { send: 'Amy Lin', expect: ['company'] },
        { send: 'skip', expect: ['phone number or e-mail'] },
        { send: 'amy.lin@example.com', expect: ['serial'] },
        { send: 'skip', expect: ['When did you buy it'] },
        { send: '5F, 20 Ln 3 Xinyi Rd Sec 4, Taipei', expect: ['When did you buy it'] },
        { send: 'skip', expect: ['Is everything correct?'] },
      ],
      { channel: 'chat' },
    );
    expect(summary).toContain('Site address: 5F, 20 Ln 3 Xinyi Rd Sec 4, Taipei');
    expect(summary).not.toMatch(/Where is the equipment/);
  });

  it('keeps a Simplified Chinese address without its province given at the purchase-date question as the site', async () => {
    const summary = await play(h, aPhone(), [
      { send: '空调不制冷了，型号 KFR-35', expect: ['贵姓'] },
      { send: '王强', expect: ['公司'] },
      { send: '跳过', expect: ['序列号'] },
      { send: '跳过', expect: ['购买'] },
      { send: '深圳南山区科苑路15号', expect: ['购买'] },
      { send: '跳过', expect: ['请您确认'] },
    ]);
    expect(summary).toContain('设备地址: 深圳南山区科苑路15号');
  });
});
