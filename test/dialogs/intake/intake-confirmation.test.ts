import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialog-harness.js';
import { play, TICKET, type Step } from '../transcript.js';

/** Everything up to the summary of a short fault report, in each language (SMS: the number is known). */
const upToSummary: Record<'en' | 'zh-Hant' | 'zh-Hans', Step[]> = {
  en: [
    { send: 'The dishwasher DW-45 leaks water', expect: ['your name'] },
    { send: 'Ivy Chen', expect: ['company'] },
    { send: 'skip', expect: ['serial'] },
    { send: 'skip', expect: ['When did you buy it'] },
    { send: 'skip', expect: ['site address'] },
    { send: 'skip', expect: ['Model: DW-45', 'Is everything correct?'] },
  ],
  'zh-Hant': [
    { send: '冷氣 RAS-40NK 唔凍', expect: ['貴姓大名'] },
    { send: '陳大文', expect: ['公司'] },
    { send: '略過', expect: ['序號'] },
    { send: '略過', expect: ['購買'] },
    { send: '略過', expect: ['地址'] },
    { send: '略過', expect: ['型號: RAS-40NK', '請您確認'] },
  ],
  'zh-Hans': [
    { send: '冰箱 BCD-200 不制冷了，请派人来看看', expect: ['贵姓'] },
    { send: '周敏', expect: ['公司'] },
    { send: '跳过', expect: ['序列号'] },
    { send: '跳过', expect: ['购买'] },
    { send: '跳过', expect: ['地址'] },
    { send: '跳过', expect: ['型号: BCD-200', '请您确认'] },
  ],
};

describe.each(databaseKinds)('the confirmation of an intake on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });
  const ticketOf = async (reply: string) => h.db.prisma.ticket.findUniqueOrThrow({ where: { number: TICKET.exec(reply)![0] } });

  it.each(['係', '係呀', '啱', '冇錯', '啱晒'])('takes the Cantonese "%s" as yes', async (yes) => {
    await play(h, aPhone(), [...upToSummary['zh-Hant'], { send: yes, expect: [TICKET, '謝謝您，陳大文'] }]);
  });

  it.each([
    ['en', 'thanks!', 'Thank you, Ivy Chen'],
    ['zh-Hant', '謝謝', '謝謝您，陳大文'],
    ['zh-Hans', '好的谢谢', '谢谢您，周敏'],
  ] as const)('takes a thank-you at the confirmation (%s) as a yes and opens the ticket', async (language, thanks, opened) => {
    const reply = await play(h, aPhone(), [...upToSummary[language], { send: thanks, expect: [TICKET, opened] }]);
    expect(reply).not.toMatch(/yes or no|是」或「否|是”或“否/);
  });

  it('adds an address sent at the confirmation and shows the summary again, without a hand-off', async () => {
    const reply = await play(h, aPhone(), [
      ...upToSummary.en,
      { send: 'Warehouse 3, 18 Gangqian Rd, Kaohsiung', expect: ['Site address: Warehouse 3, 18 Gangqian Rd, Kaohsiung', 'Is everything correct?'] },
      { send: 'yes', expect: [TICKET] },
    ]);
    expect(await ticketOf(reply)).toMatchObject({ siteAddress: 'Warehouse 3, 18 Gangqian Rd, Kaohsiung' });
    expect(h.emitted.filter((e) => e.name === 'conversation.handoff_requested')).toHaveLength(0);
  });

  it('asks yes or no again after a reply it cannot read, then takes the details sent next (Traditional Chinese)', async () => {
    const reply = await play(h, aPhone(), [
      ...upToSummary['zh-Hant'],
      { send: '我諗下先', expect: ['請回覆「是」或「否」'] },
      { send: '新北市板橋區文化路一段188巷3號', expect: ['設備地址: 新北市板橋區文化路一段188巷3號', '請您確認'] },
      { send: '啱', expect: [TICKET] },
    ]);
    expect(await ticketOf(reply)).toMatchObject({ siteAddress: '新北市板橋區文化路一段188巷3號', province: '新北市' });
  });

  it('applies "the model is DW-54 not DW-45" after "No" at once instead of asking for the model', async () => {
    const reply = await play(h, aPhone(), [
      ...upToSummary.en,
      { send: 'No', expect: ['Which detail'] },
      { send: 'the model is DW-54 not DW-45', expect: ['DW-54', 'Model: DW-54', 'Is everything correct?'] },
      { send: 'yes', expect: [TICKET] },
    ]);
    expect(await ticketOf(reply)).toMatchObject({ productModel: 'DW-54' });
  });

  it('applies a Cantonese model correction given after 否', async () => {
    const reply = await play(h, aPhone(), [
      ...upToSummary['zh-Hant'],
      { send: '否', expect: ['修改哪一項'] },
      { send: '型號係 RAS-50NK 唔係 RAS-40NK', expect: ['型號: RAS-50NK', '請您確認'] },
      { send: '係呀', expect: [TICKET] },
    ]);
    expect(await ticketOf(reply)).toMatchObject({ productModel: 'RAS-50NK' });
  });

  it('applies a change said together with "no" at the confirmation (Simplified Chinese)', async () => {
    const reply = await play(h, aPhone(), [
      ...upToSummary['zh-Hans'],
      { send: '不对，电话改成 13912345678', expect: ['联系方式: +8613912345678', '请您确认'] },
      { send: '对的', expect: [TICKET] },
    ]);
    expect(await ticketOf(reply)).toMatchObject({ contactPhone: '+8613912345678' });
  });

  it('still asks which detail after a plain "No"', async () => {
    await play(h, aPhone(), [...upToSummary.en, { send: 'No', expect: ['Which detail would you like to change?'] }, { send: 'Model', expect: ['Which product model is it?'] }]);
  });
});
