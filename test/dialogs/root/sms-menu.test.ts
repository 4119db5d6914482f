import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, postTwilio, smsParams, twilioEnv, twimlTexts } from '../../channels/twilio-shared/twilio-test-kit.js';

/** The menu as an SMS customer reads it, through the Twilio webhook: each entry's number is the one to reply with. */
const menus = [
  { language: 'en', hello: 'hi', lines: ['1. Report a fault', '2. Ask a question', '3. Make a complaint', '4. Ticket status', '5. Speak to a person'], person: 'passing you to a colleague', describe: 'Please describe the problem' },
  { language: 'zh-Hant', hello: '你好', lines: ['1. 報修故障', '5. 轉接專人'], person: '轉接專人服務', describe: '請您描述發生的問題' },
  { language: 'zh-Hans', hello: '哈啰', lines: ['1. 报修故障', '5. 转接人工'], person: '转接人工客服', describe: '请您描述遇到的问题' },
];

describe.each(databaseKinds)('the SMS menu on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, twilioEnv);
  });
  afterAll(async () => {
    await t?.stop();
  });

  async function text(from: string, body: string): Promise<string> {
    const res = await postTwilio(t.url, '/twilio/sms', smsParams(from, body));
    expect(res.status, res.body).toBe(200);
    return twimlTexts(res.body, 'Message').join('\n');
  }

  it.each(menus)('numbers the $language menu once, and "5" reaches the person shown as 5', async ({ hello, lines, person }) => {
    const phone = aPhone();
    const menu = await text(phone, hello);
    for (const line of lines) expect(menu).toContain(line);
    expect(menu).not.toMatch(/^\d\. \d /m);
    expect(await text(phone, '5')).toContain(person);
    const conversation = await t.db.prisma.conversation.findUniqueOrThrow({ where: { channel_threadKey: { channel: 'sms', threadKey: phone } } });
    expect(conversation).toMatchObject({ state: 'waiting_staff', handoffReason: 'customer_request' });
    expect(await t.db.prisma.ticket.count({ where: { contactPhone: phone } })).toBe(0);
  });

  it.each(menus)('takes "1" from the $language menu as reporting a fault', async ({ hello, describe: ask }) => {
    const phone = aPhone();
    await text(phone, hello);
    expect(await text(phone, '1')).toContain(ask);
  });

  it.each([
    { language: 'en', menu: 'MENU', says: 'How may I help you?' },
    { language: 'zh-Hant', menu: '選單', says: '請問有什麼可以為您服務的？' },
    { language: 'zh-Hans', menu: '菜单', says: '请问有什么可以为您服务的？' },
  ])('shows the $language menu on "$menu" with nothing open, instead of "cancelled"', async ({ menu, says }) => {
    const phone = aPhone();
    const reply = await text(phone, menu);
    expect(reply).toContain(says);
    expect(reply).toContain('5. ');
    expect(reply).not.toMatch(/cancelled|已為您取消|已为您取消/);
  });
});
