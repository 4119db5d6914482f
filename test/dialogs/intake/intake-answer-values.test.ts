import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialog-harness.js';
import { play, TICKET, type Step } from '../transcript.js';

/**
 * How the ticket form reads an answer (QA5): the value without the sentence around it, several details in
 * one message, the menu buttons sent back as text, addresses written "No. 8, …", and home users.
 */
const toSummary: Record<'en' | 'zh-Hant' | 'zh-Hans', Step[]> = {
  en: [
    { send: 'The oven OV-60 in our bakery does not heat', expect: ['your name'] },
    { send: 'Maggie Chou', expect: ['company'] },
    { send: 'skip', expect: ['serial'] },
    { send: 'skip', expect: ['When did you buy it'] },
    { send: 'skip', expect: ['site address'] },
    { send: 'skip', expect: ['Is everything correct?'] },
  ],
  'zh-Hant': [
    { send: '冷氣 RAS-40NK 唔凍', expect: ['貴姓大名'] },
    { send: '王大同', expect: ['公司'] },
    { send: '略過', expect: ['序號'] },
    { send: '略過', expect: ['購買'] },
    { send: '略過', expect: ['地址'] },
    { send: '略過', expect: ['請您確認'] },
  ],
  'zh-Hans': [
    { send: '冰箱 BCD-200 不制冷了，请派人来看看', expect: ['贵姓'] },
    { send: '周敏', expect: ['公司'] },
    { send: '跳过', expect: ['序列号'] },
    { send: '跳过', expect: ['购买'] },
    { send: '跳过', expect: ['地址'] },
    { send: '跳过', expect: ['请您确认'] },
  ],
};

describe.each(databaseKinds)('how the ticket form reads answers on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });
  const ticketOf = async (reply: string) => h.db.prisma.ticket.findUniqueOrThrow({ where: { number: TICKET.exec(reply)![0] } });

  it.each([
    ['en', 'No', 'Company/project', 'Which company or project', 'Sweet Crumb Bakery', 'Company/project: Sweet Crumb Bakery'],
    ['zh-Hant', '否', '公司/專案', '哪一間公司', '茶覺', '公司/專案: 茶覺'],
    ['zh-Hans', '否', '公司/项目', '哪一家公司', '茶觉', '公司/项目: 茶觉'],
    ['en', 'No', 'Serial number', 'serial number', 'X5QK012345', 'Serial number: X5QK012345'],
  ] as const)('opens the question of the menu button sent as text (%s "%s")', async (language, no, button, asked, answer, shown) => {
    await play(h, aPhone(), [...toSummary[language], { send: no, expect: [] }, { send: button, expect: [asked] }, { send: answer, expect: [shown] }]);
  });

  it('keeps an English address that starts with "No." at the address question', async () => {
    const steps = toSummary.en.slice(0, 5);
    const summary = await play(h, aPhone(), [...steps, { send: 'No. 8, Zhongzheng Rd, Tainan City', expect: ['Site address: No. 8, Zhongzheng Rd, Tainan City'] }]);
    expect(summary).not.toContain('Site address: not given');
  });

  it('takes "address No. 5, Lane 3, …" from the first message and does not ask for it', async () => {
    const reply = await play(h, aPhone(), [
      { send: "My washing machine WM-80 leaks from the door. I'm Sam Lee, address No. 5, Lane 3, Heping E Rd, Taipei City", expect: ['company'] },
      { send: 'skip', expect: ['serial'] },
      { send: 'skip', expect: ['When did you buy it'] },
      { send: 'skip', expect: ['Site address: No. 5, Lane 3, Heping E Rd, Taipei City'] },
    ]);
    expect(reply).not.toContain('Where is the equipment');
  });

  it('leaves the serial empty when the answer says it cannot be read (Traditional Chinese)', async () => {
    await play(h, aPhone(), [
      { send: '冷氣 RAS-40NK 唔凍', expect: ['貴姓大名'] },
      { send: '王大同', expect: ['公司'] },
      { send: '就茶覺啊', expect: ['序號'] },
      { send: '不知道耶，機器裝在高處看不到', expect: ['購買'] },
      { send: '略過', expect: ['地址'] },
      { send: '略過', expect: ['序號: 未提供', '公司/專案: 茶覺\n'] },
    ]);
  });

  it('keeps only the value of an answer said with a sigh (English)', async () => {
    await play(h, aPhone(), [
      { send: 'The oven OV-60 in our bakery does not heat', expect: ['your name'] },
      { send: 'I just told you. Maggie Chou', expect: ['company'] },
      { send: 'Sweet Crumb Bakery, as I said', expect: ['serial'] },
      { send: 'skip', expect: ['When did you buy it'] },
      { send: 'skip', expect: ['site address'] },
      { send: 'skip', expect: ['Name: Maggie Chou\n', 'Company/project: Sweet Crumb Bakery\n'] },
    ]);
  });

  it('keeps 許太太 from 許太太就可以了 and thanks her by it', async () => {
    const reply = await play(h, aPhone(), [
      { send: '我家主臥的冷氣 RAS-28 遙控器按了沒反應', expect: ['貴姓大名'] },
      { send: '許太太就可以了', expect: ['序號'] },
      { send: '略過', expect: ['購買'] },
      { send: '略過', expect: ['地址'] },
      { send: '略過', expect: ['姓名: 許太太\n'] },
      { send: '是', expect: ['謝謝您，許太太。'] },
    ]);
    expect(reply).not.toContain('就可以了');
  });

  it('keeps 阿芬 from 叫我阿芬就好, and takes an English address typed at the name question as the address', async () => {
    await play(h, aPhone(), [
      { send: '我家洗衣機 WM-70 脫水時一直跳 UE 錯誤', expect: ['貴姓大名'] },
      { send: '叫我阿芬就好', expect: ['序號'] },
      { send: '略過', expect: ['購買'] },
      { send: '略過', expect: ['地址'] },
      { send: '略過', expect: ['姓名: 阿芬\n'] },
    ]);
    const phone = aPhone();
    await play(h, phone, [
      { send: 'Our walk-in freezer WF-3000 has stopped freezing', expect: ['your name'] },
      { send: 'No. 21, Sec. 2, Minsheng Rd, Xitun Dist, Taichung City', expect: [] },
    ]);
    // Whatever is asked next, skipping the rest reaches the summary.
    let summary = '';
    for (let i = 0; i < 8 && !summary.includes('correct?'); i++) summary = await h.say(phone, 'skip');
    expect(summary).toContain('Site address: No. 21, Sec. 2, Minsheng Rd, Xitun Dist, Taichung City');
    expect(summary).not.toContain('Name: No. 21');
  });

  it('reads "It\'s Daniel Lee from Lucky Noodle House, phone …, we bought it March 2024" at the name question as name, company, phone and date', async () => {
    const phone = `web-${aPhone()}`;
    await play(h, phone, [
      { send: 'Our walk-in freezer WF-3000 at the restaurant has stopped freezing', expect: ['your name'] },
      { send: "It's Daniel Lee from Lucky Noodle House, phone 0932 118 554, we bought it March 2024", expect: [] },
    ], { channel: 'chat' });
    let summary = '';
    for (let i = 0; i < 8 && !summary.includes('correct?'); i++) summary = await h.say(phone, 'skip', { channel: 'chat' });
    for (const line of ['Name: Daniel Lee\n', 'Company/project: Lucky Noodle House\n', '+886932118554', '2024-03']) expect(summary).toContain(line);
  });

  it('takes 好像是前年買的吧 at the address question as the purchase date and asks for the address again', async () => {
    await play(h, aPhone(), [
      { send: '我家洗衣機 WM-70 脫水時一直跳 UE 錯誤', expect: ['貴姓大名'] },
      { send: '陳阿芬', expect: ['序號'] },
      { send: '略過', expect: ['購買'] },
      { send: '不知道耶', expect: ['地址'] },
      { send: '好像是前年買的吧', expect: ['地址'] },
      { send: '新北市三重區重新路四段 12 號 3 樓', expect: ['購買日期: 2024\n', '設備地址: 新北市三重區重新路四段 12 號 3 樓\n'] },
    ]);
  });

  it('keeps only the address of 剛剛不是說了嗎？台南市…, and a request after an address as part of the problem', async () => {
    const steps = toSummary['zh-Hant'].slice(0, 5);
    await play(h, aPhone(), [...steps, { send: '剛剛不是說了嗎？台南市東區崇學路77號3樓', expect: ['設備地址: 台南市東區崇學路77號3樓\n'] }]);
    const reply = await play(h, aPhone(), [
      ...steps,
      { send: '台北市大安區永康街12號 明天中午要營業 拜託早上派人來', expect: ['設備地址: 台北市大安區永康街12號\n'] },
      { send: '是', expect: [TICKET] },
    ]);
    expect((await ticketOf(reply)).problem).toContain('明天中午要營業');
  });

  it('fills every detail of a list sent at the name question and asks none of them again', async () => {
    const reply = await play(
      h,
      aPhone(),
      [
        { send: 'Our display fridge compressor died, the cabinet is warm', expect: ['your name'] },
        { send: 'Maggie Chou, Sweet Crumb Bakery. 0986 447 120. Model is DF-1200G, bought Sept 2025', expect: ['serial'] },
        { send: 'skip', expect: ['site address'] },
        { send: 'skip', expect: ['Name: Maggie Chou\n', 'Company/project: Sweet Crumb Bakery\n', 'Contact: +886986447120', 'Model: DF-1200G', 'Purchase date: 2025-09'] },
      ],
      { channel: 'chat' },
    );
    expect(reply).toContain('Is everything correct?');
  });

  it('keeps an address typed at the name question as the address and asks the name again', async () => {
    await play(h, aPhone(), [
      { send: '空氣清淨機開機後一直閃紅燈，然後就自己關掉了', expect: ['貴姓大名'] },
      { send: '機器放在台南市東區崇學路 77 號 3 樓', expect: ['貴姓大名'] },
      { send: '吳佩珊', expect: [] },
    ]);
  });

  it('reads 一年半前 as a purchase date at the date question', async () => {
    await play(h, aPhone(), [
      { send: '冷氣 RAS-40NK 唔凍', expect: ['貴姓大名'] },
      { send: '王大同', expect: ['公司'] },
      { send: '略過', expect: ['序號'] },
      { send: '略過', expect: ['購買'] },
      { send: '一開始講咗啦，一年半前', expect: ['地址'] },
      { send: '略過', expect: ['購買日期: 2025-05'] },
    ]);
  });

  it('takes 買咗大概一年半 from the first message as the purchase date and a Hong Kong estate flat as the address', async () => {
    const summary = await play(h, aPhone(), [
      { send: 'Hi，我屋企部 fridge 唔 work 啊，freezer 仲凍但係 chiller 完全唔凍，model 係 RF-520W，買咗大概一年半', expect: ['貴姓大名'] },
      { send: 'Ricky Leung', expect: ['序號'] },
      { send: '唔知喎', expect: ['地址'] },
      { send: '沙田禾輋邨豐和樓 1203 室', expect: ['購買日期: 2025-05', '設備地址: 沙田禾輋邨豐和樓 1203 室'] },
    ]);
    expect(summary).not.toContain('公司/專案');
  });

  it.each(['02-2345-6789', '(02) 2345 6789', '2345 6789'])('takes the landline %s as the contact number', async (landline) => {
    await play(h, aPhone(), [{ send: 'The oven OV-60 in our bakery does not heat', expect: ['your name'] }, { send: 'Maggie Chou', expect: ['company'] }, { send: 'skip', expect: ['phone number'] }, { send: landline, expect: ['serial'] }], {
      channel: 'chat',
    });
  });

  it('splits a change with several parts at the confirmation (Traditional Chinese)', async () => {
    const steps = toSummary['zh-Hant'];
    await play(h, aPhone(), [
      ...steps.slice(0, 2),
      { send: '略過', expect: ['序號'] },
      { send: 'SN12345', expect: ['購買'] },
      { send: '略過', expect: ['地址'] },
      { send: '略過', expect: ['序號: SN12345'] },
      { send: '名字是林雅婷，序號沒有，其他都對', expect: ['姓名: 林雅婷\n', '序號: 未提供'] },
    ]);
  });

  it('splits "the address is … and my name is just …" at the confirmation', async () => {
    await play(h, aPhone(), [
      ...toSummary.en,
      { send: 'No, the address is No. 8, Zhongzheng Rd, Tainan City and my name is just Maggie Chou', expect: ['Site address: No. 8, Zhongzheng Rd, Tainan City\n', 'Name: Maggie Chou\n'] },
    ]);
  });

  it('keeps the product type said at the model question without a model', async () => {
    const reply = await play(h, aPhone(), [
      { send: "it's broken", expect: ['your name'] },
      { send: 'Kevin', expect: [] },
      { send: 'skip', expect: ['product model'] },
      { send: 'the water heater, dont know the model', expect: ['serial'] },
      { send: 'no', expect: ['When did you buy it'] },
      { send: 'like 3 yrs ago', expect: ['describe the problem'] },
      { send: 'no hot water since this morning', expect: ['site address'] },
      { send: 'skip', expect: ['water heater'] },
      { send: 'yes', expect: [TICKET] },
    ]);
    expect((await ticketOf(reply)).problem).toContain('water heater');
  });

  it('takes a product and model correction at the phone question and asks for the phone again (Simplified Chinese)', async () => {
    const reply = await play(
      h,
      aPhone(),
      [
        { send: '老板你好，我们超市的空调漏水，型号KFR-72LW', expect: ['电话'] },
        { send: '不好意思说错了，不是空调，是除湿机在漏水，型号是 DH-50A', expect: ['DH-50A', '电话'] },
        { send: '15800421937', expect: [TICKET] },
      ],
      { channel: 'chat' },
    );
    const ticket = await ticketOf(reply);
    expect(ticket.productModel).toBe('DH-50A');
    expect(ticket.problem).toContain('除湿机');
  });

  it.each([
    ['en', 'none, it\'s at home', 'product model'],
    ['zh-Hant', '家裡用的', '型號'],
  ] as const)('takes "%s" at the company question as a home user with no company', async (_language, answer, next) => {
    const en = _language === 'en';
    const summary = await play(h, aPhone(), [
      { send: en ? 'my water heater has no hot water' : '空氣清淨機一直閃紅燈', expect: [] },
      { send: en ? 'Kevin' : '吳佩珊', expect: [] },
      { send: answer, expect: [next] },
      { send: en ? 'WH-30E' : 'KC-860T', expect: [] },
      { send: en ? 'skip' : '略過', expect: [] },
      { send: en ? 'skip' : '略過', expect: [] },
      { send: en ? 'skip' : '略過', expect: [en ? 'Is everything correct?' : '請您確認'] },
    ]);
    expect(summary).not.toContain(answer);
  });

  it('does not ask a customer whose address looks like a home for a company', async () => {
    const reply = await play(h, aPhone(), [{ send: '冰箱不制冷，型号 BCD-200，地址上海市浦东新区锦绣小区8号楼502室', expect: ['贵姓'] }, { send: '周敏', expect: ['序列号'] }]);
    expect(reply).not.toContain('公司');
  });
});
