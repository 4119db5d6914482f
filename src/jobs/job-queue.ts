import type { PGlite } from '@electric-sql/pglite';
import PgBoss from 'pg-boss';
import type { Database } from '../db/db.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Logger } from '../logger.js';
import type { JobMap, JobName, JobResult } from './job-map.js';

export type JobMeta = {
  id: string;
  retryCount: number;
  /**
   * pg-boss will not run the job again if this attempt throws (its retries are used up): a handler with a
   * fallback takes it now instead of failing for good. Absent (a handler called directly): not the last.
   */
  lastAttempt?: boolean;
};

export type JobHandler<J extends JobName> = (data: JobMap[J], meta: JobMeta) => Promise<JobResult>;

export type SendOptions = {
  startAfter?: Date;
  /** One queued job per key: scheduling the same thing twice is harmless. */
  singletonKey?: string;
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** Enqueue inside the caller's transaction, so a rollback also drops the job. */
  tx?: Prisma.TransactionClient;
};

export interface JobQueue {
  send<J extends JobName>(name: J, data: JobMap[J], options?: SendOptions): Promise<string | null>;
  cancel(name: JobName, id: string): Promise<void>;
  /** Registers the handler for a job; start() refuses to run while a job has none. */
  handle<J extends JobName>(name: J, handler: JobHandler<J>, options?: { batchSize?: number; pollingIntervalSeconds?: number }): void;
  schedule(name: JobName, cron: string, timeZone: string): Promise<void>;
  /**
   * `requireAllHandlers: false` is for harnesses that wire only some jobs (tests). `workAfterMs` starts the
   * workers that long after start() returns (the app: their first polls, one per queue at once, would
   * otherwise hold up the first requests after listening; queued jobs only wait that much longer).
   */
  start(options?: { work: boolean; requireAllHandlers?: boolean; workAfterMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

/** Every job once: a Record over JobName, so a job added to the map without its queue fails the type check. */
const everyJob: Record<JobName, true> = {
  'message.send': true,
  'sla.check': true,
  'sla.sweep': true,
  'survey.send': true,
  'follow_up.send': true,
  'follow_up.call': true,
  'follow_up.call_timeout': true,
  'follow_up.sweep': true,
  'notification.deliver': true,
  'complaint.sweep': true,
  'report.monthly_complaints': true,
  'report.monthly_complaints_check': true,
  'retention.run': true,
  'mail.poll': true,
  'turn.process': true,
  'turn.sweep': true,
};
export const jobNames = Object.keys(everyJob) as readonly JobName[];

/**
 * pg-boss over PGlite: parameterless scripts run in their own transaction, so a failing statement
 * cannot leave PGlite's single connection aborted under Prisma's feet (STACK-NOTES, pitfall 2).
 */
function pgliteExecutor(pg: PGlite): PgBoss.Db {
  return {
    executeSql: async (text, values) => {
      if (values?.length) return { rows: (await pg.query(text, values)).rows };
      const results = await pg.transaction((tx) => tx.exec(text));
      return { rows: results.at(-1)?.rows ?? [] };
    },
  };
}

/** PostgreSQL's deadlock_detected: the transaction was chosen as the victim and rolled back, so retrying is safe. */
const DEADLOCK = '40P01';
const CREATE_QUEUE_ATTEMPTS = 5;

/**
 * pg-boss creates a queue as a partition of its job table (CREATE TABLE … ATTACH PARTITION) without a lock
 * of its own: two instances starting at once on a fresh database deadlock on it and one of them failed to
 * start (seen in bench/scale-bench.ts). The victim was rolled back; the retry finds the queue made by the
 * other instance and does nothing.
 */
export async function createQueueRetryingDeadlocks(create: () => Promise<unknown>, attempts = CREATE_QUEUE_ATTEMPTS): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await create();
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== DEADLOCK || attempt >= attempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 50));
    }
  }
}

function txExecutor(tx: Prisma.TransactionClient): PgBoss.Db {
  return { executeSql: async (text, values = []) => ({ rows: await tx.$queryRawUnsafe(text, ...values) }) };
}

export function createJobQueue(database: Database, logger: Logger): JobQueue {
  const boss = database.pglite
    ? new PgBoss({ db: pgliteExecutor(database.pglite), schema: 'pgboss', supervise: true, schedule: true })
    : new PgBoss({ connectionString: database.connectionString, schema: 'pgboss', max: 4 });
  boss.on('error', (err) => logger.error({ err }, 'job queue error'));
  const handlers = new Map<JobName, { handler: JobHandler<JobName>; options: { batchSize?: number; pollingIntervalSeconds?: number } }>();
  let started = false;
  let workTimer: NodeJS.Timeout | undefined;

  return {
    async send(name, data, options = {}) {
      return boss.send(name, data as object, {
        startAfter: options.startAfter,
        singletonKey: options.singletonKey,
        retryLimit: options.retryLimit ?? 5,
        retryDelay: options.retryDelaySeconds ?? 30,
        retryBackoff: true,
        ...(options.tx ? { db: txExecutor(options.tx) } : {}),
      });
    },
    async cancel(name, id) {
      await boss.cancel(name, id);
    },
    handle(name, handler, options = {}) {
      handlers.set(name, { handler: handler as unknown as JobHandler<JobName>, options });
    },
    async schedule(name, cron, tz) {
      await boss.schedule(name, cron, {}, { tz, singletonKey: name });
    },
    async start(options = { work: true }) {
      await boss.start();
      // createQueue takes an advisory lock and checks the catalogue each time (12 queues: 0.4 s of PGlite
      // start-up): on existing data one query says which queues are there, and only missing ones are made.
      const existing = new Set((await boss.getQueues()).map((q) => q.name));
      for (const name of jobNames) if (!existing.has(name)) await createQueueRetryingDeadlocks(() => boss.createQueue(name));
      started = true;
      if (!options.work) return;
      const missing = jobNames.filter((n) => !handlers.has(n));
      // A job nobody handles would wait forever in its queue: refuse to start instead.
      if (missing.length && options.requireAllHandlers !== false) throw new Error(`No handler registered for job(s): ${missing.join(', ')}`);
      if (options.workAfterMs) {
        workTimer = setTimeout(() => {
          workTimer = undefined;
          startWorkers().catch((err: unknown) => logger.error({ err }, 'job workers did not start'));
        }, options.workAfterMs);
        return;
      }
      await startWorkers();
    },
    async stop() {
      if (!started) return;
      started = false;
      clearTimeout(workTimer);
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };

  async function startWorkers(): Promise<void> {
    if (!started) return;
    for (const [name, { handler, options: workOptions }] of handlers) {
      const batchSize = workOptions.batchSize ?? 1;
      const worker: { id?: string } = {};
      worker.id = await boss.work<object>(
        name,
        { batchSize, pollingIntervalSeconds: workOptions.pollingIntervalSeconds ?? 2, includeMetadata: true },
        async (jobs) => {
          for (const job of jobs) {
            // pg-boss retries a failed job while retry_count < retry_limit (counted before this attempt).
            const lastAttempt = job.retryCount >= job.retryLimit;
            const result = await handler(job.data as never, { id: job.id, retryCount: job.retryCount, lastAttempt });
            logger.debug({ job: name, id: job.id, result }, 'job finished');
          }
          // pg-boss 10 waits out the polling interval after every fetch, even a full one: one job per
          // 2 s per instance, so a burst of deferred replies left the outbox at 0.5 a second
          // (bench/scale-bench.ts). A full batch means more may be waiting: fetch again at once.
          if (jobs.length >= batchSize && worker.id) boss.notifyWorker(worker.id);
        },
      );
    }
  }
}
