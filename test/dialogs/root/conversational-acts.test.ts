import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialog-harness.js';
import { play, TICKET, type Step } from '../transcript.js';

/** Per language: a question the knowledge base answers, then the closings customers send after it. */
const afterAnAnswer: { language: string; steps: Step[] }[] = [
  {
    language: 'zh-Hant',
    steps: [
      { send: '請問你們的營業時間是幾點到幾點？', expect: ['08:30 至 18:00'] },
      { send: '謝謝', expect: ['不客氣'] },
      { send: '沒有了，謝謝', expect: ['不客氣'] },
      { send: '再見', expect: ['再見'] },
    ],
  },
  {
    language: 'zh-Hans',
    steps: [
      { send: '请问你们的营业时间是几点到几点？', expect: ['08:30 至 18:00'] },
      { send: '谢谢', expect: ['不客气'] },
      { send: '没有了，谢谢', expect: ['不客气'] },
      { send: '再见', expect: ['再见'] },
    ],
  },
  {
    language: 'en',
    steps: [
      { send: 'What are your opening hours?', expect: ['Monday to Saturday'] },
      { send: 'thanks', expect: ['You are welcome'] },
      { send: 'no more, thanks', expect: ['You are welcome'] },
      { send: 'bye', expect: ['Goodbye'] },
    ],
  },
];

const shortReplies: { language: string; send: string; expect: string; notExpect: RegExp }[] = [
  { language: 'zh-Hant', send: '好', expect: '還有其他需要', notExpect: /工單|大名/ },
  { language: 'zh-Hans', send: '对', expect: '还有其他需要', notExpect: /工单|贵姓/ },
  { language: 'en', send: 'ok', expect: 'anything else', notExpect: /ticket|name/i },
];

const greetings = [
  { language: 'zh-Hant', send: '你好', expect: ['您好', '有什麼可以為您服務'] },
  { language: 'zh-Hans', send: '哈啰', expect: ['您好', '有什么可以为您服务'] },
  { language: 'en', send: 'hello', expect: ['Hello', 'How may I help you'] },
];

const smallTalk = [
  { language: 'zh-Hant', send: '你是機器人嗎？', expect: ['小幫手', '有什麼可以為您服務'] },
  { language: 'zh-Hans', send: '你是机器人吗？', expect: ['小助手', '有什么可以为您服务'] },
  { language: 'en', send: 'how are you?', expect: ['assistant', 'How may I help you'] },
];

const personRequests = [
  { language: 'zh-Hant', send: '我要找客服人員', expect: '轉接專人服務' },
  { language: 'zh-Hans', send: '我要找客服人员', expect: '转接人工客服' },
  { language: 'en', send: 'real person', expect: 'passing you to a colleague' },
];

const feeQuestions = [
  { language: 'zh-Hant', send: '維修要收費嗎？', expect: '保固期內維修免費' },
  { language: 'zh-Hans', send: '维修要收费吗？', expect: '保修期内维修免费' },
  { language: 'en', send: 'Do repairs cost anything?', expect: 'free of charge' },
];

const contactOnlyMessages = [
  { language: 'zh-Hant', send: '我的電話是 0955 666 777', expect: '已記下您的聯絡方式 +886955666777' },
  { language: 'zh-Hans', send: '我的手机号码是 13812345678', expect: '已记下您的联系方式 +8613812345678' },
  { language: 'en', send: 'my email is ivy.chen@example.com', expect: 'noted ivy.chen@example.com' },
];

const requestsAsNames = [
  { language: 'zh-Hant', report: '冷氣壞了不會冷', name: '查詢維修進度', retry: '您的大名是' },
  { language: 'zh-Hans', report: '空调坏了不制冷', name: '我要报修', retry: '您的姓名是' },
  { language: 'en', report: 'My dryer stopped heating', name: 'check my repair status', retry: 'tell me your name' },
];

describe.each(databaseKinds)('conversational acts on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  const ticketsOf = (phone: string) => h.db.prisma.ticket.count({ where: { contactPhone: phone } });

  it.each(afterAnAnswer)('answers thanks and goodbye in $language with a polite closing and opens no ticket', async ({ steps }) => {
    const phone = aPhone();
    await play(h, phone, steps);
    expect(await ticketsOf(phone)).toBe(0);
  });

  it.each(shortReplies)('asks "anything else?" on a bare "$send" in $language instead of starting a report', async ({ send, expect: wanted, notExpect }) => {
    const phone = aPhone();
    const reply = await h.say(phone, send);
    expect(reply).toContain(wanted);
    expect(reply).not.toMatch(notExpect);
    expect(await ticketsOf(phone)).toBe(0);
  });

  it.each(greetings)('greets back in $language and offers help', async ({ send, expect: wanted }) => {
    await play(h, aPhone(), [{ send, expect: wanted }]);
  });

  it.each(smallTalk)('answers small talk in $language briefly and offers help', async ({ send, expect: wanted }) => {
    const phone = aPhone();
    await play(h, phone, [{ send, expect: wanted }]);
    expect(await ticketsOf(phone)).toBe(0);
  });

  it.each(personRequests)('hands over on "$send" in $language instead of taking a complaint', async ({ send, expect: wanted }) => {
    const phone = aPhone();
    expect(await h.say(phone, send)).toContain(wanted);
    const conversation = await h.db.prisma.conversation.findUniqueOrThrow({ where: { channel_threadKey: { channel: 'sms', threadKey: phone } } });
    expect(conversation).toMatchObject({ state: 'waiting_staff', handoffReason: 'customer_request' });
  });

  it.each(feeQuestions)('answers the fee question "$send" from the knowledge base', async ({ send, expect: wanted }) => {
    const phone = aPhone();
    expect(await h.say(phone, send)).toContain(wanted);
    expect(await ticketsOf(phone)).toBe(0);
  });

  it.each([
    { language: 'en', closing: 'thanks, bye', wanted: 'You are welcome' },
    { language: 'zh-Hant', closing: '謝謝，再見', wanted: '不客氣' },
    { language: 'zh-Hans', closing: '谢谢，再见', wanted: '不客气' },
  ])('closes with "$closing" after a ticket was opened, without a second ticket', async ({ closing, wanted }) => {
    const phone = aPhone();
    await play(h, phone, [
      { send: 'Can I get a copy of the safety certificate for my model?', expect: ['name'] },
      { send: 'Ivy', expect: ['correct?'] },
      { send: 'yes', expect: [TICKET] },
    ]);
    const reply = await h.say(phone, closing);
    expect(reply).toContain(wanted);
    expect(reply).not.toMatch(/name|phone|大名|貴姓|贵姓|電話|电话/i);
    expect(await ticketsOf(phone)).toBe(1);
  });
  it.each(contactOnlyMessages)('notes a message in $language that only gives a contact and asks what the customer needs, opening no ticket', async ({ send, expect: wanted }) => {
    const phone = aPhone();
    const reply = await h.say(phone, send);
    expect(reply).toContain(wanted);
    expect(reply).not.toMatch(/工單|工单|ticket|大名|贵姓/i);
    expect(await h.db.prisma.ticket.count({ where: { conversations: { some: { threadKey: phone } } } })).toBe(0);
  });

  it.each(requestsAsNames)('asks the name again in $language when a request comes instead of a name', async ({ report, name, retry }) => {
    const phone = aPhone();
    await h.say(phone, report);
    expect(await h.say(phone, name)).toContain(retry);
  });
  it.each(['I would like to file a complaint', 'I want to make a complaint', "Hi, I'd like to complain"])('takes "%s" to the complaint entry, not a question', async (send) => {
    const phone = aPhone();
    expect(await h.say(phone, send)).toContain('Please tell me what happened');
  });
});
