import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstStartSupervisor, hashToken } from '../../src/console/staff-auth.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('the first start of a new installation', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await db?.close();
  });

  it('issues one supervisor token, stored only as its hash, and none once someone can sign in', async () => {
    const token = await firstStartSupervisor(db.prisma);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const supervisor = await db.prisma.staff.findUniqueOrThrow({ where: { tokenHash: hashToken(token!) } });
    expect(supervisor).toMatchObject({ role: 'supervisor', active: true });
    expect(JSON.stringify(supervisor)).not.toContain(token);
    expect(await firstStartSupervisor(db.prisma)).toBeNull();
  });
});
