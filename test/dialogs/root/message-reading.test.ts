import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseKnowledgeBase } from '../../../dialogs/inquiry/knowledge-base.js';
import { reportsFault } from '../../../dialogs/root/reported-fault.js';
import { smallTalkOf } from '../../../dialogs/root/small-talk.js';
import { menuChoiceOf } from '../../../dialogs/shared/common-texts.js';
import { givenUp } from '../../../dialogs/shared/interruptible-dialog.js';
import { understand } from '../../../src/understanding/understand.js';

const kb = parseKnowledgeBase(readFileSync(new URL('../../../config/knowledge-base.yaml', import.meta.url), 'utf8'));
const reports = (text: string) => reportsFault(text, understand(text, { channel: 'sms' }), kb, 'sms');

describe('reading what a message does', () => {
  it.each([
    "My fridge is not cooling. Model RF-450. I'm Jason Wu, phone 0912 345 678. Address: 3F, 45 Heping W Rd Sec 2, Taipei",
    '洗碗機不會排水 型號DW-45 我是李大華 電話0933222111 地址台南市東區大學路1號',
    '冰箱不制冷了，上门维修费多少钱？',
    'my fridge stopped cooling yesterday. how much will a repair visit cost btw?',
    'Hi, AC not cooling, model RAS-50JX',
    '烤箱完全不會加熱了，請問保固多久？',
  ])('hears a fault report in "%s"', (text) => {
    expect(reports(text)).toBe(true);
  });

  it.each(['How long is the warranty on your products?', '你们的服务中心在哪里？', '保修期多久？配件在哪里买？', 'thanks a lot', "how's the weather over there lol"])(
    'hears no fault report in "%s"',
    (text) => {
      expect(reports(text)).toBe(false);
    },
  );

  it.each([
    { text: 'actually never mind, i found the batteries were dead. thanks', how: 'solved' },
    { text: '不用了 謝謝 我自己處理好了', how: 'solved' },
    { text: '算了不修了', how: 'stopped' },
    { text: 'no need for a technician any more', how: 'stopped' },
    { text: '唔使修喇，已經好了', how: 'solved' },
    { text: '没事了，原来是插头没插好', how: 'solved' },
  ])('hears "$text" as giving up the request ($how)', ({ text, how }) => {
    expect(givenUp(text)).toBe(how);
  });

  it.each(['不用了', 'no need', "it's ok", 'it works now but it still smells of burning', 'never mind the model, is the repair free?', '修好了沒？'])(
    'does not hear "%s" as giving up the whole request',
    (text) => {
      expect(givenUp(text)).toBeUndefined();
    },
  );

  it.each([
    { text: "how's the weather over there lol", kind: 'banter' },
    { text: '哈囉 今天天氣好好喔', kind: 'banter' },
    { text: 'r u a robot', kind: 'banter' },
    { text: 'ur bot sux', kind: 'rude' },
    { text: '這個機器人好笨喔', kind: 'rude' },
    { text: 'this bot is useless', kind: 'rude' },
  ])('hears "$text" as $kind without service in it', ({ text, kind }) => {
    expect(smallTalkOf(text, understand(text, { channel: 'chat' }))).toBe(kind);
  });

  it('leaves a rude complaint about the service to the complaint dialog', () => {
    const text = 'your technician was rude and useless';
    expect(smallTalkOf(text, understand(text, { channel: 'chat' }))).toBeUndefined();
  });

  it('takes no model number or long description for small talk', () => {
    const text = 'lol my RAS-50JX is useless';
    expect(smallTalkOf(text, understand(text, { channel: 'chat' }))).toBeUndefined();
  });

  it.each([
    { text: '1', choice: 'fault' },
    { text: '4', choice: 'status' },
    { text: '5', choice: 'agent' },
    { text: '0', choice: 'agent' },
    { text: '5. Speak to a person', choice: 'agent' },
    { text: 'Speak to a person', choice: 'agent' },
    { text: '轉接專人', choice: 'agent' },
    { text: '转接人工', choice: 'agent' },
    { text: '6', choice: undefined },
  ])('picks the menu entry shown as number or label: "$text"', ({ text, choice }) => {
    expect(menuChoiceOf(text)).toBe(choice);
  });
});
