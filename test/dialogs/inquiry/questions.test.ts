import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseKnowledgeBase } from '../../../dialogs/inquiry/knowledge-base.js';
import { answerLimit, onlyAsks, topicsAsked } from '../../../dialogs/inquiry/questions.js';

const kb = parseKnowledgeBase(readFileSync(new URL('../../../config/knowledge-base.yaml', import.meta.url), 'utf8'));
const ids = (topics: { id: string }[]) => topics.map((t) => t.id);

describe('questions inside a message', () => {
  it.each([
    { send: 'do you sell filters? and where can I download the manual for my model?', topics: ['parts_and_consumables', 'manuals_and_updates'] },
    { send: 'where do i find the manual and how much is a door seal?', topics: ['manuals_and_updates', 'parts_and_consumables'] },
    { send: '保修期多久？配件在哪里买？', topics: ['warranty', 'parts_and_consumables'] },
    { send: '你們禮拜天有開嗎？服務中心地址是？', topics: ['opening_hours', 'service_centre'] },
  ])('finds every question of "$send", in the order asked', ({ send, topics }) => {
    expect(ids(topicsAsked(send, kb, { questionsOnly: true }))).toEqual(topics);
  });

  it.each([
    'My fridge is not cooling. Model RF-450. Address: 3F, 45 Heping W Rd Sec 2, Taipei',
    '洗碗機不會排水 型號DW-45 我是李大華 地址台南市東區大學路1號',
    'printer jams, my address is 8 Songgao Rd',
  ])('does not read an address in a report as a question about ours: "%s"', (send) => {
    expect(topicsAsked(send, kb, { questionsOnly: true })).toEqual([]);
  });

  it.each([
    { send: 'wait whats the warranty period?', topic: 'warranty' },
    { send: '等一下，你们周末上班吗？', topic: 'opening_hours' },
    { send: '順便問一下 你們服務中心在哪裡', topic: 'service_centre' },
    { send: 'oh btw how much is the call-out fee', topic: 'service_fees' },
    { send: 'hold on, how much is the call-out fee?', topic: 'service_fees' },
  ])('takes "$send" as only a question', ({ send, topic }) => {
    expect(ids(onlyAsks(send, kb))).toEqual([topic]);
  });

  it.each(['Jason Wu, where do I bring it in?', '2024年5月買的，還在保固內嗎？', 'the drum is leaking, is that covered by warranty?', 'Amy'])(
    'does not take "%s" as only a question: it also answers or reports something',
    (send) => {
      expect(onlyAsks(send, kb)).toEqual([]);
    },
  );

  it('answers fewer questions on SMS and voice than in a chat', () => {
    expect(answerLimit('sms')).toBeLessThan(answerLimit('chat'));
    expect(answerLimit('voice')).toBe(answerLimit('sms'));
  });
});
