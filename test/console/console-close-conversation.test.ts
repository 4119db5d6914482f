import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebchatAdapter } from '../../channels/webchat/webchat-adapter.js';
import { createMessageSendHandler } from '../../src/outbound/outbound-service.js';
import { scriptedTurn } from '../channels/webchat/scripted-turn.js';
import { databaseKinds } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aHandedOffConversation, aSignedInStaff } from './console-fixtures.js';

const json = { 'content-type': 'application/json' };

describe.each(databaseKinds)('closing a conversation from the console on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
    (t.app.channels.get('chat') as WebchatAdapter).useTurn(scriptedTurn(t.app.database.prisma, t.clock));
  });
  afterAll(async () => {
    await t?.stop();
  });
  const prisma = () => t.app.database.prisma;
  const post = (path: string, headers: Record<string, string>, body: unknown = {}) => fetch(`${t.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  const say = (sessionId: string, clientMessageId: string, text: string) =>
    fetch(`${t.url}/chat/api/messages`, { method: 'POST', headers: json, body: JSON.stringify({ sessionId, clientMessageId, text }) });

  /** A web-chat customer who asked for a person, in the given language. */
  async function chatHandoff(language: string) {
    const { sessionId } = (await (await fetch(`${t.url}/chat/api/sessions`, { method: 'POST' })).json()) as { sessionId: string };
    await say(sessionId, 'first-0001', 'my printer is broken');
    await say(sessionId, 'agent-0001', 'agent');
    const conversation = await prisma().conversation.update({ where: { channel_threadKey: { channel: 'chat', threadKey: sessionId } }, data: { language } });
    return { sessionId, conversation };
  }

  it('closes a web chat a person took: it leaves the inbox, the customer is told politely in their language, and the audit says who', async () => {
    const { staff, headers } = await aSignedInStaff(prisma(), 'agent');
    const { sessionId, conversation } = await chatHandoff('zh-Hans');
    await post(`/console/api/conversations/${conversation.id}/take`, headers);

    const res = await post(`/console/api/conversations/${conversation.id}/close`, headers);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ conversation: { id: conversation.id, state: 'closed', assignedStaffId: null }, customerTold: true });
    expect(JSON.stringify(body)).not.toContain(sessionId);

    const inbox = await (await fetch(`${t.url}/console/api/inbox`, { headers })).json();
    expect(inbox.conversations.map((c: { id: string }) => c.id)).not.toContain(conversation.id);
    const queue = await (await fetch(`${t.url}/console/api/queue?size=200`, { headers })).json();
    expect(queue.items.map((i: { id: string }) => i.id)).not.toContain(conversation.id);

    const [told] = await prisma().outboundMessage.findMany({ where: { conversationId: conversation.id, purpose: 'notification' } });
    expect(told).toMatchObject({ channel: 'chat', to: sessionId, text: expect.stringContaining('本次对话已结束') });
    const send = createMessageSendHandler({ db: prisma(), adapters: t.app.channels, logger: t.app.logger, clock: t.clock });
    expect(await send({ outboundId: told!.id })).toBe('done');
    const history = await (await fetch(`${t.url}/chat/api/history?session=${sessionId}`)).json();
    expect(history.messages.at(-1).text).toContain('本次对话已结束');

    const audit = await prisma().accessAudit.findMany({ where: { action: 'conversation_closed', staffId: staff.id } });
    expect(audit).toEqual([expect.objectContaining({ customerId: conversation.customerId, detail: { conversationId: conversation.id, customerTold: true } })]);
  });

  it('closes an SMS conversation without texting the customer, and writes it on the ticket timeline', async () => {
    const { staff, headers } = await aSignedInStaff(prisma(), 'agent');
    const { conversation, ticket } = await aHandedOffConversation(prisma(), { channel: 'sms', threadKey: '+886912700001', contacts: [{ kind: 'phone', address: '+886912700001' }], at: t.clock() });
    const res = await post(`/console/api/conversations/${conversation.id}/close`, headers);
    expect(res.status).toBe(200);
    expect((await res.json()).customerTold).toBe(false);
    expect(await prisma().outboundMessage.count({ where: { conversationId: conversation.id } })).toBe(0);
    const events = await prisma().ticketEvent.findMany({ where: { ticketId: ticket.id, kind: 'conversation_closed' } });
    expect(events).toEqual([expect.objectContaining({ actor: `staff:${staff.id}`, from: 'waiting_staff', to: 'closed' })]);
  });

  it('opens the conversation to the bot again when the customer writes after it was closed', async () => {
    const { headers } = await aSignedInStaff(prisma(), 'agent');
    const { sessionId, conversation } = await chatHandoff('en');
    await post(`/console/api/conversations/${conversation.id}/close`, headers);
    const reply = await (await say(sessionId, 'again-0001', 'one more question')).json();
    expect(reply.replies).toEqual([expect.objectContaining({ text: 'You said: one more question' })]);
    expect((await prisma().conversation.findUniqueOrThrow({ where: { id: conversation.id } })).state).toBe('bot');
  });

  it("refuses to close another agent's conversation (409), and anyone not signed in (401)", async () => {
    const owner = await aSignedInStaff(prisma(), 'agent');
    const other = await aSignedInStaff(prisma(), 'agent');
    const { conversation } = await chatHandoff('en');
    await post(`/console/api/conversations/${conversation.id}/take`, owner.headers);
    expect((await post(`/console/api/conversations/${conversation.id}/close`, other.headers)).status).toBe(409);
    expect((await post(`/console/api/conversations/${conversation.id}/close`, json)).status).toBe(401);
    expect((await prisma().conversation.findUniqueOrThrow({ where: { id: conversation.id } })).state).toBe('staff');
  });
});
