import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobQueue } from '../../src/jobs/job-queue.js';
import { createLogger } from '../../src/logger.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('the job queue', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await db?.close();
  });

  it('refuses to start working while a job has no handler, naming the job', async () => {
    const jobs = createJobQueue(db, createLogger('silent'));
    jobs.handle('message.send', async () => 'done');
    try {
      await expect(jobs.start({ work: true })).rejects.toThrow(/No handler registered for job\(s\): .*sla\.check/);
    } finally {
      await jobs.stop();
    }
  });
});
