import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialog-harness.js';
import { play } from '../transcript.js';

/** Asked first after a fault report without a name in it. */
const NAME = { en: 'May I have your name', 'zh-Hant': '貴姓', 'zh-Hans': '贵姓' } as const;

describe.each(databaseKinds)('what a customer says in the middle of a report, on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  const ticketsOf = (phone: string) => h.db.prisma.ticket.count({ where: { contactPhone: phone } });

  it.each([
    { language: 'en' as const, report: 'The remote for my TV does nothing when I press the buttons', give: 'actually never mind, i found the batteries were dead. thanks', close: 'Glad to hear it is sorted' },
    { language: 'zh-Hant' as const, report: '冷氣一直滴水，滴到地板都濕了', give: '不用了 謝謝 我自己處理好了', close: '很高興問題已經解決了' },
    { language: 'zh-Hant' as const, report: '電視開不了機，按電源都沒反應', give: '算了不修了', close: '已停止報修' },
    { language: 'zh-Hans' as const, report: '微波炉转盘不转了，加热也不均匀', give: '不用了 谢谢 我自己修好了', close: '很高兴问题已经解决了' },
    { language: 'en' as const, report: 'My dishwasher will not start, the lights just blink', give: "forget it, it's working again", close: 'Glad to hear it is sorted' },
    { language: 'zh-Hant' as const, report: '印表機一直顯示卡紙', give: '喔等等，重開機就好了，算了不用了', close: '很高興問題已經解決了' },
    { language: 'en' as const, report: 'The printer shows a paper jam all the time', give: 'oh wait, I restarted it and it works fine', close: 'Glad to hear it is sorted' },
  ])('lets a $language customer go politely on "$give", with no ticket', async ({ language, report, give, close }) => {
    const phone = aPhone();
    await play(h, phone, [
      { send: report, expect: [NAME[language]] },
      { send: give, expect: [close] },
    ]);
    const reply = await h.say(phone, language === 'en' ? 'thanks' : '謝謝');
    expect(reply).not.toContain(NAME[language]);
    expect(await ticketsOf(phone)).toBe(0);
  });

  it.each([
    { language: 'zh-Hant' as const, report: '除濕機不會運轉了，指示燈一直閃', ask: '順便問一下 你們服務中心在哪裡', answer: '瑞光路 100 號' },
    { language: 'zh-Hans' as const, report: '空调外机噪音很大，像是有东西在刮', ask: '等一下，你们周末上班吗？', answer: '周一至周六 08:30 至 18:00' },
    { language: 'en' as const, report: 'My washing machine will not spin and the drum smells', ask: 'wait whats the warranty period?', answer: '12-month warranty' },
    { language: 'en' as const, report: 'The oven fan is very loud and the door does not close properly', ask: 'hold on, how much is the call-out fee?', answer: 'NT$1,500 call-out fee' },
  ])('answers "$ask" from the knowledge base in $language and asks the open question again', async ({ language, report, ask, answer }) => {
    const phone = aPhone();
    await play(h, phone, [
      { send: report, expect: [NAME[language]] },
      { send: ask, expect: [answer, NAME[language]] },
      { send: language === 'en' ? 'Dana Lin' : '林大同', expect: [/company|公司/] },
    ]);
    expect(await ticketsOf(phone)).toBe(0);
  });

  it.each([
    { language: 'en' as const, report: 'My printer prints blank pages', chat: "lol how's the weather over there", friendly: 'always glad to chat' },
    { language: 'zh-Hans' as const, report: '打印机一直卡纸', chat: '哈哈 今天天气真好', friendly: '很高兴和您聊天' },
  ])('answers $language small talk during a report briefly and asks the open question again', async ({ language, report, chat, friendly }) => {
    const phone = aPhone();
    await play(h, phone, [
      { send: report, expect: [NAME[language]] },
      { send: chat, expect: [friendly, NAME[language]] },
    ]);
  });
});
