import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addContactPoint, findCustomerByContact, identifyCustomer, mergeCustomers, recordContact } from '../../src/customers/customer-service.js';
import { normaliseEmail, normalisePhone } from '../../src/customers/contact-address.js';
import { openTicket } from '../../src/tickets/ticket-service.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('contact addresses', () => {
  it('turns local Taiwanese numbers and spaced numbers into E.164', () => {
    expect(normalisePhone('0912 345 678')).toBe('+886912345678');
    expect(normalisePhone('+886-912-345-678')).toBe('+886912345678');
    expect(normalisePhone('12')).toBeNull();
  });

  it('lower-cases e-mail addresses and refuses what is not one', () => {
    expect(normaliseEmail(' Mei.Lin@Example.COM ')).toBe('mei.lin@example.com');
    expect(normaliseEmail('not-an-email')).toBeNull();
  });
});

describe.each(databaseKinds)('customer identity on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('recognises the same person whether the number is written locally or in E.164', async () => {
    const first = await identifyCustomer(db.prisma, { kind: 'phone', address: '0922 111 222', name: 'Lin' });
    const again = await identifyCustomer(db.prisma, { kind: 'phone', address: '+886922111222' });
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.customer.id).toBe(first.customer.id);
  });

  it('is one customer across SMS and e-mail once both addresses are known', async () => {
    const { customer } = await identifyCustomer(db.prisma, { kind: 'phone', address: '0933 000 111' });
    await addContactPoint(db.prisma, customer.id, 'email', 'Wang@Example.com');
    const byEmail = await findCustomerByContact(db.prisma, 'email', 'wang@example.com');
    expect(byEmail?.id).toBe(customer.id);
  });

  it('creates one customer when two first messages from a new number race', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () => identifyCustomer(db.prisma, { kind: 'email', address: 'race@example.com' })),
    );
    expect(new Set(results.map((r) => r.customer.id)).size).toBe(1);
  });

  it('merging keeps every ticket and contact and leads old addresses to the survivor', async () => {
    const a = (await identifyCustomer(db.prisma, { kind: 'phone', address: '0944 000 222', name: 'Chen' })).customer;
    const b = (await identifyCustomer(db.prisma, { kind: 'email', address: 'chen@example.com' })).customer;
    const t = await openTicket(db.prisma, { customerId: b.id, category: 'fault', channel: 'email', problem: 'x' }, { now: new Date(), actor: 'test' });
    const merged = await mergeCustomers(db.prisma, b.id, a.id, 'staff:1');
    expect(merged.name).toBe('Chen');
    expect((await db.prisma.ticket.findUniqueOrThrow({ where: { id: t.id } })).customerId).toBe(a.id);
    expect((await findCustomerByContact(db.prisma, 'email', 'chen@example.com'))?.id).toBe(a.id);
    const events = await db.prisma.ticketEvent.findMany({ where: { ticketId: t.id, kind: 'customer_merged' } });
    expect(events).toHaveLength(1);
  });

  it('recording an address another customer owns merges this customer into that one, with a timeline entry on each moved ticket', async () => {
    const owner = (await identifyCustomer(db.prisma, { kind: 'email', address: 'hsu@example.com', name: 'Hsu' })).customer;
    const visitor = (await identifyCustomer(db.prisma, { kind: 'chat', address: 'session-hsu-0001' })).customer;
    const t = await openTicket(db.prisma, { customerId: visitor.id, category: 'fault', channel: 'chat', problem: 'x' }, { now: new Date(), actor: 'bot' });
    const result = await recordContact(db.prisma, visitor.id, 'email', 'HSU@example.com', { actor: 'staff:s1' });
    expect(result).toEqual({ customerId: owner.id, added: false, merged: true });
    expect((await findCustomerByContact(db.prisma, 'chat', 'session-hsu-0001'))?.id).toBe(owner.id);
    const [event] = await db.prisma.ticketEvent.findMany({ where: { ticketId: t.id, kind: 'customer_merged' } });
    expect(event).toMatchObject({ actor: 'staff:s1', from: visitor.id, to: owner.id, reason: 'same email hsu@example.com' });
    // A ticket opened afterwards under the old id (a dialog still holding it) lands on the survivor.
    const later = await openTicket(db.prisma, { customerId: visitor.id, category: 'inquiry', channel: 'chat', problem: 'y' }, { now: new Date(), actor: 'bot' });
    expect(later.customerId).toBe(owner.id);
  });

  it('recording an address the customer already has, or a new one, merges nothing', async () => {
    const { customer } = await identifyCustomer(db.prisma, { kind: 'phone', address: '0955 000 333' });
    expect(await recordContact(db.prisma, customer.id, 'phone', '+886955000333', { actor: 'bot' })).toEqual({ customerId: customer.id, added: false, merged: false });
    expect(await recordContact(db.prisma, customer.id, 'email', 'new@example.com', { actor: 'bot' })).toEqual({ customerId: customer.id, added: true, merged: false });
  });
});
