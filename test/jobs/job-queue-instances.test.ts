import { afterEach, describe, expect, it } from 'vitest';
import { createJobQueue, createQueueRetryingDeadlocks, jobNames, type JobQueue } from '../../src/jobs/job-queue.js';
import { createLogger } from '../../src/logger.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('job queues of several instances on one PostgreSQL database', () => {
  let db: TestDatabase | undefined;
  const queues: JobQueue[] = [];
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((q) => q.stop()));
    await db?.close();
  });

  it.skipIf(!databaseKinds.includes('postgresql'))('start at the same moment on a fresh database, and every queue exists once', async () => {
    db = await openTestDatabase('postgresql');
    const database = db;
    queues.push(...Array.from({ length: 3 }, () => createJobQueue(database, createLogger('silent'))));
    await Promise.all(queues.map((q) => q.start({ work: false })));
    const rows = await database.sql.query<{ name: string }>(`SELECT name FROM pgboss.queue WHERE name = ANY($1::text[])`, [[...jobNames]]);
    expect(rows.map((r) => r.name).sort()).toEqual([...jobNames].sort());
  }, 60_000);
});

describe('creating a queue', () => {
  const deadlock = Object.assign(new Error('deadlock detected'), { code: '40P01' });

  it('is retried when PostgreSQL rolled it back as a deadlock victim', async () => {
    let calls = 0;
    await createQueueRetryingDeadlocks(async () => {
      calls += 1;
      if (calls < 3) throw deadlock;
    });
    expect(calls).toBe(3);
  });

  it('is not retried after any other error, nor more often than allowed', async () => {
    let calls = 0;
    await expect(createQueueRetryingDeadlocks(async () => {
      calls += 1;
      throw Object.assign(new Error('permission denied'), { code: '42501' });
    })).rejects.toThrow('permission denied');
    expect(calls).toBe(1);
    await expect(createQueueRetryingDeadlocks(() => Promise.reject(deadlock), 2)).rejects.toThrow('deadlock detected');
  });
});
