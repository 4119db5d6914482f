import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialog-harness.js';
import { play, TICKET } from '../transcript.js';

const PROBLEM = {
  'zh-Hans': '我家的冰箱 BCD-200 不制冷，地址上海市浦东新区世纪大道100号',
  'zh-Hant': '我家的冷氣 RAS-40NK 不冷，地址台北市信義區松高路1號',
  en: 'The fridge GR-B22 at home is not cooling, address 12 Main Rd, Taichung City',
};
const SKIP = { 'zh-Hans': '跳过', 'zh-Hant': '略過', en: 'skip' };

/** A household fault report with model and address given (SMS): the name, two skips, then yes. */
const report = (language: keyof typeof PROBLEM, name: string, yes: string) => [
  { send: PROBLEM[language], expect: [] },
  { send: name, expect: [] },
  { send: SKIP[language], expect: [] },
  { send: SKIP[language], expect: [] },
  { send: yes, expect: [TICKET] },
];

/** The closing thanks the customer by a full name or a name with its title, never by a bare surname. */
describe.each(databaseKinds)('how the customer is addressed on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('thanks without a name when only the surname is known (Simplified Chinese "免贵姓孙")', async () => {
    const reply = await play(h, aPhone(), report('zh-Hans', '免贵姓孙', '是'));
    expect(reply).toContain('谢谢您。您的工单编号是');
    expect(reply).not.toContain('孙。');
  });

  it('thanks without a name for a compound surname alone (Traditional Chinese "敝姓歐陽")', async () => {
    const reply = await play(h, aPhone(), report('zh-Hant', '敝姓歐陽', '是'));
    expect(reply).toContain('謝謝您。您的工單編號是');
  });

  it('uses the surname with the title the customer gave (Cantonese "孫先生")', async () => {
    const reply = await play(h, aPhone(), report('zh-Hant', '孫先生', '係'));
    expect(reply).toContain('謝謝您，孫先生。');
  });

  it('uses a full Chinese name as given', async () => {
    const reply = await play(h, aPhone(), report('zh-Hans', '孙小燕', '好的'));
    expect(reply).toContain('谢谢您，孙小燕。');
  });

  it('uses an English first name as given', async () => {
    const reply = await play(h, aPhone(), report('en', 'Kevin', 'yes'));
    expect(reply).toContain('Thank you, Kevin.');
  });
});
