import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { judgeScale, type ScaleFacts } from '../../bench/scale/scale-accounting.js';
import { readScaleFacts } from '../../bench/scale/scale-check.js';
import { createJobQueue, type JobQueue } from '../../src/jobs/job-queue.js';
import { createLogger } from '../../src/logger.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/test-database.js';

/** A database after a crafted run: customer, conversation, and inbound SMS as the test says, each with its replies. */
async function craft(db: TestDatabase, inbound: { sid: string; processed: boolean; replies: string[] }[]): Promise<void> {
  const customer = randomUUID();
  const conversation = randomUUID();
  await db.sql.query(`INSERT INTO "Customer" (id, "updatedAt") VALUES ($1, now())`, [customer]);
  await db.sql.query(`INSERT INTO "Conversation" (id, channel, "threadKey", "customerId", "updatedAt") VALUES ($1, 'sms', '+886910000001', $2, now())`, [conversation, customer]);
  const message = `INSERT INTO "Message" (id, "conversationId", "customerId", direction, channel, "externalId", "inReplyToId", author, text, "processedAt") VALUES ($1, $2, $3, $4::"Direction", 'sms', $5, $6, $7, $8, $9)`;
  for (const m of inbound) {
    const id = randomUUID();
    await db.sql.query(message, [id, conversation, customer, 'inbound', m.sid, null, 'customer', 'What are your opening hours?', m.processed ? new Date() : null]);
    for (const text of m.replies) await db.sql.query(message, [randomUUID(), conversation, customer, 'outbound', null, id, 'bot', text, null]);
  }
}

describe.skipIf(!databaseKinds.includes('postgresql'))('the scale bench’s check of a shared database', () => {
  let db: TestDatabase | undefined;
  let jobs: JobQueue | undefined;
  afterEach(async () => {
    await jobs?.stop();
    await db?.close();
  });

  async function open(): Promise<TestDatabase> {
    db = await openTestDatabase('postgresql');
    jobs = createJobQueue(db, createLogger('silent'));
    await jobs.start({ work: false });
    // A schedule that does not fire during the test: the firings below are the crafted ones.
    await jobs.schedule('turn.sweep', '0 0 1 1 *', 'UTC');
    return db;
  }

  it('finds nothing wrong when every acknowledged message is stored, processed and answered once', async () => {
    const database = await open();
    await craft(database, [
      { sid: 'SM1', processed: true, replies: ['We are open 9 to 6.'] },
      { sid: 'SM2', processed: true, replies: ['We are open 9 to 6.', 'Anything else?'] },
    ]);
    const verdict = judgeScale(await readScaleFacts(database.connectionString!, ['SM1', 'SM2']));
    expect(verdict).toMatchObject({ lost: 0, duplicates: 0, unprocessed: 0, unanswered: 0 });
  }, 60_000);

  it('counts an acknowledged message without a row as lost and a reply stored twice as a duplicate', async () => {
    const database = await open();
    await craft(database, [
      { sid: 'SM1', processed: true, replies: ['We are open 9 to 6.', 'We are open 9 to 6.'] },
      { sid: 'SM2', processed: true, replies: ['We are open 9 to 6.'] },
    ]);
    const verdict = judgeScale(await readScaleFacts(database.connectionString!, ['SM1', 'SM2', 'SM3']));
    expect({ lost: verdict.lost, duplicates: verdict.duplicates }).toEqual({ lost: 1, duplicates: 1 });
    expect(verdict.examples.acknowledgedNotStored).toEqual(['sms:SM3']);
    expect(verdict.parts.doubledReplies).toBe(1);
  }, 60_000);

  it('counts a message left unprocessed, one processed without a reply, and a cron firing that made two jobs', async () => {
    const database = await open();
    await craft(database, [
      { sid: 'SM1', processed: false, replies: [] },
      { sid: 'SM2', processed: true, replies: [] },
    ]);
    await database.sql.query(`INSERT INTO pgboss.job (name, singleton_key, singleton_on, data) VALUES ('__pgboss__send-it', 'turn.sweep', date_trunc('minute', now()), '{}')`, []);
    await jobs!.send('turn.sweep', {});
    await jobs!.send('turn.sweep', {});
    const verdict = judgeScale(await readScaleFacts(database.connectionString!, ['SM1', 'SM2']));
    expect(verdict).toMatchObject({ lost: 0, duplicates: 1, unprocessed: 1, unanswered: 1 });
    expect(verdict.parts.cronDoubled).toBe(1);
  }, 60_000);
});

describe('the scale verdict', () => {
  const facts: ScaleFacts = {
    acked: [{ channel: 'sms', externalId: 'SM1' }],
    inbound: [{ id: 'm1', channel: 'sms', externalId: 'SM1', processed: true }],
    replies: [{ inReplyToId: 'm1', text: 'Hello' }],
    tickets: [],
    jobs: [],
    expectedJobKeys: [],
    cronTriggers: [
      { id: 't1', name: 'sla.sweep', slot: '2026-11-30T13:00' },
      { id: 't2', name: 'sla.sweep', slot: '2026-11-30T13:01' },
      { id: 't3', name: 'turn.sweep', slot: '2026-11-30T13:01' },
      { id: 't4', name: 'turn.sweep', slot: '2026-11-30T13:02' },
    ],
    cronJobs: [
      { id: 'j1', name: 'sla.sweep' },
      { id: 'j2', name: 'sla.sweep' },
      { id: 'j3', name: 'turn.sweep' },
    ],
    outbox: [{ id: 'o1' }, { id: 'o2' }],
  };

  it('does not count one firing a minute per queue, nor a firing whose job is not made yet, as doubled', () => {
    expect(judgeScale(facts).duplicates).toBe(0);
  });

  it('counts a minute that fired twice as doubled', () => {
    const verdict = judgeScale({ ...facts, cronTriggers: [...facts.cronTriggers, { id: 't5', name: 'sla.sweep', slot: '2026-11-30T13:01' }] });
    expect(verdict.parts.cronDoubled).toBe(1);
    expect(verdict.examples.cronDoubled).toEqual(['sla.sweep 2026-11-30T13:01 fired ×2']);
  });

  it('counts an outbox reply the provider received twice as a duplicate and one it never received as lost, and who sent what', () => {
    const verdict = judgeScale({
      ...facts,
      providerSends: [
        { outboundId: 'o1', instance: 'i0' },
        { outboundId: 'o1', instance: 'i1' },
      ],
    });
    expect({ lost: verdict.lost, duplicates: verdict.duplicates }).toEqual({ lost: 1, duplicates: 1 });
    expect(verdict.examples).toMatchObject({ neverSent: ['o2'], sentTwice: ['o1 ×2'] });
    expect(verdict.sentBy).toEqual({ i0: 1, i1: 1 });
  });

  it('does not judge sends when the instances sent through no provider it could see', () => {
    expect(judgeScale(facts).lost).toBe(0);
  });
});
