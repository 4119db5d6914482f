import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advisoryLockLeadership, soleLeadership } from '../../../channels/email/mailbox-leader.js';
import { createLogger } from '../../../src/logger.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../support/test-database.js';
import { eventually } from './mail-test-helpers.js';

const logger = createLogger('silent');

describe('mailbox leadership on embedded PGlite', () => {
  it('always leads: one process owns the data directory', async () => {
    expect(await soleLeadership().tryAcquire()).toBe(true);
  });
});

describe.each(databaseKinds.filter((k) => k === 'postgresql'))('mailbox leadership on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('lets one instance poll a mailbox and hands over when it stops', async () => {
    const a = advisoryLockLeadership(db.connectionString!, 'support@imap:993/INBOX', logger);
    const b = advisoryLockLeadership(db.connectionString!, 'support@imap:993/INBOX', logger);
    expect(await a.tryAcquire()).toBe(true);
    expect(await b.tryAcquire()).toBe(false);
    await a.release();
    expect(await b.tryAcquire()).toBe(true);
    await b.release();
  });

  it('lets another mailbox be polled at the same time', async () => {
    const a = advisoryLockLeadership(db.connectionString!, 'support@imap:993/INBOX', logger);
    const b = advisoryLockLeadership(db.connectionString!, 'sales@imap:993/INBOX', logger);
    expect([await a.tryAcquire(), await b.tryAcquire()]).toEqual([true, true]);
    await a.release();
    await b.release();
  });

  it('notices when its lock connection is cut', async () => {
    const a = advisoryLockLeadership(db.connectionString!, 'support@imap:993/Cut', logger);
    let lost = false;
    a.onLost(() => (lost = true));
    expect(await a.tryAcquire()).toBe(true);
    await db.prisma.$executeRawUnsafe(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'aftercare-mail-leader' AND datname = current_database()`);
    await eventually(async () => lost);
    const b = advisoryLockLeadership(db.connectionString!, 'support@imap:993/Cut', logger);
    expect(await b.tryAcquire()).toBe(true);
    await b.release();
    await a.release();
  });
});
