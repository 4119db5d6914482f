import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyCustomer } from '../../src/customers/customer-service.js';
import { correctTicketDetails, fillTicketDetails, recordDetailsRequested, ticketDetails } from '../../src/tickets/ticket-details.js';
import { openTicket } from '../../src/tickets/ticket-service.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/test-database.js';

describe.each(databaseKinds)('details added to a ticket later on %s', (kind) => {
  let db: TestDatabase;
  const ctx = { now: new Date('2026-11-25T02:00:00Z'), actor: 'customer' };
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  async function aTicket(fields: { serial?: string } = {}) {
    const { customer } = await identifyCustomer(db.prisma, { kind: 'email', address: `c${Math.random().toString(36).slice(2)}@example.com` });
    return openTicket(db.prisma, { customerId: customer.id, category: 'fault', channel: 'email', problem: 'broken', ...fields }, { now: ctx.now, actor: 'bot' });
  }

  it('fills empty fields and records which in one event', async () => {
    const ticket = await aTicket();
    const filled = await fillTicketDetails(db.prisma, ticket.id, { serial: 'SN1', purchaseDate: '2024-03-15', siteAddress: '台北市信義區', province: '台北市' }, ctx);
    expect(filled).toEqual(['serial', 'purchaseDate', 'siteAddress']);
    const view = await ticketDetails(db.prisma, ticket.id);
    expect(view.details).toMatchObject({ serial: 'SN1', purchaseDate: '2024-03-15', siteAddress: '台北市信義區', province: '台北市' });
    expect(await db.prisma.ticketEvent.count({ where: { ticketId: ticket.id, kind: 'details_added' } })).toBe(1);
  });

  it('stores a purchase date given as a month at month precision and shows it back as the month', async () => {
    const ticket = await aTicket();
    await fillTicketDetails(db.prisma, ticket.id, { purchaseDate: '2024-05' }, ctx);
    expect(await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ purchaseDate: new Date('2024-05-01T00:00:00Z'), purchaseDatePrecision: 'month' });
    expect((await ticketDetails(db.prisma, ticket.id)).details.purchaseDate).toBe('2024-05');
  });

  it('never overwrites what the ticket already records', async () => {
    const ticket = await aTicket({ serial: 'ORIGINAL' });
    expect(await fillTicketDetails(db.prisma, ticket.id, { serial: 'LATER' }, ctx)).toEqual([]);
    expect((await ticketDetails(db.prisma, ticket.id)).details.serial).toBe('ORIGINAL');
  });

  it('replaces a corrected detail and records the old and new value in one event', async () => {
    const ticket = await aTicket({ serial: 'SN-WRONG' });
    expect(await correctTicketDetails(db.prisma, ticket.id, { serial: 'SN-RIGHT', siteAddress: '台北市信義區松高路1號', province: '台北市' }, ctx)).toEqual(['serial', 'siteAddress']);
    expect((await ticketDetails(db.prisma, ticket.id)).details).toMatchObject({ serial: 'SN-RIGHT', siteAddress: '台北市信義區松高路1號', province: '台北市' });
    const event = await db.prisma.ticketEvent.findFirstOrThrow({ where: { ticketId: ticket.id, kind: 'details_corrected' } });
    expect(event.data).toEqual({ serial: { from: 'SN-WRONG', to: 'SN-RIGHT' }, siteAddress: { from: null, to: '台北市信義區松高路1號' } });
  });

  it('records no correction when the value is the one already there', async () => {
    const ticket = await aTicket({ serial: 'SN1' });
    expect(await correctTicketDetails(db.prisma, ticket.id, { serial: 'SN1' }, ctx)).toEqual([]);
    expect(await db.prisma.ticketEvent.count({ where: { ticketId: ticket.id, kind: 'details_corrected' } })).toBe(0);
  });

  it('remembers the list last asked, in its order', async () => {
    const ticket = await aTicket();
    await recordDetailsRequested(db.prisma, ticket.id, ['serial', 'purchaseDate'], ctx);
    await recordDetailsRequested(db.prisma, ticket.id, ['purchaseDate'], ctx);
    expect((await ticketDetails(db.prisma, ticket.id)).requested).toEqual(['purchaseDate']);
  });
});
