import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialog-harness.js';

describe.each(databaseKinds)('the SMS confirmation and the ticket title on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Answers each question plainly until the bot shows the summary. */
  async function untilSummary(phone: string, first: string, label: string): Promise<string> {
    let reply = await h.say(phone, first);
    for (let i = 0; i < 8 && !reply.includes(label); i++) {
      const answer = /貴姓|your name/.test(reply) ? (label === '問題描述' ? '鄭美玲' : 'Maggie Chou') : /地址|address/.test(reply) ? (label === '問題描述' ? '桃園市中壢區中央西路二段 30 號' : 'No. 8, Zhongzheng Rd, Tainan City') : label === '問題描述' ? '略過' : 'skip';
      reply = await h.say(phone, answer);
    }
    return reply;
  }

  it('shows the fault, not the greeting, in the shortened zh-Hant SMS description', async () => {
    const reply = await untilSummary(aPhone(), '您好，我們是飲料店「茶覺」，店裡的飲水機RO-880出水很慢，濾心上個月才換過。去年三月買的。', '問題描述');
    expect(reply).toMatch(/問題描述: 店裡的飲水機RO-880出水很慢/);
    expect(reply).not.toContain('問題描述: 您好');
  });

  it('titles the ticket with the fault, not the greeting', async () => {
    const phone = aPhone();
    const reply = await untilSummary(phone, 'Hi there, I run a small bakery and our display fridge compressor died after 14 months, model DF-1200G.', 'Problem');
    expect(reply).toContain('Problem');
    await h.say(phone, 'yes');
    const ticket = await h.db.prisma.ticket.findFirstOrThrow({ where: { contactPhone: phone } });
    expect(ticket.title.startsWith('Our display fridge compressor died')).toBe(true);
    expect(ticket.problem.startsWith('Hi there')).toBe(true);
  });
});
