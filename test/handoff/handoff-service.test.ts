import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrOpenConversation } from '../../src/conversations/conversation-service.js';
import { createEventBus } from '../../src/events/event-bus.js';
import type { EventMap } from '../../src/events/event-map.js';
import { handBack, requestHandoff } from '../../src/handoff/handoff-service.js';
import { aCustomer, aStaffMember } from '../support/fixtures.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/test-database.js';

describe.each(databaseKinds)('handoff service on %s', (kind) => {
  let db: TestDatabase;
  const now = new Date('2026-11-25T02:00:00Z');
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  async function aConversation() {
    const { customer, phone } = await aCustomer(db.prisma);
    return findOrOpenConversation(db.prisma, { channel: 'sms', threadKey: phone, customerId: customer.id });
  }

  it('records the reason, notifies staff and emits the event once, however often it is asked', async () => {
    const events = createEventBus();
    const seen: EventMap['conversation.handoff_requested'][] = [];
    events.on('conversation.handoff_requested', async (p) => {
      seen.push(p);
    });
    const conversation = await aConversation();
    const first = await requestHandoff(db.prisma, { conversationId: conversation.id, reason: 'customer_request' }, { now, events });
    const again = await requestHandoff(db.prisma, { conversationId: conversation.id, reason: 'misunderstood' }, { now, events });
    expect(first.conversation).toMatchObject({ state: 'waiting_staff', handoffReason: 'customer_request' });
    expect(again.alreadyWithStaff).toBe(true);
    expect(seen).toEqual([{ conversationId: conversation.id, ticketId: null, reason: 'customer_request' }]);
    const notices = await db.prisma.staffNotification.findMany({ where: { kind: 'handoff', text: { startsWith: 'Customer asked for a person' } } });
    expect(notices.length).toBeGreaterThan(0);
    // The thread key (for web chat, the customer's session id) never goes into a notice.
    expect(notices.some((n) => n.text.includes(conversation.threadKey))).toBe(false);
  });

  it('addresses every supervisor when nobody is on duty, and the agent role when there is no supervisor either', async () => {
    await db.prisma.staff.updateMany({ data: { onDuty: false } });
    await db.prisma.staff.updateMany({ where: { role: { in: ['supervisor', 'admin'] } }, data: { active: false } });
    const supervisor = await db.prisma.staff.update({ where: { id: (await aStaffMember(db.prisma, { role: 'supervisor' })).id }, data: { onDuty: false } });
    const conversation = await aConversation();
    await requestHandoff(db.prisma, { conversationId: conversation.id, reason: 'low_confidence' }, { now: new Date(now.getTime() + 1000) });
    expect(await db.prisma.staffNotification.findMany({ where: { createdAt: new Date(now.getTime() + 1000) } })).toMatchObject([{ staffId: supervisor.id, role: 'supervisor', kind: 'handoff' }]);
    await db.prisma.staff.update({ where: { id: supervisor.id }, data: { active: false } });
    const another = await aConversation();
    await requestHandoff(db.prisma, { conversationId: another.id, reason: 'low_confidence' }, { now: new Date(now.getTime() + 2000) });
    expect(await db.prisma.staffNotification.findMany({ where: { createdAt: new Date(now.getTime() + 2000) } })).toMatchObject([{ staffId: null, role: 'agent', kind: 'handoff' }]);
  });

  it('gives the conversation back to the bot', async () => {
    const staff = await aStaffMember(db.prisma, { role: 'agent' });
    const conversation = await aConversation();
    await requestHandoff(db.prisma, { conversationId: conversation.id, reason: 'customer_request' }, { now });
    await db.prisma.conversation.update({ where: { id: conversation.id }, data: { state: 'staff', assignedStaffId: staff.id } });
    const back = await handBack(db.prisma, conversation.id, { now, actor: `staff:${staff.id}` });
    expect(back).toMatchObject({ state: 'bot', handoffReason: null, assignedStaffId: null });
  });
});
