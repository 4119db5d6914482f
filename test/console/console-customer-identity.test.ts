import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aHandedOffConversation, aSignedInStaff } from './console-fixtures.js';

const json = { 'content-type': 'application/json' };

describe.each(databaseKinds)('one customer across channels on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t?.stop();
  });
  const prisma = () => t.app.database.prisma;

  /** A new web-chat session on the real chat API and the real bot; the customer writes each text in turn. */
  async function chatSession(texts: string[]) {
    const { sessionId } = (await (await fetch(`${t.url}/chat/api/sessions`, { method: 'POST' })).json()) as { sessionId: string };
    for (const [i, text] of texts.entries()) {
      const res = await fetch(`${t.url}/chat/api/messages`, { method: 'POST', headers: json, body: JSON.stringify({ sessionId, clientMessageId: `msg-${i}-000000`, text }) });
      expect(res.status).toBe(200);
    }
    return prisma().conversation.findFirstOrThrow({ where: { channel: 'chat', threadKey: sessionId } });
  }

  it('makes the second chat session that gives the same phone number (0912345678, then +886912345678) the same customer', { timeout: 60_000 }, async () => {
    const first = await chatSession(['印表機卡紙了，我的電話是0912345678']);
    const second = await chatSession(['影印機卡紙了', '王小明', '略過', '+886912345678', 'LX-200', '略過', '略過', '略過', '是']);

    const owner = await prisma().contactPoint.findUniqueOrThrow({ where: { kind_address: { kind: 'phone', address: '+886912345678' } } });
    const conversations = await prisma().conversation.findMany({ where: { id: { in: [first.id, second.id] } } });
    expect(conversations.map((c) => c.customerId)).toEqual([owner.customerId, owner.customerId]);
    // The second session's own record points at the survivor; its chat contact and the ticket it went on to open moved over.
    const merged = await prisma().customer.findMany({ where: { mergedIntoId: owner.customerId } });
    expect(merged).toHaveLength(1);
    const survivor = await prisma().customer.findUniqueOrThrow({ where: { id: owner.customerId }, include: { contacts: true, tickets: true } });
    expect(survivor.contacts.filter((c) => c.kind === 'chat')).toHaveLength(2);
    expect(survivor.tickets).toHaveLength(1);
    expect(survivor.tickets[0]).toMatchObject({ productModel: 'LX-200', contactPhone: expect.stringContaining('912345678') });
    expect(await prisma().ticket.count({ where: { customerId: merged[0]!.id } })).toBe(0);
  });

  it('says so in the access audit, which a supervisor reads in the console', { timeout: 60_000 }, async () => {
    const first = await chatSession(['冷氣不冷了，我的電話是0922333444']);
    const second = await chatSession(['冷氣不冷了', '陳大文', '略過', '+886922333444']);
    const survivorId = (await prisma().conversation.findUniqueOrThrow({ where: { id: first.id } })).customerId!;
    expect(second.customerId).toBe(survivorId);
    const merged = await prisma().customer.findFirstOrThrow({ where: { mergedIntoId: survivorId } });

    const supervisor = await aSignedInStaff(prisma(), 'supervisor');
    const res = await fetch(`${t.url}/console/api/audit?action=customer_merged&customerId=${survivorId}`, { headers: supervisor.headers });
    expect(res.status).toBe(200);
    const { entries } = (await res.json()) as { entries: { actor: string; action: string; customerId: string; reason: string; detail: { from: string; into: string } }[] };
    expect(entries).toEqual([
      expect.objectContaining({ actor: 'bot', action: 'customer_merged', customerId: survivorId, reason: 'same phone +886922333444', detail: expect.objectContaining({ from: merged.id, into: survivorId }) }),
    ]);
  });

  it('merges when staff write a known e-mail on a ticket they create from a conversation', async () => {
    const agent = await aSignedInStaff(prisma(), 'agent');
    const known = await prisma().customer.create({ data: { name: 'Known by e-mail', contacts: { create: [{ kind: 'email', address: 'lin.mei@example.com' }] } } });
    const { conversation, customer: caller } = await aHandedOffConversation(prisma(), { channel: 'sms', threadKey: '+886933444555', contacts: [{ kind: 'phone', address: '+886933444555' }], at: t.clock() });
    await prisma().conversation.update({ where: { id: conversation.id }, data: { ticketId: null } });

    const res = await fetch(`${t.url}/console/api/conversations/${conversation.id}/ticket`, {
      method: 'POST',
      headers: agent.headers,
      body: JSON.stringify({ category: 'fault', problem: 'Printer jams', contactEmail: 'Lin.Mei@example.com', contactPhone: '0933444555' }),
    });
    expect(res.status).toBe(201);
    const { ticket } = await res.json();
    expect(ticket.customerId).toBe(known.id);
    expect((await prisma().customer.findUniqueOrThrow({ where: { id: caller.id } })).mergedIntoId).toBe(known.id);
    expect((await prisma().conversation.findUniqueOrThrow({ where: { id: conversation.id } })).customerId).toBe(known.id);
    const phone = await prisma().contactPoint.findUniqueOrThrow({ where: { kind_address: { kind: 'phone', address: '+886933444555' } } });
    expect(phone.customerId).toBe(known.id);
    expect(await prisma().accessAudit.count({ where: { action: 'customer_merged', staffId: agent.staff.id, customerId: known.id } })).toBe(1);
  });
  it("tells a chat visitor who types a known customer's phone neither that customer's tickets nor their name", { timeout: 60_000 }, async () => {
    const first = await chatSession(['洗衣機不脫水了', '林美玲', '略過', '0955666777', 'NA-V130', '略過', '略過', '略過', '是']);
    const owner = await prisma().conversation.findUniqueOrThrow({ where: { id: first.id }, include: { ticket: true } });
    expect(owner.ticket?.number).toBeTruthy();

    // The phone joins this visitor to 林美玲's record; then a status question (the bot asks for the number; the visitor cancels) and a new report.
    const second = await chatSession(['我的電話是 0955666777', '取消', '查詢維修進度', '取消', '冷氣不冷，需要報修']);
    expect(second.customerId).toBe(owner.customerId);
    const told = await prisma().message.findMany({ where: { conversationId: second.id, direction: 'outbound' }, orderBy: { seq: 'asc' } });
    expect(told.map((m) => m.text).join('\n')).not.toContain(owner.ticket!.number);
    expect(told.map((m) => m.text).join('\n')).not.toContain('林美玲');
    // The new report asks the visitor's name instead of taking the record's.
    expect(told.at(-1)!.text).toContain('貴姓大名');
  });
});
