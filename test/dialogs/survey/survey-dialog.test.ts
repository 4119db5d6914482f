import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProactiveDialog } from '../../../src/bot/proactive.js';
import { identifyCustomer } from '../../../src/customers/customer-service.js';
import type { Language } from '../../../src/messages/channel-kind.js';
import { openTicket } from '../../../src/tickets/ticket-service.js';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialog-harness.js';
import { play } from '../transcript.js';

describe.each(databaseKinds)('survey dialog on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  /** A resolved ticket with a survey sent for it, and the survey's first turn started proactively (SMS, or a web-chat session). */
  async function surveyStarted(language: Language, channel: 'sms' | 'chat' = 'sms') {
    const phone = channel === 'sms' ? aPhone() : `web-${aPhone()}`;
    const { customer } = await identifyCustomer(h.db.prisma, { kind: channel === 'sms' ? 'phone' : 'chat', address: phone, language });
    const ticket = await openTicket(h.db.prisma, { customerId: customer.id, category: 'fault', channel, problem: 'jam' }, { now: h.clock(), actor: 'test' });
    await h.db.prisma.ticket.update({ where: { id: ticket.id }, data: { status: 'resolved', resolvedAt: h.clock() } });
    const survey = await h.db.prisma.survey.create({ data: { ticketId: ticket.id, customerId: customer.id, channel, scheduledFor: h.clock(), status: 'sent' } });
    const replies = await startProactiveDialog(h.deps, {
      channel,
      to: phone,
      conversationKey: phone,
      customerId: customer.id,
      dialog: 'survey',
      options: { surveyId: survey.id, ticketNumber: ticket.number },
    });
    return { phone, ticket, survey, replies };
  }

  it.each([
    { language: 'en' as const, intro: 'six short questions', first: 'service attitude', suggestion: 'Quick and friendly, thanks', thanks: 'Thank you very much' },
    { language: 'zh-Hant' as const, intro: '六個簡短的問題', first: '服務態度', suggestion: '服務很好，謝謝', thanks: '再見' },
    { language: 'zh-Hans' as const, intro: '六个简短的问题', first: '服务态度', suggestion: '服务很好，谢谢', thanks: '再见' },
  ])('asks the five scores and a suggestion in $language and keeps every answer', async ({ language, intro, first, suggestion, thanks }) => {
    const { phone, survey, ticket, replies } = await surveyStarted(language);
    expect(replies.map((r) => r.text).join('\n')).toContain(intro);
    expect(replies.at(-1)).toMatchObject({ channel: 'sms', to: phone, purpose: 'survey', text: expect.stringContaining(first), meta: { expectInput: true } });
    await play(h, phone, [
      { send: '5', expect: [] },
      { send: '4', expect: [] },
      { send: '5分', expect: [] },
      { send: '3', expect: [] },
      { send: '5', expect: [] },
      { send: suggestion, expect: [thanks] },
    ]);
    expect(await h.db.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } })).toMatchObject({
      attitude: 5, skill: 4, punctuality: 5, itemsCompleted: 3, overall: 5, suggestion, status: 'completed', dissatisfied: false,
    });
    expect((await h.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('resolved');
  });

  it('re-asks a score that is not 1 to 5, and keeps partial answers', async () => {
    const { phone, survey } = await surveyStarted('en');
    await play(h, phone, [
      { send: '9', expect: ['number from 1 to 5'] },
      { send: '4', expect: ['technical skill'] },
    ]);
    expect(await h.db.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } })).toMatchObject({ attitude: 4, skill: null, status: 'partial' });
  });

  it('reopens the ticket and apologises when the customer is dissatisfied', async () => {
    const { phone, ticket } = await surveyStarted('zh-Hant');
    await play(h, phone, [
      { send: '2', expect: [] },
      { send: '2', expect: [] },
      { send: '1', expect: [] },
      { send: '2', expect: [] },
      { send: '1', expect: [] },
      { send: '略過', expect: ['很抱歉這次服務未能讓您滿意', '再見'] },
    ]);
    expect((await h.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('reopened');
  });

  it('asks one thing about completeness: a score, not a yes/no question followed by a demand for a score', async () => {
    const { phone } = await surveyStarted('zh-Hant');
    const asked = await play(h, phone, [
      { send: '5', expect: ['技術水準'] },
      { send: '5', expect: ['準時'] },
      { send: '5', expect: ['完成程度滿意嗎'] },
    ]);
    expect(asked).not.toContain('是否都已完成');
  });

  it.each([
    { language: 'en' as const, mood: 'satisfied', scores: ['5', '5', '5', '5', '5'], skip: 'skip', ending: ['Thank you', 'Goodbye.'] },
    { language: 'en' as const, mood: 'unhappy', scores: ['1', '2', '1', '2', '1'], skip: 'skip', ending: ['sorry', 'Thank you', 'Goodbye.'] },
    { language: 'zh-Hant' as const, mood: 'satisfied', scores: ['5', '5', '5', '5', '5'], skip: '略過', ending: ['感謝', '再見。'] },
    { language: 'zh-Hant' as const, mood: 'unhappy', scores: ['1', '2', '1', '2', '1'], skip: '略過', ending: ['很抱歉', '感謝', '再見。'] },
    { language: 'zh-Hans' as const, mood: 'satisfied', scores: ['5', '5', '5', '5', '5'], skip: '跳过', ending: ['感谢', '再见。'] },
    { language: 'zh-Hans' as const, mood: 'unhappy', scores: ['1', '2', '1', '2', '1'], skip: '跳过', ending: ['很抱歉', '感谢', '再见。'] },
  ])('thanks the $mood customer and says goodbye in $language', async ({ language, scores, skip, ending }) => {
    const { phone } = await surveyStarted(language);
    await play(h, phone, [...scores.map((send) => ({ send, expect: [] })), { send: skip, expect: ending }]);
  });

  it('says goodbye after a low completeness score, too, and reopens the ticket', async () => {
    const { phone, ticket } = await surveyStarted('en');
    await play(h, phone, [
      { send: '4', expect: [] },
      { send: '4', expect: [] },
      { send: '4', expect: [] },
      { send: '2', expect: [] },
      { send: '4', expect: [] },
      { send: 'skip', expect: ['sorry', 'Goodbye'] },
    ]);
    expect((await h.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('reopened');
  });

  it.each([
    { channel: 'chat' as const, language: 'en' as const, quit: 'cancel', goodbye: ['Thank you', 'Goodbye.'] },
    { channel: 'chat' as const, language: 'en' as const, quit: 'stop', goodbye: ['Thank you', 'Goodbye.'] },
    { channel: 'chat' as const, language: 'zh-Hant' as const, quit: '不要了', goodbye: ['感謝', '再見。'] },
    { channel: 'sms' as const, language: 'zh-Hant' as const, quit: '算了', goodbye: ['感謝', '再見。'] },
    { channel: 'sms' as const, language: 'zh-Hans' as const, quit: '不要了', goodbye: ['感谢', '再见。'] },
    { channel: 'sms' as const, language: 'zh-Hans' as const, quit: '取消', goodbye: ['感谢', '再见。'] },
  ])('thanks the customer who quits with $quit on $channel and says goodbye in $language, keeping the scores given', async ({ channel, language, quit, goodbye }) => {
    const { phone, survey } = await surveyStarted(language, channel);
    const said = await play(h, phone, [{ send: '4', expect: [] }, { send: '5', expect: [] }, { send: quit, expect: goodbye }], { channel });
    expect(said).not.toMatch(/[?？]/);
    expect(await h.db.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } })).toMatchObject({ attitude: 4, skill: 5, punctuality: null, status: 'partial' });
  });

  it('asks nothing more after a quit: the next message is not taken as a score', async () => {
    const { phone, survey } = await surveyStarted('en', 'chat');
    await play(h, phone, [{ send: '3', expect: [] }, { send: 'stop', expect: ['Goodbye'] }], { channel: 'chat' });
    await h.say(phone, '5', { channel: 'chat' });
    expect(await h.db.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } })).toMatchObject({ attitude: 3, skill: null });
  });

  it('apologises, thanks and says goodbye to a customer who quits after a low score, and the ticket is reopened', async () => {
    const { phone, ticket } = await surveyStarted('zh-Hant', 'chat');
    await play(h, phone, [{ send: '1', expect: [] }, { send: '算了', expect: ['很抱歉', '感謝', '再見。'] }], { channel: 'chat' });
    expect((await h.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('reopened');
  });

  it('completes the survey when the customer quits at the suggestion, the last question', async () => {
    const { phone, survey } = await surveyStarted('en', 'chat');
    await play(h, phone, [...['5', '5', '4', '5', '5'].map((send) => ({ send, expect: [] })), { send: 'cancel', expect: ['Thank you very much', 'Goodbye.'] }], { channel: 'chat' });
    expect(await h.db.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } })).toMatchObject({ overall: 5, suggestion: null, status: 'completed' });
  });

  it('on SMS, MENU in the middle of a survey still opens the menu', async () => {
    const { phone } = await surveyStarted('en');
    expect(await h.say(phone, 'menu')).toContain('How else may I help you?');
  });

  it.each([
    { language: 'en' as const, report: 'My washing machine is leaking water again, please send a technician', wanted: ['stop the survey here', /ticket number is SR-/] },
    { language: 'zh-Hant' as const, report: '洗衣機又開始漏水了，請派師傅來看看', wanted: ['問卷就到這裡', '建立維修工單'] },
  ])('takes up a new fault report sent instead of a score in $language as a report, keeping the scores given', async ({ language, report, wanted }) => {
    const { phone, survey } = await surveyStarted(language);
    const reply = await play(h, phone, [{ send: '4', expect: [] }, { send: report, expect: wanted }]);
    expect(reply).not.toMatch(/number from 1 to 5|1 到 5/);
    expect(await h.db.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } })).toMatchObject({ attitude: 4, skill: null });
  });

  it('lets a survey left unanswered for over a week go: a greeting then gets the greeting and the menu, not "answer 1 to 5"', async () => {
    const { phone, survey } = await surveyStarted('en');
    await play(h, phone, [{ send: '4', expect: ['technical skill'] }]);
    const sent = h.clock();
    try {
      h.clock.advance(8 * 24 * 60 * 60 * 1000);
      const reply = await h.say(phone, 'hi');
      expect(reply).toContain('How may I help you?');
      expect(reply).not.toContain('1 to 5');
    } finally {
      h.clock.set(sent);
    }
    expect(await h.db.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } })).toMatchObject({ attitude: 4, skill: null });
  });

  it('still reads an answer six days after the survey was sent', async () => {
    const { phone, survey } = await surveyStarted('en');
    const sent = h.clock();
    try {
      h.clock.advance(6 * 24 * 60 * 60 * 1000);
      await play(h, phone, [{ send: '5', expect: ['technical skill'] }]);
    } finally {
      h.clock.set(sent);
    }
    expect(await h.db.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } })).toMatchObject({ attitude: 5 });
  });
});
