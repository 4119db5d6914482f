import { openSession } from '../../src/console/staff-sessions.js';
import type { Db } from '../../src/db/db.js';
import type { ChannelKind } from '../../src/messages/channel-kind.js';

let counter = 0;

/** A staff member signed in to the console (a session open through 2027, whatever the test's clock); only the token's hash is stored. */
export async function aSignedInStaff(
  db: Db,
  role: 'agent' | 'engineer' | 'supervisor' | 'admin' = 'agent',
  name?: string,
  options: { onDuty?: boolean; region?: string } = {},
) {
  counter += 1;
  const staff = await db.staff.create({
    data: { name: name ?? `${role} ${counter}`, role, email: `${role}${counter}-${Date.now()}@example.test`, onDuty: options.onDuty ?? true, region: options.region },
  });
  const { token } = await openSession(db, staff, { now: new Date('2026-01-01T00:00:00Z'), hours: 2 * 366 * 24, ip: null });
  return { staff, token, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } };
}

/** A customer whose conversation on one channel was handed to staff, with one inbound and one bot message. */
export async function aHandedOffConversation(
  db: Db,
  input: { channel: ChannelKind; threadKey: string; contacts: { kind: 'phone' | 'email' | 'chat'; address: string }[]; subject?: string; at: Date },
) {
  counter += 1;
  const customer = await db.customer.create({ data: { name: `Customer ${counter}`, contacts: { create: input.contacts } } });
  const ticket = await db.ticket.create({
    data: { number: `SR-2026-9${String(counter).padStart(5, '0')}`, customerId: customer.id, category: 'fault', channel: input.channel, title: 'Printer jams', problem: 'Printer jams' },
  });
  const conversation = await db.conversation.create({
    data: { channel: input.channel, threadKey: input.threadKey, customerId: customer.id, ticketId: ticket.id, state: 'waiting_staff', handoffReason: 'asked for a person' },
  });
  await db.message.create({
    data: { conversationId: conversation.id, customerId: customer.id, ticketId: ticket.id, direction: 'inbound', channel: input.channel, externalId: `in-${counter}-${Date.now()}`, author: 'customer', text: 'I want a person', subject: input.subject, createdAt: input.at },
  });
  await db.message.create({
    data: { conversationId: conversation.id, customerId: customer.id, ticketId: ticket.id, direction: 'outbound', channel: input.channel, author: 'bot', text: 'Connecting you.', createdAt: input.at },
  });
  return { customer, ticket, conversation };
}
