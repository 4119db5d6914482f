import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobQueue, jobNames } from '../../src/jobs/job-queue.js';
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

  it('takes the next waiting job at once after one finishes, not after the polling interval', async () => {
    const jobs = createJobQueue(db, createLogger('silent'));
    const done: string[] = [];
    for (const name of jobNames) jobs.handle(name, async () => 'done');
    // One job a fetch, polled every 30 s: three jobs within 10 s only if a finished fetch fetches again.
    jobs.handle('message.send', async ({ outboundId }) => {
      done.push(outboundId);
      return 'done';
    }, { pollingIntervalSeconds: 30 });
    try {
      await jobs.start({ work: false });
      for (const id of ['o1', 'o2', 'o3']) await jobs.send('message.send', { outboundId: id });
      await jobs.stop();
      await jobs.start({ work: true });
      await expect.poll(() => done.length, { timeout: 10_000, interval: 100 }).toBe(3);
    } finally {
      await jobs.stop();
    }
  }, 30_000);

  it('tells the handler which attempt is the last one pg-boss will make', async () => {
    const jobs = createJobQueue(db, createLogger('silent'));
    const attempts: { retryCount: number; lastAttempt?: boolean }[] = [];
    for (const name of jobNames) jobs.handle(name, async () => 'done');
    jobs.handle('mail.poll', async (_data, { retryCount, lastAttempt }) => {
      attempts.push({ retryCount, lastAttempt });
      throw new Error('provider down');
    }, { pollingIntervalSeconds: 1 });
    try {
      await jobs.start({ work: true });
      await jobs.send('mail.poll', {}, { retryLimit: 1, retryDelaySeconds: 0 });
      await expect.poll(() => attempts.length, { timeout: 15_000, interval: 100 }).toBe(2);
      expect(attempts).toEqual([
        { retryCount: 0, lastAttempt: false },
        { retryCount: 1, lastAttempt: true },
      ]);
    } finally {
      await jobs.stop();
    }
  }, 30_000);
});
