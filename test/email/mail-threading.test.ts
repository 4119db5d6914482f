import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrOpenConversation } from '../../src/conversations/conversation-service.js';
import { addContactPoint, identifyCustomer } from '../../src/customers/customer-service.js';
import { ensureTicketConversation, resolveMailThread, type ThreadingInput } from '../../src/email/mail-threading.js';
import { openTicket } from '../../src/tickets/ticket-service.js';
import { aStaffMember } from '../support/fixtures.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/test-database.js';

const now = new Date('2026-11-25T02:00:00Z');

describe.each(databaseKinds)('e-mail threading on %s', (kind) => {
  let db: TestDatabase;
  let ticket: { id: string; number: string; customerId: string };
  let phoneTicket: { id: string; number: string; customerId: string };
  let staffEmail: string;
  const input = (over: Partial<ThreadingInput>): ThreadingInput => ({ messageId: `new-${Math.random()}@customer.test`, references: [], from: 'alice@customer.test', forward: false, ...over });

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const prisma = db.prisma;
    const { customer } = await identifyCustomer(prisma, { kind: 'email', address: 'alice@customer.test' });
    await addContactPoint(prisma, customer.id, 'email', 'alice.home@customer.test');
    await identifyCustomer(prisma, { kind: 'email', address: 'mallory@other.test' });
    const conversation = await findOrOpenConversation(prisma, { channel: 'email', threadKey: 'root-1@customer.test', customerId: customer.id });
    ticket = await openTicket(prisma, { customerId: customer.id, conversationId: conversation.id, category: 'fault', channel: 'email', problem: 'E05' }, { now, actor: 'bot' });
    await prisma.message.create({ data: { conversationId: conversation.id, direction: 'inbound', channel: 'email', externalId: 'root-1@customer.test', author: 'customer', text: 'E05' } });
    await prisma.outboundMessage.create({ data: { channel: 'email', to: 'alice@customer.test', purpose: 'ack', text: 'ack', conversationId: conversation.id, ticketId: ticket.id, providerMessageId: 'ack-1@aftercare.test' } });
    const { customer: caller } = await identifyCustomer(prisma, { kind: 'phone', address: '+886912345001' });
    await addContactPoint(prisma, caller.id, 'email', 'caller@customer.test');
    phoneTicket = await openTicket(prisma, { customerId: caller.id, category: 'fault', channel: 'voice', problem: 'noise' }, { now, actor: 'bot' });
    staffEmail = (await aStaffMember(prisma)).email!;
  });
  afterAll(async () => {
    await db?.close();
  });

  it('threads a reply to our acknowledgement by In-Reply-To', async () => {
    const thread = await resolveMailThread(db.prisma, input({ inReplyTo: 'ack-1@aftercare.test', references: ['root-1@customer.test', 'ack-1@aftercare.test'] }));
    expect(thread).toMatchObject({ conversationKey: 'root-1@customer.test', threadedBy: 'references', ticket: { number: ticket.number } });
  });

  it('still threads by References when the subject changed and In-Reply-To is gone', async () => {
    const thread = await resolveMailThread(db.prisma, input({ references: ['root-1@customer.test', 'ack-1@aftercare.test'] }));
    expect(thread.threadedBy).toBe('references');
    expect(thread.ticket?.number).toBe(ticket.number);
  });

  it('continues the ticket by the number in the subject for its customer', async () => {
    const thread = await resolveMailThread(db.prisma, input({ ticketNumber: ticket.number }));
    expect(thread).toMatchObject({ conversationKey: 'root-1@customer.test', threadedBy: 'ticket-number', ticket: { id: ticket.id } });
  });

  it('continues the ticket for another known address of the same customer', async () => {
    const thread = await resolveMailThread(db.prisma, input({ from: 'alice.home@customer.test', ticketNumber: ticket.number }));
    expect(thread.threadedBy).toBe('ticket-number');
  });

  it('starts a new ticket linked to the old one when someone else carries its number', async () => {
    const messageId = 'mallory-1@other.test';
    const thread = await resolveMailThread(db.prisma, input({ messageId, from: 'mallory@other.test', ticketNumber: ticket.number }));
    expect(thread).toMatchObject({ conversationKey: messageId, threadedBy: 'new', linkedTicket: { number: ticket.number } });
    expect(thread.ticket).toBeUndefined();
  });

  it('treats an unknown sender with the number as someone else', async () => {
    const thread = await resolveMailThread(db.prisma, input({ from: 'stranger@nowhere.test', ticketNumber: ticket.number }));
    expect(thread.linkedTicket?.number).toBe(ticket.number);
  });

  it('starts a new conversation for a forward even when it references our thread', async () => {
    const messageId = 'fwd-1@customer.test';
    const thread = await resolveMailThread(db.prisma, input({ messageId, forward: true, inReplyTo: 'ack-1@aftercare.test', references: ['root-1@customer.test'], ticketNumber: ticket.number }));
    expect(thread).toMatchObject({ conversationKey: messageId, threadedBy: 'new', linkedTicket: { number: ticket.number } });
  });

  it('threads a staff reply whose client rewrote In-Reply-To by the ticket number', async () => {
    const thread = await resolveMailThread(db.prisma, input({ from: staffEmail.toUpperCase(), inReplyTo: 'outlook-rewritten@corp.test', ticketNumber: ticket.number }));
    expect(thread.threadedBy).toBe('ticket-number');
    expect(thread.staffId).toBeDefined();
    expect(thread.ticket?.id).toBe(ticket.id);
  });

  it('keys a new thread by its root Message-ID', async () => {
    const thread = await resolveMailThread(db.prisma, input({ messageId: 'c@customer.test', references: ['unknown-root@elsewhere.test', 'b@elsewhere.test'] }));
    expect(thread).toMatchObject({ conversationKey: 'unknown-root@elsewhere.test', threadedBy: 'new' });
  });

  it('opens an e-mail conversation on a ticket from another channel, carrying that ticket', async () => {
    const thread = await resolveMailThread(db.prisma, input({ from: 'caller@customer.test', ticketNumber: phoneTicket.number }));
    expect(thread.conversationKey).toBe(`ticket:${phoneTicket.number}`);
    await ensureTicketConversation(db.prisma, thread);
    const conversation = await db.prisma.conversation.findUniqueOrThrow({ where: { channel_threadKey: { channel: 'email', threadKey: thread.conversationKey } } });
    expect(conversation.ticketId).toBe(phoneTicket.id);
  });
});
