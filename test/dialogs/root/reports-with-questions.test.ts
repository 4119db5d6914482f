import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, openHarness, type Harness, type SendOptions } from '../dialog-harness.js';
import { play, TICKET } from '../transcript.js';

/** The confirmation question of the intake, in each language. */
const CONFIRM = /Is everything correct\?|是否正確？|是否正确？/;
const SKIP = { en: 'skip', 'zh-Hant': '略過', 'zh-Hans': '跳过' } as const;
const YES = { en: 'yes', 'zh-Hant': '是', 'zh-Hans': '是' } as const;

describe.each(databaseKinds)('fault reports that also ask something, on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Skips every further question, confirms, and returns the ticket opened. */
  async function finishReport(from: string, language: keyof typeof SKIP, options: SendOptions = {}) {
    let reply = '';
    for (let i = 0; i < 10 && !CONFIRM.test(reply); i++) reply = await h.say(from, SKIP[language], options);
    expect(reply).toMatch(CONFIRM);
    expect(await h.say(from, YES[language], options)).toMatch(TICKET);
    const conversation = await h.db.prisma.conversation.findUniqueOrThrow({ where: { channel_threadKey: { channel: options.channel ?? 'sms', threadKey: from } } });
    return h.db.prisma.ticket.findFirstOrThrow({ where: { customerId: conversation.customerId! } });
  }

  it.each([
    { language: 'zh-Hans' as const, channel: 'sms' as const, send: '冰箱不制冷了，上门维修费多少钱？', answer: '出勤费', ask: '贵姓' },
    { language: 'en' as const, channel: 'sms' as const, send: 'my fridge stopped cooling yesterday. how much will a repair visit cost btw?', answer: 'call-out fee', ask: 'name' },
    { language: 'zh-Hant' as const, channel: 'chat' as const, send: '烤箱完全不會加熱了，請問保固多久？', answer: '12 個月保固', ask: '貴姓' },
  ])('answers the $language question and opens the repair ticket with everything said: "$send"', async ({ language, channel, send, answer, ask }) => {
    const from = channel === 'chat' ? `web-${aPhone()}` : aPhone();
    const result = await h.send(from, send, { channel });
    expect(result.replies[0]!.text).toContain(answer);
    expect(result.replies[0]!.meta).toMatchObject({ kbTopic: expect.any(String) });
    expect(result.replies.map((r) => r.text).join('\n')).toContain(ask);
    const ticket = await finishReport(from, language, { channel });
    expect(ticket).toMatchObject({ category: 'fault', problem: send });
  });

  it.each([
    {
      language: 'en',
      send: "My fridge is not cooling. Model RF-450. I'm Jason Wu, phone 0912 345 678. Address: 3F, 45 Heping W Rd Sec 2, Taipei",
      report: 'service ticket',
      never: 'Ruiguang',
    },
    { language: 'zh-Hant', send: '洗碗機不會排水 型號DW-45 我是李大華 電話0933222111 地址台南市東區大學路1號', report: '維修工單', never: '瑞光路' },
    { language: 'zh-Hans', send: '洗衣机漏水很严重，型号XQB-80，地址：上海市浦东新区张江路88号', report: '维修工单', never: '瑞光路' },
  ])('takes a $language report that gives an address as a report, not a question about our address', async ({ send, report, never }) => {
    const reply = await h.say(aPhone(), send);
    expect(reply).toContain(report);
    expect(reply).not.toContain(never);
  });

  it.each([
    { language: 'en', send: 'Hi, AC not cooling, model RAS-50JX', ask: 'name' },
    { language: 'en', send: 'Hello, dryer not heating, model DV-90', ask: 'name' },
  ])('starts a repair report, not a question ticket, on the $language "$send"', async ({ send, ask }) => {
    const phone = aPhone();
    const reply = await h.say(phone, send);
    expect(reply).toContain('I am sorry to hear about the problem');
    expect(reply).toContain(ask);
    expect(reply).not.toContain('pass your question');
  });

  it('answers a message that only asks, and opens nothing', async () => {
    const phone = aPhone();
    await play(h, phone, [{ send: 'where is your service centre? I would like to drop my printer off', expect: ['Ruiguang', 'anything else'] }]);
    expect(await h.db.prisma.ticket.count({ where: { contactPhone: phone } })).toBe(0);
  });
});
