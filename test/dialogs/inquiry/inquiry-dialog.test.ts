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
