import type { TurnProcessor } from '../../bot/turn-processor.js';
import { conversationsLeftUnprocessed } from '../../bot/turn-sql.js';
import type { Clock } from '../../clock.js';
import type { SqlConnection } from '../../db/sql-connection.js';
import type { JobHandler, JobQueue } from '../job-queue.js';

/** How many conversations one sweep queues; the next sweep (a minute later) takes the rest. */
const SWEEP_BATCH = 200;

/** `turn.process`: the conversation's unprocessed messages through the bot; nobody waits, so replies go by the outbox. */
export function createTurnProcessJob(processor: () => Promise<TurnProcessor>): JobHandler<'turn.process'> {
  return async ({ conversationId }) => {
    await (await processor()).drainQueued(conversationId);
    return 'done';
  };
}

/**
 * `turn.sweep`: every inbound message stored but unprocessed for longer than `afterSeconds` (its turn
 * crashed or stalled, and no queued job finished it) gets its conversation queued for `turn.process`.
 */
export function createTurnSweepJob(deps: { sql: SqlConnection; jobs: Pick<JobQueue, 'send'>; clock: Clock; afterSeconds: number }): JobHandler<'turn.sweep'> {
  return async () => {
    const olderThan = new Date(deps.clock().getTime() - deps.afterSeconds * 1000);
    const left = await conversationsLeftUnprocessed(deps.sql, olderThan, SWEEP_BATCH);
    for (const { conversationId } of left) await deps.jobs.send('turn.process', { conversationId }, { singletonKey: `turn.process:${conversationId}` });
    return left.length > 0 ? 'done' : 'skipped';
  };
}
