import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialog-harness.js';

/** The offer of help every small-talk answer ends with. */
const OFFER = { en: 'How may I help you?', 'zh-Hant': '請問有什麼可以為您服務的？', 'zh-Hans': '请问有什么可以为您服务的？' } as const;
/** What starting an intake says: never for small talk. */
const INTAKE = /pass your question|open a ticket|name|貴姓|贵姓|建立一張工單|创建一张工单/;

describe.each(databaseKinds)('small talk on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each([
    { language: 'en' as const, send: "how's the weather over there lol" },
    { language: 'zh-Hant' as const, send: '哈囉 今天天氣好好喔' },
    { language: 'en' as const, send: 'ur bot sux' },
    { language: 'zh-Hans' as const, send: '今天好无聊 哈哈' },
    { language: 'en' as const, send: 'You guys are so useless lol' },
    { language: 'zh-Hant' as const, send: '這個機器人好笨喔' },
  ])('answers the $language "$send" briefly with the offer of help, never an intake', async ({ language, send }) => {
    const chat = `web-${aPhone()}`;
    const reply = await h.say(chat, send, { channel: 'chat' });
    expect(reply).toContain(OFFER[language]);
    expect(reply).not.toMatch(INTAKE);
    const conversation = await h.db.prisma.conversation.findUniqueOrThrow({ where: { channel_threadKey: { channel: 'chat', threadKey: chat } } });
    expect(await h.db.prisma.ticket.count({ where: { customerId: conversation.customerId! } })).toBe(0);
  });

  it('takes a rude complaint about a technician as a complaint, not as a remark to brush off', async () => {
    const phone = aPhone();
    const reply = await h.say(phone, 'your technician was rude and useless');
    expect(reply).not.toContain('I have not been more helpful');
    expect(reply).toMatch(/sorry|complaint/i);
  });

  it.each([
    { language: 'en' as const, send: 'hey, r u a real person or a bot lol', says: /automated assistant.*"agent"/ },
    { language: 'zh-Hant' as const, send: '你是真人還是機器人？', says: /自動回覆.*「人工」/ },
    { language: 'zh-Hans' as const, send: '你是机器人吗', says: /自动回复.*“人工”/ },
  ])('tells a $language customer who asks "$send" plainly that it is an automated assistant and how to reach a person', async ({ language, send, says }) => {
    const chat = `web-${aPhone()}`;
    const reply = await h.say(chat, send, { channel: 'chat' });
    expect(reply).toMatch(says);
    expect(reply).toContain(OFFER[language]);
    expect(reply).not.toMatch(INTAKE);
  });
});
