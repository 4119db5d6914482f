import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialog-harness.js';
import { play, TICKET, type Step } from '../transcript.js';

/** A first message with everything in it, on web chat (no number known): nothing given is asked again. */
const everythingAtOnce: { language: string; steps: Step[]; ticket: Record<string, unknown> }[] = [
  {
    language: 'zh-Hant',
    steps: [
      {
        send: '我家的冷氣機不冷，一直滴水，型號 RAS-40NK，序號 SN12345678，電話 0912345678，地址 台北市大安區復興南路一段100號，我叫王小明',
        expect: ['購買'],
      },
      { send: '不知道', expect: ['姓名: 王小明', '聯絡方式: +886912345678', '設備地址: 台北市大安區復興南路一段100號'] },
      { send: '是', expect: [TICKET, '王小明'] },
    ],
    ticket: { contactName: '王小明', contactPhone: '+886912345678', productModel: 'RAS-40NK', serial: 'SN12345678', siteAddress: '台北市大安區復興南路一段100號', province: '台北市' },
  },
  {
    language: 'zh-Hans',
    steps: [
      { send: '洗衣机不转了，还漏水，型号 XQB80-1，我是张伟，电话 13812345678，地址上海市浦东新区世纪大道100号', expect: ['公司'] },
      { send: '跳过', expect: ['序列号'] },
      { send: '跳过', expect: ['购买'] },
      { send: '跳过', expect: ['姓名: 张伟', '联系方式: +8613812345678', '设备地址: 上海市浦东新区世纪大道100号'] },
      { send: '是', expect: [TICKET] },
    ],
    ticket: { contactName: '张伟', contactPhone: '+8613812345678', siteAddress: '上海市浦东新区世纪大道100号', province: '上海市' },
  },
  {
    language: 'en',
    steps: [
      { send: 'My fridge GR-B22 is not cooling. Serial AB1234567, my number is 0912 000 111, address 12 Main Rd, Taichung City. Name: John Chen', expect: ['company'] },
      { send: 'skip', expect: ['When did you buy it'] },
      { send: 'skip', expect: ['Name: John Chen', 'Contact: +886912000111', 'Site address: 12 Main Rd, Taichung City'] },
      { send: 'yes', expect: [TICKET, 'John Chen'] },
    ],
    ticket: { contactName: 'John Chen', contactPhone: '+886912000111', productModel: 'GR-B22', siteAddress: '12 Main Rd, Taichung City' },
  },
];

const NEVER_ASKED = /貴姓大名|贵姓|May I have your name|地址是|address, including|Which product model|請問產品型號|请问产品型号/;

/** Short but complete descriptions: the first message is the problem, never asked for again. */
const shortDescriptions = [
  { language: 'zh-Hant', send: '冰箱不冷了', never: /請您簡單描述/ },
  { language: 'zh-Hans', send: '空调坏了', never: /请您简单描述/ },
  { language: 'en', send: 'oven not heating', never: /briefly describe/ },
];

/** A correction in the middle of the report changes the value given before and the question is asked again. */
const corrections: { language: string; steps: Step[]; ticket: Record<string, unknown> }[] = [
  {
    language: 'zh-Hant',
    steps: [
      { send: '我的冷氣不冷，一直滴水', expect: ['貴姓大名'] },
      { send: '林小姐', expect: ['公司'] },
      { send: '略過', expect: ['型號'] },
      { send: 'RAS-40NK', expect: ['序號'] },
      { send: '不是 是 RAS-50NK', expect: ['RAS-50NK', '序號'] },
      { send: '略過', expect: ['購買'] },
      { send: '略過', expect: ['地址'] },
      { send: '略過', expect: ['型號: RAS-50NK'] },
      { send: '是', expect: [TICKET] },
    ],
    ticket: { productModel: 'RAS-50NK' },
  },
  {
    language: 'zh-Hans',
    steps: [
      { send: '我的空调不制冷，一直滴水', expect: ['贵姓'] },
      { send: '刘女士', expect: ['公司'] },
      { send: '跳过', expect: ['型号'] },
      { send: 'KFR-35GW', expect: ['序列号'] },
      { send: '跳过', expect: ['购买'] },
      { send: '说错了，型号是 KFR-26GW', expect: ['KFR-26GW', '购买'] },
      { send: '跳过', expect: ['地址'] },
      { send: '跳过', expect: ['型号: KFR-26GW'] },
      { send: '是', expect: [TICKET] },
    ],
    ticket: { productModel: 'KFR-26GW' },
  },
  {
    language: 'en',
    steps: [
      { send: 'My printer HP LaserJet M404 jams on every page, serial X5QK012345', expect: ['May I have your name'] },
      { send: 'Amy Wu', expect: ['company'] },
      { send: 'skip', expect: ['When did you buy it'] },
      { send: 'sorry, the number is 0922 333 444', expect: ['+886922333444', 'When did you buy it'] },
      { send: 'last year', expect: ['site address'] },
      { send: 'skip', expect: ['Contact: +886922333444'] },
      { send: 'yes', expect: [TICKET] },
    ],
    ticket: { contactPhone: '+886922333444' },
  },
];

describe.each(databaseKinds)('intake takes what the customer stated on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  const chatTicket = async (chat: string) => {
    const conversation = await h.db.prisma.conversation.findUniqueOrThrow({ where: { channel_threadKey: { channel: 'chat', threadKey: chat } } });
    return h.db.prisma.ticket.findFirstOrThrow({ where: { customerId: conversation.customerId! } });
  };

  it.each(everythingAtOnce)('never asks a $language customer again for the name, contact, model or address given in the first message', async ({ steps, ticket }) => {
    const chat = `web-${aPhone()}`;
    for (const step of steps) {
      const reply = await h.say(chat, step.send, { channel: 'chat' });
      expect(reply, `reply to "${step.send}"`).not.toMatch(NEVER_ASKED);
      for (const wanted of step.expect) {
        if (typeof wanted === 'string') expect(reply, `reply to "${step.send}"`).toContain(wanted);
        else expect(reply, `reply to "${step.send}"`).toMatch(wanted);
      }
    }
    expect(await chatTicket(chat)).toMatchObject(ticket);
  });

  it.each(shortDescriptions)('keeps the short $language description "$send" as the problem', async ({ send, never }) => {
    const phone = aPhone();
    await play(h, phone, [{ send, expect: [] }]);
    for (const answer of ['Lin', 'skip', 'skip', 'skip', 'skip', 'skip']) expect(await h.say(phone, answer)).not.toMatch(never);
    await h.say(phone, 'yes');
    expect(await h.db.prisma.ticket.findFirstOrThrow({ where: { contactPhone: phone } })).toMatchObject({ problem: send });
  });

  it.each(corrections)('takes a $language correction of an earlier answer and asks the open question again', async ({ steps, ticket }) => {
    const phone = aPhone();
    await play(h, phone, steps);
    const conversation = await h.db.prisma.conversation.findUniqueOrThrow({ where: { channel_threadKey: { channel: 'sms', threadKey: phone } } });
    expect(await h.db.prisma.ticket.findFirstOrThrow({ where: { customerId: conversation.customerId! } })).toMatchObject(ticket);
  });

  it.each([
    { language: 'zh-Hant', steps: ['我的冷氣不冷，一直滴水', '林小姐', '略過', 'RAS-40NK', '略過', '略過', '略過'], change: '不是 是 RAS-50NK', model: 'RAS-50NK', yes: '是' },
    { language: 'en', steps: ['My fridge is not cooling at all', 'Tom', 'skip', 'GR-B22', 'skip', 'skip', 'skip'], change: 'no, the model is GR-B30', model: 'GR-B30', yes: 'yes' },
  ])('takes a $language correction typed at the confirmation and confirms again', async ({ steps, change, model, yes }) => {
    const phone = aPhone();
    for (const text of steps) await h.say(phone, text);
    const reply = await h.say(phone, change);
    expect(reply).toContain(model);
    expect(reply).not.toMatch(/請回覆「是」或「否」|Please answer yes or no/);
    expect(await h.say(phone, yes)).toMatch(TICKET);
    expect(await h.db.prisma.ticket.findFirstOrThrow({ where: { contactPhone: phone } })).toMatchObject({ productModel: model });
  });

  it.each([
    { language: 'en', first: 'my oven will not heat up at all', answer: 'Model? no idea', label: 'Model: not given' },
    { language: 'zh-Hant', first: '我的烤箱壞了，完全不會熱', answer: '型號？不知道耶', label: '型號: 未提供' },
  ])('leaves the model empty when a $language customer answers "$answer"', async ({ first, answer, label }) => {
    const phone = aPhone();
    for (const text of [first, 'Jane', 'skip']) await h.say(phone, text);
    await h.say(phone, answer);
    for (const text of ['skip', 'skip']) await h.say(phone, text);
    expect(await h.say(phone, 'skip')).toContain(label);
  });

  it('takes a bare month sent to the serial question as the purchase date', async () => {
    const phone = aPhone();
    for (const text of ['冰箱不冷了', '林小姐', '略過', 'RAS-40']) await h.say(phone, text);
    expect(await h.say(phone, '2024年5月')).toContain('序號');
    expect(await h.say(phone, '略過')).toContain('地址');
    const summary = await h.say(phone, '略過');
    expect(summary).toContain('序號: 未提供');
    expect(summary).toContain('購買日期: 2024-05');
  });

  it('takes a purchase date sent to the serial question as the date, not as the serial', async () => {
    const phone = aPhone();
    for (const text of ['The dishwasher leaks from the door', 'Peter', 'skip', 'SMS4HVI33E']) await h.say(phone, text);
    const reply = await h.say(phone, 'bought it in May 2024');
    expect(reply).not.toMatch(/When did you buy it/);
    expect(await h.say(phone, 'skip')).toMatch(/site address/);
    const summary = await h.say(phone, 'skip');
    expect(summary).toContain('Serial number: not given');
    expect(summary).toContain('Purchase date: 2024-05');
  });

  it.each([
    { language: 'zh-Hant', first: '我的電視沒有畫面，只有聲音', ok: '好', again: '大名' },
    { language: 'en', first: 'my TV has sound but no picture', ok: 'ok', again: 'your name' },
  ])('asks a $language customer who answers "$ok" to the name question for the name again', async ({ first, ok, again }) => {
    const phone = aPhone();
    await h.say(phone, first);
    expect(await h.say(phone, ok)).toContain(again);
  });

  it.each([
    { language: 'zh-Hant', first: '掃地機器人壞掉了，一直不能充電', answer: '型號 S7', label: '型號: S7' },
    { language: 'en', first: 'my robot vacuum is broken, it will not charge', answer: 'model: S7', label: 'Model: S7' },
  ])('stores the $language answer "$answer" as the model without its label', async ({ first, answer, label }) => {
    const phone = aPhone();
    for (const text of [first, 'Lee', 'skip']) await h.say(phone, text);
    await h.say(phone, answer);
    for (const text of ['skip', 'skip']) await h.say(phone, text);
    expect(await h.say(phone, 'skip')).toContain(label);
  });

  it.each([
    {
      language: 'zh-Hant',
      steps: ['冷氣不冷一直滴水', '陳小姐', '略過', 'RAS-40NK', '略過', '略過', '略過'],
      correction: '不是 RAS-40NK，是 RAS-50NK',
      shown: '型號: RAS-50NK',
      ticket: { productModel: 'RAS-50NK' },
    },
    {
      language: 'zh-Hant',
      steps: ['洗衣機脫水時很大聲，型號 NA-V130', '吳先生', '略過', '略過', '略過', '台北市中正區重慶南路一段1號'],
      correction: '地址打錯了，應該是台中市西屯區台灣大道三段99號',
      shown: '設備地址: 台中市西屯區台灣大道三段99號',
      ticket: { siteAddress: '台中市西屯區台灣大道三段99號', province: '台中市' },
    },
    {
      language: 'en',
      steps: ['my washing machine shows error E21 and will not spin, model NA-V130', 'Ken', 'skip', 'skip', 'March 2024', 'skip'],
      correction: 'sorry I mean March 2023',
      shown: 'Purchase date: 2023-03',
      ticket: { purchaseDate: new Date('2023-03-01T00:00:00Z') },
    },
  ])('corrects to the value after "是" / "is" at the $language confirmation: "$correction"', async ({ steps, correction, shown, ticket }) => {
    const phone = aPhone();
    for (const text of steps) await h.say(phone, text);
    expect(await h.say(phone, correction)).toContain(shown);
    expect(await h.say(phone, steps[0]!.startsWith('my') ? 'yes' : '是')).toMatch(TICKET);
    expect(await h.db.prisma.ticket.findFirstOrThrow({ where: { contactPhone: phone } })).toMatchObject(ticket);
  });

  it.each([
    { language: 'zh-Hant', first: '冷氣不冷，型號 RAS-40NK', correction: '型號打錯了，是 RAS-50NK', said: '已為您更正：型號 RAS-50NK', asked: '貴姓大名' },
    { language: 'zh-Hans', first: '空调不制冷，型号 RAS-40NK', correction: '型号写错了，应该是 RAS-50NK', said: '已为您更正：型号 RAS-50NK', asked: '贵姓' },
    { language: 'en', first: 'AC not cooling, model RAS-40NK', correction: 'sorry the model is actually RAS-50NK', said: 'I have corrected it: Model RAS-50NK', asked: 'your name' },
  ])('takes "$correction" at the $language name question as a correction of the model, not as the name', async ({ first, correction, said, asked }) => {
    const phone = aPhone();
    await h.say(phone, first);
    const reply = await h.say(phone, correction);
    expect(reply).toContain(said);
    expect(reply).toContain(asked);
  });

  it.each([
    { language: 'zh-Hant', first: '我家的冰箱不冷了，型號 GR-B22', next: '序號' },
    { language: 'zh-Hans', first: '家里的空调坏了，型号 KFR-35GW', next: '序列号' },
    { language: 'en', first: 'The fridge at home is not cooling, model GR-B22', next: 'serial' },
  ])('does not ask a $language household customer for a company', async ({ first, next }) => {
    const phone = aPhone();
    await h.say(phone, first);
    const reply = await h.say(phone, 'Lin');
    expect(reply).not.toMatch(/公司|company/i);
    expect(reply).toContain(next);
  });
});
