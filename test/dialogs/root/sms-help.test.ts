import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialog-harness.js';
import { play } from '../transcript.js';

/** Words that unsubscribe at the carrier: the bot's SMS texts may never tell a customer to send them. */
const CARRIER_KEYWORDS = /\b(?:cancel|stop|stopall|end|quit|unsubscribe)\b|退訂|退订/i;

const cases = [
  { language: 'zh-Hant', report: '我的印表機壞了，一直卡紙', help: '求助', startOver: '選單', says: '回覆「選單」可重新開始', cancelled: '已為您取消' },
  { language: 'zh-Hans', report: '我的打印机坏了，一直卡纸', help: '帮助', startOver: '菜单', says: '回复“菜单”可重新开始', cancelled: '已为您取消' },
  { language: 'en', report: 'My printer is broken and shows an error light all the time', help: 'help', startOver: 'MENU', says: 'Reply MENU to start over', cancelled: 'I have cancelled that' },
];

describe.each(databaseKinds)('SMS help wording on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each(cases)('tells an SMS customer in $language to reply MENU to start over, never a carrier keyword, and MENU does start over', async ({ report, help, startOver, says, cancelled }) => {
    const phone = aPhone();
    const helpText = await play(h, phone, [
      { send: report, expect: [] },
      { send: help, expect: [says] },
    ]);
    expect(helpText).not.toMatch(CARRIER_KEYWORDS);
    await play(h, phone, [{ send: startOver, expect: [cancelled] }]);
    expect(await h.db.prisma.ticket.count({ where: { contactPhone: phone } })).toBe(0);
  });

  it('keeps "cancel" as start over on web chat, where it is no carrier keyword', async () => {
    const chat = `web-${aPhone()}`;
    await play(
      h,
      chat,
      [
        { send: 'help', expect: ['Say "cancel" to start over'] },
        { send: 'My printer is broken and shows an error light all the time', expect: ['name'] },
        { send: 'cancel', expect: ['I have cancelled that'] },
      ],
      { channel: 'chat' },
    );
  });
});
