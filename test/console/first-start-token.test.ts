import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstStartAdmin } from '../../src/console/staff-auth.js';
import { verifyPassword } from '../../src/console/password.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('the first start of a new installation', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await db?.close();
  });

  it('creates one admin with a one-time password, stored only as its scrypt hash, and none once someone can sign in', async () => {
    const first = await firstStartAdmin(db.prisma, 'Admin@Example.test');
    expect(first).toMatchObject({ email: 'admin@example.test' });
    expect(first!.password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    const admin = await db.prisma.staff.findUniqueOrThrow({ where: { email: 'admin@example.test' } });
    expect(admin).toMatchObject({ role: 'admin', active: true, mustChangePassword: true });
    expect(admin.passwordHash).toMatch(/^scrypt\$/);
    expect(JSON.stringify(admin)).not.toContain(first!.password);
    expect(await verifyPassword(first!.password, admin.passwordHash!)).toBe(true);
    expect(await firstStartAdmin(db.prisma, 'admin@example.test')).toBeNull();
  });
});
