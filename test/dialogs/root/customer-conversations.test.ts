import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialog-harness.js';
import { play, TICKET } from '../transcript.js';

/** Gas, smoke, sparks: what to do right now comes before any question, then a person takes over at high urgency. */
const emergencies = [
  { language: 'zh-Hant', channel: 'chat' as const, send: '熱水器有瓦斯味，好像外洩了，怎麼辦', advice: ['關閉瓦斯', '打開門窗', '119'] },
  { language: 'zh-Hans', channel: 'sms' as const, send: '燃气灶有很重的煤气味，怎么办？', advice: ['关闭燃气', '打开门窗', '119'] },
  { language: 'en', channel: 'sms' as const, send: 'my dryer is smoking and smells like burning plastic!!', advice: ['unplug', 'keep away', '119'] },
  { language: 'en', channel: 'chat' as const, send: 'There are sparks coming out of the socket behind the washing machine', advice: ['unplug', 'keep away'] },
];

/** Twice as long as one UCS-2 SMS part: more than two parts is a wall of text on a phone. */
const TWO_SMS_PARTS_UCS2 = 134;
const TWO_SMS_PARTS_GSM = 306;

describe.each(databaseKinds)('ordinary customers on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each(emergencies)('gives $language safety advice first on "$send" and hands over as urgent', async ({ channel, send, advice }) => {
    const from = channel === 'chat' ? `web-${aPhone()}` : aPhone();
    const result = await h.send(from, send, { channel });
    const first = result.replies[0]!.text;
    for (const words of advice) expect(first).toContain(words);
    const conversation = await h.db.prisma.conversation.findUniqueOrThrow({ where: { channel_threadKey: { channel, threadKey: from } } });
    if (channel === 'sms') {
      expect(conversation).toMatchObject({ state: 'waiting_staff', handoffReason: 'high_urgency' });
      expect(await h.db.prisma.ticket.findFirstOrThrow({ where: { customerId: conversation.customerId! } })).toMatchObject({ urgency: 'high' });
    }
  });

  it.each([
    { language: 'zh-Hant', send: '冷氣修了三次還是壞的！你們到底會不會修？SR-2026-000045 上個月才來過，我要退貨！', apology: '深感抱歉', never: '找不到工單' },
    { language: 'en', send: 'Third time my fridge broke after your technician fixed it under SR-2026-000046. Unacceptable, I want a refund!', apology: 'very sorry', never: 'could not find ticket' },
  ])('takes an angry $language repeat-failure complaint that quotes a ticket number as a complaint, not a status check', async ({ send, apology, never }) => {
    const phone = aPhone();
    const reply = await h.say(phone, send);
    expect(reply).toContain(apology);
    expect(reply).not.toContain(never);
    for (let i = 0; i < 4 && (await h.db.prisma.ticket.count({ where: { contactPhone: phone } })) === 0; i++) await h.say(phone, i === 0 ? '1' : 'skip');
    expect(await h.db.prisma.ticket.findFirstOrThrow({ where: { contactPhone: phone } })).toMatchObject({ category: 'complaint', problem: send });
  });

  it.each([
    { language: 'zh-Hant', send: '你可以幫我做什麼？', expect: '您可以描述設備的故障' },
    { language: 'zh-Hans', send: '你们能帮我做什么', expect: '您可以描述设备的故障' },
    { language: 'en', send: 'what can you do?', expect: 'You can describe a fault' },
  ])('answers "$send" with what the bot can do, not a handoff or a ticket', async ({ send, expect: wanted }) => {
    const chat = `web-${aPhone()}`;
    expect(await h.say(chat, send, { channel: 'chat' })).toContain(wanted);
    const conversation = await h.db.prisma.conversation.findUniqueOrThrow({ where: { channel_threadKey: { channel: 'chat', threadKey: chat } } });
    expect(conversation.state).toBe('bot');
    expect(await h.db.prisma.ticket.count({ where: { customerId: conversation.customerId! } })).toBe(0);
  });

  it.each([
    { language: 'zh-Hans', ask: '我要报修', again: '请您描述遇到的问题', problem: '空调外机噪音很大' },
    { language: 'en', ask: 'report a fault', again: 'Please describe the problem', problem: 'the outdoor unit is very noisy' },
  ])('asks a $language customer who sends the menu number after "please describe" for the description again', async ({ ask, again, problem }) => {
    const phone = aPhone();
    await play(h, phone, [
      { send: ask, expect: [again] },
      { send: '1', expect: [again] },
      { send: problem, expect: [/貴姓|贵姓|name/] },
    ]);
  });

  it.each([
    { language: 'zh-Hant', steps: ['洗衣機不能脫水，一直顯示錯誤碼 E21，型號 NA-V130，序號 5HT123456', '林美玲', '略過', '去年三月'], last: '新北市板橋區文化路一段100號', limit: TWO_SMS_PARTS_UCS2 },
    { language: 'en', steps: ['printer HP LaserJet M404 jams on every page and the tray makes a grinding noise, serial X5QK012345', 'Amy Wu', 'skip', 'last year'], last: '8 Songgao Rd, Taipei City', limit: TWO_SMS_PARTS_GSM },
  ])('sends the $language confirmation on SMS in at most two parts', async ({ steps, last, limit }) => {
    const phone = aPhone();
    for (const text of steps) await h.say(phone, text);
    const summary = await h.say(phone, last);
    expect(summary).toContain(last);
    expect(summary.length).toBeLessThanOrEqual(limit);
    expect(await h.say(phone, steps[0]!.startsWith('printer') ? 'yes' : '是')).toMatch(TICKET);
  });
});
