import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebchatAdapter } from '../../channels/webchat/webchat-adapter.js';
import { createMessageSendHandler } from '../../src/outbound/outbound-service.js';
import { scriptedTurn } from '../channels/webchat/scripted-turn.js';
import { databaseKinds } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aHandedOffConversation, aSignedInStaff } from './console-fixtures.js';

describe.each(databaseKinds)('console inbox on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
    (t.app.channels.get('chat') as WebchatAdapter).useTurn(scriptedTurn(t.app.database.prisma, t.clock));
  });
  afterAll(async () => {
    await t?.stop();
  });
  const prisma = () => t.app.database.prisma;
  const post = (path: string, headers: Record<string, string>, body: unknown = {}) =>
    fetch(`${t.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });

  /** A chat customer who typed "agent" on the real chat API. */
  async function chatHandoff() {
    const { sessionId } = await (await fetch(`${t.url}/chat/api/sessions`, { method: 'POST' })).json();
    const json = { 'content-type': 'application/json' };
    await fetch(`${t.url}/chat/api/messages`, { method: 'POST', headers: json, body: JSON.stringify({ sessionId, clientMessageId: 'first-001', text: 'my printer is broken' }) });
    t.clock.advance(60_000);
    await fetch(`${t.url}/chat/api/messages`, { method: 'POST', headers: json, body: JSON.stringify({ sessionId, clientMessageId: 'agent-001', text: 'agent' }) });
    const conversation = await prisma().conversation.findFirstOrThrow({ where: { channel: 'chat', threadKey: sessionId } });
    return { sessionId, conversation };
  }

  it('lists conversations waiting for staff, newest first', async () => {
    const { headers } = await aSignedInStaff(prisma(), 'agent');
    const older = await chatHandoff();
    t.clock.advance(60_000);
    const newer = await chatHandoff();
    const res = await fetch(`${t.url}/console/api/inbox`, { headers });
    expect(res.status).toBe(200);
    const ids = (await res.json()).conversations.map((c: { id: string }) => c.id);
    expect(ids.indexOf(newer.conversation.id)).toBeLessThan(ids.indexOf(older.conversation.id));
    expect(ids.indexOf(older.conversation.id)).toBeGreaterThanOrEqual(0);
  });

  it('shows the whole transcript of the customer, every channel, inbound and outbound', async () => {
    const { headers } = await aSignedInStaff(prisma(), 'agent');
    const { conversation } = await chatHandoff();
    // The same customer also sent an SMS earlier.
    const sms = await prisma().conversation.create({ data: { channel: 'sms', threadKey: `+88691${Date.now() % 10_000_000}`, customerId: conversation.customerId } });
    await prisma().message.create({ data: { conversationId: sms.id, customerId: conversation.customerId, direction: 'inbound', channel: 'sms', author: 'customer', text: 'sms hello', createdAt: t.clock() } });
    const body = await (await fetch(`${t.url}/console/api/conversations/${conversation.id}`, { headers })).json();
    expect(body.transcript.map((m: { channel: string; author: string; text: string }) => `${m.channel} ${m.author}: ${m.text}`)).toEqual([
      'chat customer: my printer is broken',
      'chat bot: You said: my printer is broken',
      'chat customer: agent',
      'chat bot: Connecting you to a member of staff.',
      'sms customer: sms hello',
    ]);
    expect(body.conversation.state).toBe('waiting_staff');
  });

  it('takes a conversation over: state staff, owned by the taker, and the bot stays silent', async () => {
    const { staff, headers } = await aSignedInStaff(prisma(), 'agent');
    const { sessionId, conversation } = await chatHandoff();
    const res = await post(`/console/api/conversations/${conversation.id}/take`, headers);
    expect(res.status).toBe(200);
    expect((await res.json()).conversation).toMatchObject({ state: 'staff', assignedStaffId: staff.id });
    const reply = await fetch(`${t.url}/chat/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sessionId, clientMessageId: 'after-take', text: 'hello?' }) });
    expect((await reply.json()).replies).toEqual([]);
  });

  it('queues a chat reply to the session, records it as written by the staff member, and delivers it once', async () => {
    const { staff, headers } = await aSignedInStaff(prisma(), 'agent');
    const { sessionId, conversation } = await chatHandoff();
    const res = await post(`/console/api/conversations/${conversation.id}/reply`, headers, { text: 'Hello, I am Amy. Let me check.', clientId: 'reply-0001' });
    expect(res.status).toBe(201);
    const outbox = await prisma().outboundMessage.findMany({ where: { conversationId: conversation.id } });
    expect(outbox).toEqual([expect.objectContaining({ channel: 'chat', to: sessionId, purpose: 'staff_reply', status: 'pending', text: 'Hello, I am Amy. Let me check.', customerId: conversation.customerId, ticketId: conversation.ticketId })]);
    const recorded = await prisma().message.findMany({ where: { conversationId: conversation.id, author: `staff:${staff.id}` } });
    expect(recorded).toHaveLength(1);
    expect(await prisma().conversation.findUniqueOrThrow({ where: { id: conversation.id } })).toMatchObject({ state: 'staff', assignedStaffId: staff.id });

    const send = createMessageSendHandler({ db: prisma(), adapters: t.app.channels, logger: t.app.logger, clock: t.clock });
    expect(await send({ outboundId: outbox[0]!.id })).toBe('done');
    expect((await prisma().outboundMessage.findUniqueOrThrow({ where: { id: outbox[0]!.id } })).status).toBe('sent');
    const history = await (await fetch(`${t.url}/chat/api/history?session=${sessionId}`)).json();
    const staffLines = history.messages.filter((m: { author: string }) => m.author === 'staff');
    expect(staffLines.map((m: { text: string }) => m.text)).toEqual(['Hello, I am Amy. Let me check.']);
  });

  it('sends the same reply once when the console retries it', async () => {
    const { headers } = await aSignedInStaff(prisma(), 'agent');
    const { conversation } = await chatHandoff();
    const first = await post(`/console/api/conversations/${conversation.id}/reply`, headers, { text: 'Once', clientId: 'retry-0001' });
    const second = await post(`/console/api/conversations/${conversation.id}/reply`, headers, { text: 'Once', clientId: 'retry-0001' });
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(await prisma().outboundMessage.count({ where: { conversationId: conversation.id } })).toBe(1);
  });

  it('replies to an SMS conversation by SMS to the customer phone number', async () => {
    const { headers } = await aSignedInStaff(prisma(), 'agent');
    const { conversation } = await aHandedOffConversation(prisma(), { channel: 'sms', threadKey: '+886912345001', contacts: [{ kind: 'phone', address: '+886912345001' }], at: t.clock() });
    expect((await post(`/console/api/conversations/${conversation.id}/reply`, headers, { text: 'We will call you.' })).status).toBe(201);
    const row = await prisma().outboundMessage.findFirstOrThrow({ where: { conversationId: conversation.id } });
    expect(row).toMatchObject({ channel: 'sms', to: '+886912345001', purpose: 'staff_reply' });
  });

  it('counts a staff reply as the first response on the ticket', async () => {
    const { staff, headers } = await aSignedInStaff(prisma(), 'agent');
    const { conversation, ticket } = await aHandedOffConversation(prisma(), { channel: 'sms', threadKey: '+886912345004', contacts: [{ kind: 'phone', address: '+886912345004' }], at: t.clock() });
    await prisma().slaPromise.create({ data: { ticketId: ticket.id, kind: 'first_response', dueAt: new Date(t.clock().getTime() + 3_600_000), warnAt: t.clock() } });
    await post(`/console/api/conversations/${conversation.id}/reply`, headers, { text: 'On it.' });
    expect((await prisma().ticket.findUniqueOrThrow({ where: { id: ticket.id } })).firstRespondedAt).toEqual(t.clock());
    expect((await prisma().slaPromise.findFirstOrThrow({ where: { ticketId: ticket.id } })).metAt).toEqual(t.clock());
    const events = await prisma().ticketEvent.findMany({ where: { ticketId: ticket.id }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => [e.kind, e.actor])).toEqual([['staff_reply', `staff:${staff.id}`], ['responded', `staff:${staff.id}`]]);
  });

  it('replies to a phone call by SMS, since a call cannot be answered later', async () => {
    const { headers } = await aSignedInStaff(prisma(), 'agent');
    const { conversation } = await aHandedOffConversation(prisma(), { channel: 'voice', threadKey: 'CA0001', contacts: [{ kind: 'phone', address: '+886912345002' }], at: t.clock() });
    await post(`/console/api/conversations/${conversation.id}/reply`, headers, { text: 'About your call' });
    const row = await prisma().outboundMessage.findFirstOrThrow({ where: { conversationId: conversation.id } });
    expect(row).toMatchObject({ channel: 'sms', to: '+886912345002' });
  });

  it('replies to an e-mail conversation by e-mail with a reply subject and the threading reference', async () => {
    const { headers } = await aSignedInStaff(prisma(), 'agent');
    const { conversation } = await aHandedOffConversation(prisma(), {
      channel: 'email', threadKey: '<root@example.com>', contacts: [{ kind: 'email', address: 'wang@example.com' }], subject: 'Printer jams', at: t.clock(),
    });
    await post(`/console/api/conversations/${conversation.id}/reply`, headers, { text: 'Dear Mr Wang' });
    const row = await prisma().outboundMessage.findFirstOrThrow({ where: { conversationId: conversation.id } });
    expect(row).toMatchObject({ channel: 'email', to: 'wang@example.com', subject: 'Re: Printer jams' });
    expect(row.meta).toMatchObject({ threadKey: '<root@example.com>', inReplyTo: expect.stringMatching(/^in-/) });
  });

  it('refuses a reply in a conversation another agent owns with 409', async () => {
    const owner = await aSignedInStaff(prisma(), 'agent');
    const other = await aSignedInStaff(prisma(), 'agent');
    const { conversation } = await aHandedOffConversation(prisma(), { channel: 'sms', threadKey: '+886912345003', contacts: [{ kind: 'phone', address: '+886912345003' }], at: t.clock() });
    await post(`/console/api/conversations/${conversation.id}/take`, owner.headers);
    const res = await post(`/console/api/conversations/${conversation.id}/reply`, other.headers, { text: 'me too' });
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toMatch(/Another member of staff/);
  });

  it('refuses an empty reply with 400', async () => {
    const { headers } = await aSignedInStaff(prisma(), 'agent');
    const { conversation } = await chatHandoff();
    const res = await post(`/console/api/conversations/${conversation.id}/reply`, headers, { text: '  ' });
    expect(res.status).toBe(400);
  });

  it('hands the conversation back to the bot, which answers again', async () => {
    const { headers } = await aSignedInStaff(prisma(), 'agent');
    const { sessionId, conversation } = await chatHandoff();
    await post(`/console/api/conversations/${conversation.id}/take`, headers);
    const res = await post(`/console/api/conversations/${conversation.id}/hand-back`, headers);
    expect(res.status).toBe(200);
    expect((await res.json()).conversation).toMatchObject({ state: 'bot', assignedStaffId: null });
    const reply = await fetch(`${t.url}/chat/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sessionId, clientMessageId: 'after-back', text: 'thanks' }) });
    expect((await reply.json()).replies).toHaveLength(1);
    const inbox = await (await fetch(`${t.url}/console/api/inbox`, { headers })).json();
    expect(inbox.conversations.map((c: { id: string }) => c.id)).not.toContain(conversation.id);
  });

  it('lists notifications that are due, for the staff member or their role, not held ones', async () => {
    const { staff, headers } = await aSignedInStaff(prisma(), 'agent');
    const now = t.clock();
    await prisma().staffNotification.createMany({
      data: [
        { staffId: staff.id, kind: 'handoff', text: 'due to me', deliverAfter: new Date(now.getTime() - 60_000) },
        { role: 'agent', kind: 'handoff', text: 'due to agents', deliverAfter: now },
        { staffId: staff.id, kind: 'sla_warning', text: 'held until morning', deliverAfter: new Date(now.getTime() + 3_600_000) },
        { role: 'supervisor', kind: 'sla_breach', text: 'for supervisors', deliverAfter: now },
      ],
    });
    const body = await (await fetch(`${t.url}/console/api/notifications`, { headers })).json();
    expect(body.notifications.map((n: { text: string }) => n.text).sort()).toEqual(['due to agents', 'due to me']);
  });
});
