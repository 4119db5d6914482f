import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialog-harness.js';
import { play, TICKET } from '../transcript.js';

const complaints = [
  {
    language: 'en',
    steps: [
      { send: 'I want to complain: your technician was rude and shouted at my staff yesterday', expect: ['very sorry', 'name'] },
      { send: 'Grace', expect: [TICKET, 'passing you to a colleague'] },
    ],
    type: 'service_attitude',
  },
  {
    language: 'zh-Hant',
    steps: [
      { send: '我要投訴，你們這次的處理方式讓我非常失望', expect: ['深感抱歉', '哪一方面'] },
      { send: '1', expect: ['記錄這次的投訴', '大名'] },
      { send: '陳先生', expect: [TICKET, '轉接專人'] },
    ],
    type: 'product_quality',
  },
  {
    language: 'zh-Hans',
    steps: [
      { send: '我要投诉，工程师迟到了三个小时，也没有提前通知', expect: ['深感抱歉', '贵姓'] },
      { send: '跳过', expect: [TICKET, '转接人工'] },
    ],
    type: 'lateness',
  },
];

describe.each(databaseKinds)('complaint dialog on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each(complaints)('apologises in $language, opens a high-priority complaint ticket and hands off', async ({ steps, type }) => {
    const phone = aPhone();
    await play(h, phone, steps);
    const ticket = await h.db.prisma.ticket.findFirstOrThrow({ where: { contactPhone: phone } });
    expect(ticket).toMatchObject({ category: 'complaint', urgency: 'high', complaintType: type });
    const conversation = await h.db.prisma.conversation.findUniqueOrThrow({ where: { channel_threadKey: { channel: 'sms', threadKey: phone } } });
    expect(conversation).toMatchObject({ state: 'waiting_staff', handoffReason: 'complaint', ticketId: ticket.id });
    expect(h.emitted).toContainEqual({ name: 'conversation.handoff_requested', payload: { conversationId: conversation.id, ticketId: ticket.id, reason: 'complaint' } });
  });

  it('asks for the complaint type when the message does not say it', async () => {
    const phone = aPhone();
    await play(h, phone, [
      // A bare "3" is answered in DEFAULT_LANGUAGE (zh-Hant); the English sentence after it switches the conversation to English.
      { send: '3', expect: ['請告訴我發生了什麼事'] },
      { send: 'Nobody followed up on my case for two weeks and I am very unhappy', expect: ['very sorry', 'What is your complaint about?'] },
      { send: 'other', expect: ['name'] },
    ]);
  });

  it.each([
    { language: 'zh-Hant', send: '冷氣修了三次還是壞的！你們到底會不會修？我要退貨！', next: '大名' },
    { language: 'en', send: 'This is the THIRD time my fridge has broken after your technician fixed it. I want a refund.', next: 'name' },
  ])('takes a $language repeat-failure complaint as product quality without asking the type', async ({ send, next }) => {
    const phone = aPhone();
    const reply = await h.say(phone, send);
    expect(reply).toContain(next);
    await h.say(phone, 'skip');
    expect(await h.db.prisma.ticket.findFirstOrThrow({ where: { contactPhone: phone } })).toMatchObject({ complaintType: 'product_quality' });
  });

  it('asks the complaint type once and moves on with "other" when the answer is not a type', async () => {
    const phone = aPhone();
    await play(h, phone, [
      { send: 'Nobody followed up on my case for two weeks and I am very unhappy', expect: ['What is your complaint about?'] },
      { send: 'Tom', expect: ['name'] },
      { send: 'Tom', expect: [TICKET] },
    ]);
    expect(await h.db.prisma.ticket.findFirstOrThrow({ where: { contactPhone: phone } })).toMatchObject({ complaintType: 'other', contactName: 'Tom' });
  });
});
