import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyCustomer } from '../../../src/customers/customer-service.js';
import { openTicket } from '../../../src/tickets/ticket-service.js';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialog-harness.js';

/**
 * A ticket's status goes only to its contact: in a chat that did not open it (or from another phone) the
 * number alone is not enough; the phone or e-mail on the ticket (or the phone's last 4 digits) is the second
 * factor, and without it the status is sent to the contact on the ticket (QA5, defect 13).
 */
const ask = {
  'zh-Hant': { status: (n: string) => `請問 ${n} 現在處理到哪裡了？師傅什麼時候會來？`, privacy: '隱私', shown: '目前狀態', sent: '已傳送到工單上的' },
  'zh-Hans': { status: (n: string) => `请问工单 ${n} 现在处理到哪里了？`, privacy: '隐私', shown: '当前状态', sent: '已发送到工单上的' },
  en: { status: (n: string) => `What is the status of ${n}?`, privacy: 'privacy', shown: ' is received', sent: 'sent its status to the phone number or e-mail on the ticket' },
} as const;
const languages = Object.keys(ask) as (keyof typeof ask)[];

describe.each(databaseKinds)('status of a ticket asked by number on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  async function someonesTicket() {
    const phone = aPhone();
    const { customer } = await identifyCustomer(h.db.prisma, { kind: 'phone', address: phone });
    const ticket = await openTicket(h.db.prisma, { customerId: customer.id, category: 'fault', channel: 'sms', problem: 'Air conditioner not cooling', contactPhone: phone }, { now: h.clock(), actor: 'test' });
    return { phone, ticket, local: `0${phone.slice(4)}` };
  }

  it.each(languages)('asks a new chat visitor for the phone or e-mail on the ticket instead of saying it cannot be found (%s)', async (language) => {
    const { ticket } = await someonesTicket();
    const reply = await h.say(`web-${aPhone()}`, ask[language].status(ticket.number), { channel: 'chat' });
    expect(reply).toContain(ask[language].privacy);
    expect(reply).not.toContain(ask[language].shown);
    expect(reply).not.toMatch(/找不到|could not find/);
  });

  it.each(languages)('shows the status once the visitor gives the phone number on the ticket (%s)', async (language) => {
    const { ticket, local } = await someonesTicket();
    const chat = `web-${aPhone()}`;
    await h.say(chat, ask[language].status(ticket.number), { channel: 'chat' });
    const reply = await h.say(chat, local, { channel: 'chat' });
    expect(reply).toContain(ticket.number);
    expect(reply).toContain(ask[language].shown);
  });

  it('accepts the last four digits of the phone on the ticket', async () => {
    const { ticket, phone } = await someonesTicket();
    const chat = `web-${aPhone()}`;
    await h.say(chat, ask['zh-Hant'].status(ticket.number), { channel: 'chat' });
    expect(await h.say(chat, `末四碼 ${phone.slice(-4)}`, { channel: 'chat' })).toContain('目前狀態');
  });

  it.each(languages)('sends the status to the contact on the ticket, not to the visitor, when the phone does not match (%s)', async (language) => {
    const { ticket, phone } = await someonesTicket();
    const chat = `web-${aPhone()}`;
    await h.say(chat, ask[language].status(ticket.number), { channel: 'chat' });
    const reply = await h.say(chat, '0911 000 111', { channel: 'chat' });
    expect(reply).toContain(ask[language].sent);
    expect(reply).not.toContain(ask[language].shown);
    const sent = await h.db.prisma.outboundMessage.findFirstOrThrow({ where: { ticketId: ticket.id, to: phone } });
    expect(sent.channel).toBe('sms');
    expect(sent.text).toContain(ticket.number);
  });

  it('does not show a ticket to a visitor who first typed its phone number, without asking', async () => {
    const { ticket, local } = await someonesTicket();
    const chat = `web-${aPhone()}`;
    await h.say(chat, `我的電話是 ${local}`, { channel: 'chat' });
    const reply = await h.say(chat, `${ticket.number} 進度如何`, { channel: 'chat' });
    expect(reply).toContain('隱私');
    expect(reply).not.toContain('目前狀態');
  });

  it('shows the status at once when the phone on the ticket comes with the number', async () => {
    const { ticket, local } = await someonesTicket();
    const reply = await h.say(`web-${aPhone()}`, `${ticket.number} 進度如何？我是報修人，電話 ${local}`, { channel: 'chat' });
    expect(reply).toContain('目前狀態');
  });

  it('asks a phone that is not the ticket\'s for the second factor too', async () => {
    const { ticket } = await someonesTicket();
    const reply = await h.say(aPhone(), ask.en.status(ticket.number));
    expect(reply).toContain('privacy');
    expect(reply).not.toContain(' is received');
  });

  it('says the same for a number that is no ticket of ours, and sends nothing', async () => {
    const chat = `web-${aPhone()}`;
    await h.say(chat, ask.en.status('SR-2026-999999'), { channel: 'chat' });
    const reply = await h.say(chat, 'skip', { channel: 'chat' });
    expect(reply).toContain('if SR-2026-999999 is one of our tickets');
    expect(await h.db.prisma.outboundMessage.count({ where: { text: { contains: 'SR-2026-999999' } } })).toBe(0);
  });
});
