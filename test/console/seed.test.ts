import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../scripts/seed.js';
import { verifyPassword } from '../../src/console/password.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/test-database.js';

describe.each(databaseKinds)('demo seed on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('creates customers, products, staff with one-time passwords, tickets and a handed-off conversation, and changes nothing when rerun', async () => {
    const now = new Date('2026-11-25T02:00:00Z');
    const first = await seedDemo(db.prisma, { now });
    expect(first.created).toEqual({ customers: 3, tickets: 5 });
    const supervisor = await db.prisma.staff.findUniqueOrThrow({ where: { email: first.supervisorEmail } });
    const issued = first.passwords.find((p) => p.email === first.supervisorEmail)!;
    expect(first.passwords.map((p) => p.role).sort()).toEqual(['agent', 'engineer', 'supervisor']);
    expect(supervisor.mustChangePassword).toBe(true);
    expect(await verifyPassword(issued.password, supervisor.passwordHash!)).toBe(true);
    const counts = async () => ({
      customers: await db.prisma.customer.count(),
      contacts: await db.prisma.contactPoint.count(),
      assets: await db.prisma.asset.count(),
      staff: await db.prisma.staff.count(),
      tickets: await db.prisma.ticket.count(),
      messages: await db.prisma.message.count(),
    });
    const before = await counts();
    expect(before).toEqual({ customers: 3, contacts: 4, assets: 3, staff: 3, tickets: 5, messages: 2 });
    const statuses = (await db.prisma.ticket.findMany({ select: { status: true } })).map((t) => t.status).sort();
    expect(statuses).toEqual(['closed', 'in_progress', 'new', 'new', 'waiting_customer']);
    expect(await db.prisma.conversation.count({ where: { state: 'waiting_staff' } })).toBe(1);

    const second = await seedDemo(db.prisma, { now });
    expect(second).toMatchObject({ passwords: [], created: { customers: 0, tickets: 0 } });
    expect(await counts()).toEqual(before);
    expect((await db.prisma.staff.findUniqueOrThrow({ where: { email: first.supervisorEmail } })).passwordHash).toBe(supervisor.passwordHash);
  });
});
