import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyCustomer } from '../../../src/customers/customer-service.js';
import { loadAppPolicy } from '../../../src/jobs/handlers/register-scheduler.js';
import { storePromises } from '../../../src/sla/sla-service.js';
import { openTicket } from '../../../src/tickets/ticket-service.js';
import { aStaffMember } from '../../support/fixtures.js';
import { databaseKinds } from '../../support/test-database.js';
import { startMailHarness, type MailHarness } from './mail-harness.js';
import { buildMail } from './mail-test-helpers.js';

describe.each(databaseKinds)('staff e-mail on a ticket on %s', (kind) => {
  const now = new Date('2026-11-25T02:00:00Z');
  let h: MailHarness;
  beforeAll(async () => {
    h = await startMailHarness(kind, { now });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it("counts a staff member's mail copied to the support box as the ticket's response", { timeout: 60_000 }, async () => {
    const db = h.db.prisma;
    const openedAt = new Date('2026-11-25T01:30:00Z');
    const { customer } = await identifyCustomer(db, { kind: 'email', address: 'carol@customer.test', name: 'Carol' });
    const ticket = await openTicket(db, { customerId: customer.id, category: 'fault', channel: 'email', problem: 'Scanner feeds two sheets' }, { now: openedAt, actor: 'bot' });
    await storePromises(db, ticket.id, { now: openedAt, ...loadAppPolicy(h.env), jobs: h.jobs });
    const staff = await aStaffMember(db, { role: 'agent' });

    const uid = h.imap.deliver(
      buildMail({ from: staff.email!, to: 'carol@customer.test', subject: `Re: [${ticket.number}] Scanner`, messageId: `staff-answer-${ticket.id}@aftercare.test`, text: 'We will send a technician.' }),
    );
    expect((await h.settled(uid)).outcome).toBe('stored');

    const promises = await db.slaPromise.findMany({ where: { ticketId: ticket.id, kind: { in: ['first_response', 'email_reply'] } }, orderBy: { kind: 'asc' } });
    expect(promises.map((p) => [p.kind, p.metAt?.toISOString()])).toEqual([
      ['email_reply', now.toISOString()],
      ['first_response', now.toISOString()],
    ]);
    expect((await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).firstRespondedAt?.toISOString()).toBe(now.toISOString());
    const responded = await db.ticketEvent.findMany({ where: { ticketId: ticket.id, kind: 'responded' } });
    expect(responded.map((e) => [e.actor, e.to])).toEqual([[`staff:${staff.id}`, 'email']]);
  });
});
