import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialog-harness.js';
import { play, TICKET } from '../transcript.js';

/** A name, company or site address said in passing, in the first message or in any answer, is not asked again. */
describe.each(databaseKinds)('details said in passing on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });
  const ticketOf = async (reply: string) => h.db.prisma.ticket.findUniqueOrThrow({ where: { number: TICKET.exec(reply)![0] } });

  it('reads the name beside a job title, the company "on behalf of" and the address it is installed at (English)', async () => {
    const from = aPhone();
    const first = await h.say(
      from,
      "I'm the facilities manager, David Lin, writing on behalf of Acme Plastics Ltd. Our chiller CH-200 installed at No. 88, Xingbang Rd, Guishan Dist, Taoyuan City trips every hour.",
    );
    expect(first).not.toMatch(/your name|company or project|site address/);
    const reply = await play(h, from, [
      { send: 'skip', expect: ['When did you buy it'] },
      { send: 'skip', expect: ['Name: David Lin', 'Company/project: Acme Plastics Ltd', 'Site address: No. 88, Xingbang Rd, Guishan Dist, Taoyuan City'] },
      { send: 'yes', expect: [TICKET, 'Thank you, David Lin'] },
    ]);
    expect(await ticketOf(reply)).toMatchObject({ contactName: 'David Lin', company: 'Acme Plastics Ltd', province: 'Taoyuan City' });
  });

  it('takes "Hi its Kevin" as the name', async () => {
    const reply = await h.say(aPhone(), 'Hi its Kevin, the oven OV-200 is not heating at all');
    expect(reply).not.toContain('your name');
    expect(reply).toContain('company or project');
  });

  it('takes the name given with a role in an answer to another question', async () => {
    await play(h, aPhone(), [
      { send: 'The walk-in freezer is icing up', expect: ['your name'] },
      { send: 'this is Priya Nair, the kitchen supervisor', expect: ['company'] },
      { send: 'skip', expect: ['product model'] },
      { send: 'WF-300', expect: ['serial'] },
      { send: 'skip', expect: ['When did you buy it'] },
      { send: 'skip', expect: ['site address'] },
      { send: 'skip', expect: ['Name: Priya Nair'] },
    ]);
  });

  it('takes the Cantonese "我係黃小姐" as the name and addresses her by it', async () => {
    const from = aPhone();
    const first = await h.say(from, '你好，我係黃小姐，屋企部冷氣唔凍，型號 RAS-40NK');
    expect(first).not.toContain('貴姓大名');
    const reply = await play(h, from, [
      { send: '唔知', expect: ['購買'] },
      { send: '唔記得', expect: ['地址'] },
      { send: '略過', expect: ['姓名: 黃小姐'] },
      { send: '係', expect: [TICKET, '謝謝您，黃小姐'] },
    ]);
    expect(await ticketOf(reply)).toMatchObject({ contactName: '黃小姐' });
  });

  it('reads a registered company name and the person in a Simplified Chinese first message', async () => {
    const from = aPhone();
    const first = await h.say(from, '我们是华星电子有限公司的，我叫赵磊，办公室的打印机 HL-2350 一直卡纸，请派人来看看');
    expect(first).not.toMatch(/贵姓|哪一家公司/);
    await play(h, from, [
      { send: '跳过', expect: ['购买'] },
      { send: '跳过', expect: ['地址'] },
      { send: '跳过', expect: ['姓名: 赵磊', '公司/项目: 华星电子有限公司'] },
    ]);
  });

  it('reads a Traditional Chinese company said with 代表 and an address said with 位於', async () => {
    const from = aPhone();
    const first = await h.say(from, '代表大安貿易有限公司報修，我是林志明，公司位於台北市松山區南京東路四段2號3樓的影印機 iR-3530 一直卡紙');
    expect(first).not.toMatch(/貴姓大名|哪一間公司/);
    await play(h, from, [
      { send: '略過', expect: ['購買'] },
      { send: '略過', expect: ['公司/專案: 大安貿易有限公司', '設備地址: 台北市松山區南京東路四段2號3樓'] },
    ]);
  });
  /** Skips every further question, then confirms: the ticket as far as the report went. */
  async function skipToTicket(from: string, reply: string, words: { skip: string; yes: string }): Promise<string> {
    for (let asked = 0; asked < 8 && !TICKET.test(reply); asked++) reply = await h.say(from, /correct|正確|正确/.test(reply) ? words.yes : words.skip);
    return reply;
  }
  const wordsOf = { en: { skip: 'skip', yes: 'yes' }, 'zh-Hant': { skip: '略過', yes: '是' }, 'zh-Hans': { skip: '跳过', yes: '是' } } as const;

  it.each([
    { language: 'en' as const, send: "I'm Amy from Sunrise Hotel, the air conditioner in the lobby is leaking water", never: /your name|company or project/, ticket: { contactName: 'Amy', company: 'Sunrise Hotel' } },
    { language: 'zh-Hant' as const, send: '我是大同餐廳的陳小姐，店裡的冷氣一直滴水', never: /貴姓大名|哪一間公司/, ticket: { contactName: '陳小姐', company: '大同餐廳' } },
    { language: 'zh-Hans' as const, send: '我是大同餐厅的陈小姐，店里的空调一直滴水', never: /贵姓|哪一家公司/, ticket: { contactName: '陈小姐', company: '大同餐厅' } },
  ])('takes the person and the business said together in a $language first message and asks for neither', async ({ language, send, never, ticket }) => {
    const from = aPhone();
    const first = await h.say(from, send);
    expect(first).not.toMatch(never);
    expect(await ticketOf(await skipToTicket(from, first, wordsOf[language]))).toMatchObject(ticket);
  });

  it.each([
    { language: 'en' as const, report: 'The ice machine in our kitchen stopped making ice', name: 'Amy Lin', asked: 'company or project', send: 'Sunrise Hotel', company: 'Sunrise Hotel' },
    { language: 'zh-Hant' as const, report: '公司的影印機一直卡紙', name: '林美玲', asked: '哪一間公司', send: '公司是 ABC 科技有限公司', company: 'ABC 科技有限公司' },
    { language: 'zh-Hans' as const, report: '办公室的打印机一直卡纸', name: '林美玲', asked: '哪一家公司', send: '我们公司是华星电子有限公司', company: '华星电子有限公司' },
  ])('keeps the $language answer "$send" to the company question as the company "$company"', async ({ language, report, name, asked, send, company }) => {
    const from = aPhone();
    await play(h, from, [
      { send: report, expect: [] },
      { send: name, expect: [asked] },
    ]);
    const reply = await h.say(from, send);
    expect(reply).not.toContain(asked);
    expect(await ticketOf(await skipToTicket(from, reply, wordsOf[language]))).toMatchObject({ company });
  });
});
