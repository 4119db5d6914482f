import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialog-harness.js';
import { play, TICKET } from '../transcript.js';

const questions = [
  { language: 'en', send: 'How long is the warranty on your products?', expect: '12-month warranty', topic: 'warranty' },
  { language: 'zh-Hant', send: '請問你們的營業時間是幾點到幾點？', expect: '週一至週六 08:30 至 18:00', topic: 'opening_hours' },
  { language: 'zh-Hans', send: '请问上门维修的费用是多少钱？', expect: '出勤费', topic: 'service_fees' },
  { language: 'en', send: 'Where can I buy a new toner cartridge for my printer?', expect: 'original spare parts', topic: 'parts_and_consumables' },
  { language: 'zh-Hant', send: '說明書不見了，可以給我一份嗎？', expect: 'support.example.com', topic: 'manuals_and_updates' },
  { language: 'zh-Hans', send: '你们的服务中心在哪里？', expect: '瑞光路 100 号', topic: 'service_centre' },
  { language: 'zh-Hant', send: '你哋service centre喺邊度呀？', expect: '瑞光路 100 號', topic: 'service_centre' },
  { language: 'zh-Hant', send: '可以派工程師到我家嗎？', expect: '工程師到場', topic: 'on_site_service' },
  { language: 'en', send: 'How do I make a warranty claim?', expect: 'To claim it', topic: 'warranty' },
  { language: 'zh-Hans', send: '怎么查我的工单？', expect: 'SR-2026-000123', topic: 'status_how_to' },
  // The price of a part is a parts question: the repair-fee answer would not say what a filter costs.
  { language: 'en', send: 'How much is a replacement filter for my air purifier?', expect: 'original spare parts', topic: 'parts_and_consumables' },
  { language: 'zh-Hant', send: '濾網多少錢？', expect: '原廠零件', topic: 'parts_and_consumables' },
  { language: 'zh-Hans', send: '滤芯多少钱一个？', expect: '原厂零件', topic: 'parts_and_consumables' },
];

describe.each(databaseKinds)('inquiry dialog on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each(questions)('answers a $language question from the knowledge base at once and logs the topic', async ({ send, expect: wanted, topic }) => {
    const phone = aPhone();
    const reply = await h.say(phone, send);
    expect(reply).toContain(wanted);
    const logged = await h.db.prisma.message.findFirstOrThrow({ where: { direction: 'outbound', conversation: { threadKey: phone } } });
    expect(logged.raw).toMatchObject({ meta: { kbTopic: topic, answeredBy: 'knowledge-base' } });
    expect(await h.db.prisma.ticket.count({ where: { contactPhone: phone } })).toBe(0);
  });

  it.each([
    { language: 'en', channel: 'sms' as const, send: 'do you sell filters? and where can I download the manual for my model?', wanted: ['original spare parts', 'support.example.com'], topics: ['parts_and_consumables', 'manuals_and_updates'] },
    { language: 'zh-Hans', channel: 'sms' as const, send: '保修期多久？配件在哪里买？', wanted: ['12 个月保修', '原厂零件'], topics: ['warranty', 'parts_and_consumables'] },
    { language: 'en', channel: 'chat' as const, send: 'where do i find the manual and how much is a door seal?', wanted: ['support.example.com', 'confirm the price'], topics: ['manuals_and_updates', 'parts_and_consumables'] },
    { language: 'zh-Hant', channel: 'chat' as const, send: '你們禮拜天有開嗎？服務中心地址是？還有到府維修怎麼收費？', wanted: ['08:30 至 18:00', '瑞光路', '出勤費'], topics: ['opening_hours', 'service_centre', 'service_fees'] },
    { language: 'zh-Hans', channel: 'chat' as const, send: '你们星期天上班吗？保修期多久？', wanted: ['周一至周六', '12 个月保修'], topics: ['opening_hours', 'warranty'] },
    { language: 'zh-Hans', channel: 'sms' as const, send: '你们周六上班吗？维修要多少钱？', wanted: ['周一至周六', '检测费'], topics: ['opening_hours', 'service_fees'] },
  ])('answers each question of the $language "$send" on $channel, each answer logged with its topic', async ({ channel, send, wanted, topics }) => {
    const from = channel === 'chat' ? `web-${aPhone()}` : aPhone();
    const result = await h.send(from, send, { channel });
    const text = result.replies.map((r) => r.text).join('\n');
    for (const w of wanted) expect(text).toContain(w);
    expect(result.replies.map((r) => r.meta.kbTopic)).toEqual(topics);
    const conversation = await h.db.prisma.conversation.findUniqueOrThrow({ where: { channel_threadKey: { channel, threadKey: from } } });
    expect(await h.db.prisma.ticket.count({ where: { customerId: conversation.customerId! } })).toBe(0);
  });

  it('answers at most two questions by SMS and says the rest should come one at a time', async () => {
    const result = await h.send(aPhone(), 'Are you open on Saturdays? Where is the service centre? How much is the call-out fee?');
    expect(result.replies).toHaveLength(2);
    expect(result.replies[1]!.text).toContain('one at a time');
  });

  it('turns a question the knowledge base cannot answer into an inquiry ticket', async () => {
    const phone = aPhone();
    await play(h, phone, [
      { send: 'Can I get a copy of the safety certificate for my model?', expect: ['pass your question to a colleague', 'name'] },
      { send: 'Ivy', expect: ['correct?'] },
      { send: 'yes', expect: [TICKET] },
    ]);
    const ticket = await h.db.prisma.ticket.findFirstOrThrow({ where: { contactPhone: phone } });
    expect(ticket).toMatchObject({ category: 'inquiry', problem: 'Can I get a copy of the safety certificate for my model?' });
  });
});
