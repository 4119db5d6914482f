import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import type { Db } from '../../src/db/db.js';
import { createEventBus } from '../../src/events/event-bus.js';
import { loadAppPolicy, registerScheduler } from '../../src/jobs/handlers/register-scheduler.js';
import type { JobQueue } from '../../src/jobs/job-queue.js';
import type { Logger } from '../../src/logger.js';

/** Start-up wiring with the shipped policy at `now`; returns what was logged as a warning. */
function startUpAt(now: string): string[] {
  const warnings: string[] = [];
  const { policy, calendar } = loadAppPolicy({ POLICY_FILE: 'config/policy.yaml', HOME_PROVINCE: undefined });
  registerScheduler({
    db: {} as Db, // not touched while wiring
    clock: fixedClock(now),
    events: createEventBus(),
    jobs: { handle: () => undefined } as unknown as JobQueue,
    policy,
    calendar,
    env: { SUPERVISOR_EMAILS: [], BUSINESS_TZ: 'Asia/Taipei', RETENTION_YEARS: undefined, CHECK_IN_CALL_RESULT_TIMEOUT_MINUTES: 30 },
    logger: { warn: (...args: unknown[]) => void warnings.push(String(args.at(-1))), info: () => undefined } as unknown as Pick<Logger, 'warn' | 'info'>,
  });
  return warnings;
}

describe('start-up', () => {
  it('warns when the official holiday calendar does not cover the next 90 days (2027-10-03: 90 days reach 2028)', () => {
    expect(startUpAt('2027-10-03T02:00:00Z')).toEqual([expect.stringContaining('official calendar ends 2027-12-31')]);
  });

  it('says nothing about the calendar while it covers the next 90 days', () => {
    expect(startUpAt('2026-11-30T02:00:00Z')).toEqual([]);
  });
});
