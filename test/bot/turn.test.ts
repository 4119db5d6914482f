import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTurn } from '../../src/bot/turn.js';
import { findOrOpenConversation } from '../../src/conversations/conversation-service.js';
import { recordInbound } from '../../src/conversations/message-service.js';
import { identifyCustomer } from '../../src/customers/customer-service.js';
import { requestHandoff } from '../../src/handoff/handoff-service.js';
import { InboundMessage } from '../../src/messages/inbound-message.js';
import { databaseKinds } from '../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialogs/dialog-harness.js';
import { play, TICKET } from '../dialogs/transcript.js';

describe.each(databaseKinds)('turn pipeline on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('gives a redelivered message the same replies without running the bot again', async () => {
    const phone = aPhone();
    const first = await h.send(phone, 'What are your opening hours?', { externalId: 'SM-dup-1' });
    const again = await h.send(phone, 'What are your opening hours?', { externalId: 'SM-dup-1' });
    expect(first.duplicate).toBe(false);
    expect(again.duplicate).toBe(true);
    expect(again.replies.map((r) => r.text)).toEqual(first.replies.map((r) => r.text));
    const inbound = await h.db.prisma.message.findUniqueOrThrow({ where: { channel_externalId: { channel: 'sms', externalId: 'SM-dup-1' } } });
    expect(await h.db.prisma.message.count({ where: { inReplyToId: inbound.id } })).toBe(first.replies.length);
  });

  it('processes a message that was stored but never processed (a crash mid-turn)', async () => {
    const phone = aPhone();
    const { customer } = await identifyCustomer(h.db.prisma, { kind: 'phone', address: phone });
    const conversation = await findOrOpenConversation(h.db.prisma, { channel: 'sms', threadKey: phone, customerId: customer.id });
    const message = InboundMessage.parse({ channel: 'sms', externalId: 'SM-crashed', from: phone, conversationKey: phone, text: 'What are your opening hours?', receivedAt: h.clock() });
    await recordInbound(h.db.prisma, { message, conversationId: conversation.id, customerId: customer.id });

    const result = await h.send(phone, message.text, { externalId: 'SM-crashed' });
    expect(result.replies[0]?.text).toContain('Monday to Saturday');
    const stored = await h.db.prisma.message.findUniqueOrThrow({ where: { channel_externalId: { channel: 'sms', externalId: 'SM-crashed' } } });
    expect(stored.processedAt).not.toBeNull();
    expect(stored.understanding).toMatchObject({ category: 'inquiry' });
  });

  it('only acknowledges while the conversation waits for staff, and tells staff a message arrived', async () => {
    const phone = aPhone();
    await h.send(phone, 'hello');
    const conversation = await h.db.prisma.conversation.findUniqueOrThrow({ where: { channel_threadKey: { channel: 'sms', threadKey: phone } } });
    await requestHandoff(h.db.prisma, { conversationId: conversation.id, reason: 'customer_request' }, { now: h.clock() });

    const result = await h.send(phone, 'Are you there? My printer is still broken');
    expect(result.replies.map((r) => r.text)).toEqual([expect.stringContaining('A colleague will reply here shortly')]);
    expect(h.emitted).toContainEqual({ name: 'customer.message_received', payload: expect.objectContaining({ conversationId: conversation.id }) });
    const inbound = await h.db.prisma.message.findFirstOrThrow({ where: { conversationId: conversation.id, text: 'Are you there? My printer is still broken' } });
    expect(inbound.processedAt).not.toBeNull();
  });

  it('continues a dialog after a restart: a new pipeline over the same database picks up the open question', async () => {
    const phone = aPhone();
    expect(await h.say(phone, 'My Canon G3010 printer is broken and shows an error light')).toContain('May I have your name');
    const conversation = await h.db.prisma.conversation.findUniqueOrThrow({ where: { channel_threadKey: { channel: 'sms', threadKey: phone } } });
    expect(await h.db.prisma.botState.findUnique({ where: { key: `sms/conversations/${conversation.id}/` } })).not.toBeNull();
    const restarted = createTurn({ ...h.deps });
    const message = (text: string) => ({ channel: 'sms' as const, externalId: randomUUID(), from: phone, conversationKey: phone, text, attachments: [], receivedAt: h.clock(), meta: {} });
    const reply = await restarted(message('Rita'));
    expect(reply.replies.map((r) => r.text).join(' ')).toContain('company or project');
  });

  it('runs two messages of one conversation one after the other', async () => {
    const phone = aPhone();
    await h.say(phone, 'My Canon G3010 printer is broken and shows an error light');
    const [a, b] = await Promise.all([h.send(phone, 'Rex'), h.send(phone, 'skip')]);
    expect(a.replies.map((r) => r.text).join(' ')).toContain('company or project');
    expect(b.replies.map((r) => r.text).join(' ')).toContain('serial number');
  });

  it('recognises an SMS customer writing by e-mail about the same ticket', async () => {
    const phone = aPhone();
    const last = await play(h, phone, [
      { send: 'My Canon G3010 printer is broken and shows an error light. My e-mail is lin.sms@example.com', expect: ['name'] },
      { send: 'Lin', expect: [] },
      { send: 'skip', expect: [] },
      { send: 'skip', expect: [] },
      { send: 'skip', expect: [] },
      { send: 'skip', expect: ['correct?'] },
      { send: 'yes', expect: [TICKET] },
    ]);
    const number = TICKET.exec(last)![0];
    const reply = await h.say('lin.sms@example.com', `What is the status of ${number}?`, { subject: `Re: ${number}` });
    expect(reply).toContain(`Ticket ${number} is received`);
    const bySms = await h.db.prisma.contactPoint.findFirstOrThrow({ where: { address: phone } });
    const byMail = await h.db.prisma.contactPoint.findFirstOrThrow({ where: { address: 'lin.sms@example.com' } });
    expect(byMail.customerId).toBe(bySms.customerId);
  });

  it('recognises an unknown e-mail sender by the ticket number when the ticket names that address', async () => {
    const phone = aPhone();
    const { customer } = await identifyCustomer(h.db.prisma, { kind: 'phone', address: phone });
    const ticket = await h.deps.database.prisma.ticket.create({
      data: { number: 'SR-2026-900001', customerId: customer.id, category: 'fault', channel: 'sms', title: 't', problem: 'p', contactEmail: 'Owner@Example.com' },
    });
    expect(await h.say('owner@example.com', `status of ${ticket.number} please`)).toContain(`Ticket ${ticket.number}`);
    expect(await h.say('stranger@example.com', `status of ${ticket.number} please`)).toContain(`if ${ticket.number} is one of our tickets, I have sent its status to the phone number or e-mail on the ticket`);
    expect(await h.db.prisma.outboundMessage.count({ where: { ticketId: ticket.id, to: 'owner@example.com' } })).toBe(1);
  });
});
