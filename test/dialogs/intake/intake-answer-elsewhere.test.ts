import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialog-harness.js';
import { play } from '../transcript.js';

describe.each(databaseKinds)('an answer given to the wrong question on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('keeps a site address typed at the purchase-date question, asks for the date again and not for the address', async () => {
    const summary = await play(h, aPhone(), [
      { send: '冷氣不冷了，需要報修', expect: ['貴姓大名'] },
      { send: '王小明', expect: ['公司'] },
      { send: '略過', expect: ['型號'] },
      { send: 'RAS-40NK', expect: ['序號'] },
      { send: '略過', expect: ['購買'] },
      { send: '台北市信義區松高路1號', expect: ['購買'] },
      { send: '略過', expect: ['請您確認'] },
    ]);
    expect(summary).toContain('設備地址: 台北市信義區松高路1號');
  });

  it('keeps an address given at the purchase-date question of an English report', async () => {
    const summary = await play(h, aPhone(), [
      { send: 'My dryer stopped heating', expect: ['your name'] },
      { send: 'Ivy Chen', expect: ['company'] },
      { send: 'skip', expect: ['model'] },
      { send: 'skip', expect: ['serial'] },
      { send: 'skip', expect: ['When did you buy it'] },
      { send: 'the address is 12 Main Rd, Taichung City', expect: ['When did you buy it'] },
      { send: 'skip', expect: ['correct?'] },
    ]);
    expect(summary).toContain('12 Main Rd, Taichung City');
  });
  it('takes an address typed at the name question as the site address and asks for the name again', async () => {
    const summary = await play(h, aPhone(), [
      { send: '冷氣不冷了，需要報修', expect: ['貴姓大名'] },
      { send: '台北市信義區松高路1號', expect: ['大名'] },
      { send: '王小明', expect: ['公司'] },
      { send: '略過', expect: ['型號'] },
      { send: '略過', expect: ['序號'] },
      { send: '略過', expect: ['購買'] },
      { send: '略過', expect: ['請您確認'] },
    ]);
    expect(summary).toContain('姓名: 王小明');
    expect(summary).toContain('設備地址: 台北市信義區松高路1號');
  });
});
