import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseKnowledgeBase } from '../../../dialogs/inquiry/knowledge-base.js';

const kb = parseKnowledgeBase(readFileSync(new URL('../../../config/knowledge-base.yaml', import.meta.url), 'utf8'));

/** Questions as customers write them, none of them copied into the knowledge base file: each must find its topic. */
const questions: Record<string, string[]> = {
  service_centre: [
    'Where is your service center? I want to drop my printer off.',
    'Can I walk in with my laptop, what is the address?',
    '請問你們的維修中心在哪裡？',
    '我想自己把機器送過去，地址是？',
    '你们的服务中心在哪里？',
    '你哋service centre喺邊度呀？',
  ],
  opening_hours: [
    'Are you open on Sundays?',
    'What are your working hours this week?',
    '禮拜天有上班嗎？',
    '你们周末开门吗？',
    '今日有冇開呀？',
  ],
  service_fees: [
    'How much do you charge to fix a broken screen?',
    'Is there a fee for the inspection?',
    '修一台要多少錢？',
    '检测要收费吗？',
    '整部機要幾多錢？',
  ],
  on_site_service: [
    'Can you send someone to our office to look at the copier?',
    '可以派工程師到我家嗎？',
    '能不能上门看看？',
  ],
  warranty: [
    'Is my fridge still covered? I bought it 8 months ago.',
    'How do I make a warranty claim?',
    '我的機器還在保固內嗎？',
    '过保了还能修吗？',
  ],
  parts_and_consumables: [
    'Where can I buy a new toner cartridge for my printer?',
    'Do you sell replacement filters?',
    '請問有賣原廠墨水匣嗎？',
    '硒鼓在哪里买？',
    '碳粉有冇得賣？',
  ],
  manuals_and_updates: [
    'Where can I download the user manual?',
    'Is there a firmware update for the M404?',
    '說明書不見了，可以給我一份嗎？',
    '驱动程序在哪里下载？',
    '部機點樣升級韌體？',
  ],
  status_how_to: [
    'How can I track my repair?',
    '我要怎麼查維修進度？',
    '怎么查我的工单？',
    '部機整好未呀？',
  ],
};

describe('knowledge base matching', () => {
  it.each(Object.entries(questions).flatMap(([topic, qs]) => qs.map((q) => ({ topic, q }))))('finds $topic for "$q"', ({ topic, q }) => {
    expect(kb.match(q)?.id).toBe(topic);
  });

  it('matches a keyword in either Chinese script and an English plural', () => {
    expect(kb.match('驅動程式')?.id).toBe('manuals_and_updates');
    expect(kb.match('驱动程序')?.id).toBe('manuals_and_updates');
    expect(kb.match('manuals?')?.id).toBe('manuals_and_updates');
  });

  it.each([
    'How much is a replacement filter?',
    'what does a new toner cartridge cost',
    '濾網多少錢？',
    '滤芯多少钱一个？',
    '买配件要多少钱？',
  ])('takes the price of a part, "%s", as a parts question, not one about repair fees', (q) => {
    expect(kb.match(q)?.id).toBe('parts_and_consumables');
  });

  it.each(['我去年購買的，維修要多少錢？', 'How much do you charge to repair a printer I bought from you?'])('keeps a repair price asked by someone who bought from us, "%s", a fee question', (q) => {
    expect(kb.match(q)?.id).toBe('service_fees');
  });

  it.each(['你们星期天上班吗？', '周六营业吗？', '礼拜六开不开门？'])('finds the opening hours in the Simplified Chinese day names of "%s"', (q) => {
    expect(kb.match(q)?.id).toBe('opening_hours');
  });

  it('finds nothing in a message about something else', () => {
    expect(kb.match('I would like to speak about my contract renewal')).toBeUndefined();
  });

  it('answers every topic in all three languages', () => {
    for (const topic of kb.topics) for (const language of ['en', 'zh-Hant', 'zh-Hans'] as const) expect(kb.answer(topic, language).length).toBeGreaterThan(20);
  });
});
