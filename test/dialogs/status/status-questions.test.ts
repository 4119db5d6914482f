import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelKind } from '../../../src/messages/channel-kind.js';
import { openTicket } from '../../../src/tickets/ticket-service.js';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialog-harness.js';

/** Ways customers ask about their repair without the words "status" or 維修進度 (QA5, defect 6). */
const questions = [
  { language: 'zh-Hans', send: '我们厂那台冷水机报修了，现在什么情况？工程师几点能到？', answer: '当前状态' },
  { language: 'zh-Hant', send: '請問一下，師傅大概幾點會打給我？', answer: '目前狀態' },
  { language: 'zh-Hant', send: '我的單子現在怎樣了？', answer: '目前狀態' },
  { language: 'zh-Hant', send: '我報修的進度', answer: '目前狀態' },
  { language: 'en', send: "hi again, what's happening with my repair? has anyone been assigned?", answer: ' is received' },
  { language: 'en', send: 'when is the technician coming', answer: ' is received' },
  { language: 'en', send: 'any update on my ticket?', answer: ' is received' },
];

const channels: ChannelKind[] = ['chat', 'sms'];

describe.each(databaseKinds)('status questions in everyday words on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  /** A conversation that already opened a ticket, as after a finished intake. */
  async function conversationWithTicket(channel: ChannelKind) {
    const from = channel === 'chat' ? `web-${aPhone()}` : aPhone();
    await h.say(from, 'hello', { channel });
    const conversation = await h.db.prisma.conversation.findUniqueOrThrow({ where: { channel_threadKey: { channel, threadKey: from } } });
    const ticket = await openTicket(
      h.db.prisma,
      { customerId: conversation.customerId!, conversationId: conversation.id, category: 'fault', channel, problem: 'Air conditioner not cooling', ...(channel === 'sms' ? { contactPhone: from } : {}) },
      { now: h.clock(), actor: 'test' },
    );
    return { from, ticket, customerId: conversation.customerId! };
  }

  describe.each(channels)('on %s', (channel) => {
    it.each(questions)('answers "$send" with the status of the ticket this conversation opened ($language)', async ({ send, answer }) => {
      const { from, ticket, customerId } = await conversationWithTicket(channel);
      const reply = await h.say(from, send, { channel });
      expect(reply).toContain(ticket.number);
      expect(reply).toContain(answer);
      expect(await h.db.prisma.ticket.count({ where: { customerId } })).toBe(1);
    });
  });

  it.each([
    { language: 'zh-Hant', send: '冷氣壞了完全不會冷，師傅什麼時候可以來？', next: '貴姓大名' },
    { language: 'en', send: 'My dryer stopped heating, when can the technician come?', next: 'your name' },
  ])('takes a first fault report that asks when the engineer comes as that report ($language)', async ({ send, next }) => {
    expect(await h.say(`web-${aPhone()}`, send, { channel: 'chat' })).toContain(next);
  });

  it('reads a spaced, shortened ticket number ("sr 2026 6") as that ticket', async () => {
    const { from, ticket } = await conversationWithTicket('sms');
    const short = ticket.number.replace(/^SR-(\d{4})-0*(\d+)$/, 'sr $1 $2');
    const reply = await h.say(from, `hey any update on my ticket? ${short}. is the tech still coming tmr 2-4?`);
    expect(reply).toContain(`Ticket ${ticket.number} is received`);
  });

  it('answers with the ticket of this conversation when the customer has an older open one too', async () => {
    const { from, ticket, customerId } = await conversationWithTicket('sms');
    await openTicket(h.db.prisma, { customerId, category: 'fault', channel: 'sms', problem: 'Dryer noisy' }, { now: new Date(h.clock().getTime() + 60_000), actor: 'test' });
    expect(await h.say(from, '我的單子現在怎樣了？')).toContain(`工單 ${ticket.number} 目前狀態`);
  });
});

describe.each(databaseKinds)('status questions while the conversation waits for a person on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each([
    { language: 'en', send: 'hey any update on my ticket? is the tech still coming tmr 2-4?', shown: (n: string) => `Ticket ${n} is`, waiting: 'still in line' },
    { language: 'zh-Hant', send: '我的單子現在怎樣了？', shown: (n: string) => `工單 ${n} 目前狀態`, waiting: '仍在等候' },
  ])('answers "$send" with the ticket status, and the person still comes ($language)', async ({ send, shown, waiting }) => {
    const phone = aPhone();
    await h.say(phone, 'my dryer is smoking and smells like burning plastic!!');
    const ticket = await h.db.prisma.ticket.findFirstOrThrow({ where: { contactPhone: phone } });
    const reply = await h.say(phone, send);
    expect(reply).toContain(shown(ticket.number));
    expect(reply).toContain(waiting);
    expect(reply).not.toContain('firmware');
  });
});
