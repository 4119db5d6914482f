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
    expect(await db.prisma.staffNotification.count({ where: { kind: 'handoff', text: { contains: conversation.threadKey } } })).toBeGreaterThan(0);
  });

  it('addresses the agent role when nobody is on duty', async () => {
    await db.prisma.staff.updateMany({ data: { onDuty: false } });
    const conversation = await aConversation();
    await requestHandoff(db.prisma, { conversationId: conversation.id, reason: 'low_confidence' }, { now });
    const notices = await db.prisma.staffNotification.findMany({ where: { text: { contains: conversation.threadKey } } });
    expect(notices).toMatchObject([{ staffId: null, role: 'agent', kind: 'handoff' }]);
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
