import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTicket } from '../../../src/tickets/ticket-service.js';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialog-harness.js';
import { play } from '../transcript.js';

/** Questions about the ticket a conversation just opened (QA5 c27): a note on it for staff, never a new intake. */
const followUps = [
  { language: 'zh-Hant', send: '請問兩台是開在同一張單嗎？師傅會一起看吧？', noted: '已將您的問題記在工單', never: '貴姓大名' },
  { language: 'zh-Hans', send: '这两台空调能开在同一张单里吗？', noted: '已将您的问题记在工单', never: '贵姓' },
  { language: 'en', send: 'can you add my second unit to that ticket?', noted: 'added your question to ticket', never: 'your name' },
];

/** Stopping a form half-way (QA5 c27): a polite stop, no ticket, never a skipped answer or a "bad phone number". */
const stops = [
  { language: 'zh-Hant', report: '洗衣機脫水的時候整台一直跳，聲音很大', send: '算了 不用了', stopped: '已停止報修' },
  { language: 'zh-Hant', report: '洗衣機脫水的時候整台一直跳，聲音很大', send: '不用了，謝謝', stopped: '已停止報修' },
  { language: 'zh-Hans', report: '洗衣机脱水的时候整台一直跳，声音很大', send: '算了，不用了', stopped: '已停止报修' },
  { language: 'en', report: 'My washing machine shakes hard when spinning', send: 'forget it', stopped: 'I have stopped there' },
];

describe.each(databaseKinds)('after a ticket is opened, and stopping a form, on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each(followUps)('notes "$send" on the ticket for staff instead of opening another ($language)', async ({ send, noted, never }) => {
    const chat = `web-${aPhone()}`;
    await h.say(chat, 'hello', { channel: 'chat' });
    const conversation = await h.db.prisma.conversation.findUniqueOrThrow({ where: { channel_threadKey: { channel: 'chat', threadKey: chat } } });
    const ticket = await openTicket(h.db.prisma, { customerId: conversation.customerId!, conversationId: conversation.id, category: 'fault', channel: 'chat', problem: '冷氣不冷' }, { now: h.clock(), actor: 'test' });
    const reply = await h.say(chat, send, { channel: 'chat' });
    expect(reply).toContain(noted);
    expect(reply).toContain(ticket.number);
    expect(reply).not.toContain(never);
    expect(await h.db.prisma.ticket.count({ where: { customerId: conversation.customerId! } })).toBe(1);
    expect(await h.db.prisma.ticketEvent.findFirst({ where: { ticketId: ticket.id, kind: 'note', reason: { contains: send } } })).not.toBeNull();
  });

  it.each(stops)('stops the form politely on "$send" ($language)', async ({ report, send, stopped }) => {
    const chat = `web-${aPhone()}`;
    await h.say(chat, report, { channel: 'chat' });
    const reply = await play(h, chat, [{ send, expect: [stopped] }], { channel: 'chat' });
    expect(reply).not.toMatch(/電話|电话|phone number/);
    const conversation = await h.db.prisma.conversation.findUniqueOrThrow({ where: { channel_threadKey: { channel: 'chat', threadKey: chat } } });
    expect(await h.db.prisma.ticket.count({ where: { customerId: conversation.customerId! } })).toBe(0);
  });
});
