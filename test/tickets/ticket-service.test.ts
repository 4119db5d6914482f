import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidTransitionError, TicketNotFoundError } from '../../src/errors/ticket-errors.js';
import {
  addNote,
  assignTicket,
  findTicketForCustomer,
  openTicket,
  parseTicketNumber,
  reopenTicket,
  resolveTicket,
  ticketHistory,
  transitionTicket,
} from '../../src/tickets/ticket-service.js';
import { aCustomer, aStaffMember } from '../support/fixtures.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/test-database.js';

const now = new Date('2026-11-25T02:00:00Z');
const ctx = { now, actor: 'test' };

describe.each(databaseKinds)('tickets on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('gives a new ticket a human-friendly number for the year and a created event', async () => {
    const { customer } = await aCustomer(db.prisma);
    const ticket = await openTicket(db.prisma, { customerId: customer.id, category: 'fault', channel: 'sms', problem: 'Printer shows E04' }, ctx);
    expect(ticket.number).toMatch(/^SR-2026-\d{6}$/);
    expect(ticket.status).toBe('new');
    const history = await ticketHistory(db.prisma, ticket.id);
    expect(history.map((e) => e.kind)).toEqual(['created']);
  });

  it('never hands out the same number to tickets created at the same time', async () => {
    const { customer } = await aCustomer(db.prisma);
    const tickets = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        openTicket(db.prisma, { customerId: customer.id, category: 'inquiry', channel: 'chat', problem: `question ${i}` }, ctx),
      ),
    );
    const numbers = new Set(tickets.map((t) => t.number));
    expect(numbers.size).toBe(25);
  });

  it('refuses an illegal move with a typed error naming both states', async () => {
    const { customer } = await aCustomer(db.prisma);
    const ticket = await openTicket(db.prisma, { customerId: customer.id, category: 'fault', channel: 'sms', problem: 'x' }, ctx);
    const attempt = transitionTicket(db.prisma, ticket.id, 'closed', ctx).then(() => transitionTicket(db.prisma, ticket.id, 'in_progress', ctx));
    await expect(attempt).rejects.toBeInstanceOf(InvalidTransitionError);
    await expect(attempt).rejects.toThrow('from closed to in_progress');
  });

  it('assigning moves a new ticket to assigned and records who and from whom', async () => {
    const { customer } = await aCustomer(db.prisma);
    const staff = await aStaffMember(db.prisma);
    const ticket = await openTicket(db.prisma, { customerId: customer.id, category: 'fault', channel: 'email', problem: 'x' }, ctx);
    const assigned = await assignTicket(db.prisma, ticket.id, staff.id, ctx);
    expect(assigned.status).toBe('assigned');
    expect(assigned.assigneeId).toBe(staff.id);
    const kinds = (await ticketHistory(db.prisma, ticket.id)).map((e) => `${e.kind}:${e.to}`);
    expect(kinds).toEqual(['created:new', `assigned:${staff.id}`, 'status_changed:assigned']);
  });

  it('goes through its whole life and keeps every step in the history', async () => {
    const { customer } = await aCustomer(db.prisma);
    const staff = await aStaffMember(db.prisma);
    const t = await openTicket(db.prisma, { customerId: customer.id, category: 'fault', channel: 'voice', problem: 'x' }, ctx);
    await transitionTicket(db.prisma, t.id, 'triaged', ctx);
    await assignTicket(db.prisma, t.id, staff.id, ctx);
    await transitionTicket(db.prisma, t.id, 'scheduled', ctx);
    await transitionTicket(db.prisma, t.id, 'in_progress', ctx);
    await addNote(db.prisma, t.id, 'replaced the fuser', ctx);
    const resolved = await resolveTicket(db.prisma, t.id, ctx);
    expect(resolved.resolvedAt).toEqual(now);
    const reopened = await reopenTicket(db.prisma, t.id, { ...ctx, reason: 'survey: dissatisfied' });
    expect(reopened.reopenCount).toBe(1);
    expect(reopened.resolvedAt).toBeNull();
    const statuses = (await ticketHistory(db.prisma, t.id)).filter((e) => e.kind === 'status_changed').map((e) => e.to);
    expect(statuses).toEqual(['triaged', 'assigned', 'scheduled', 'in_progress', 'resolved', 'reopened']);
  });

  it("shows a ticket by number to its owner only; another customer's number reads as not found", async () => {
    const owner = await aCustomer(db.prisma);
    const stranger = await aCustomer(db.prisma);
    const t = await openTicket(db.prisma, { customerId: owner.customer.id, category: 'inquiry', channel: 'chat', problem: 'x' }, ctx);
    await expect(findTicketForCustomer(db.prisma, t.number.toLowerCase(), owner.customer.id)).resolves.toMatchObject({ id: t.id });
    await expect(findTicketForCustomer(db.prisma, t.number, stranger.customer.id)).rejects.toBeInstanceOf(TicketNotFoundError);
  });
});

describe('ticket numbers in free text', () => {
  it('reads the canonical form and loose forms', () => {
    expect(parseTicketNumber('status of SR-2026-000123?')).toBe('SR-2026-000123');
    expect(parseTicketNumber('查詢工單 sr 2026 123')).toBe('SR-2026-000123');
    expect(parseTicketNumber('no number here')).toBeNull();
  });
});
