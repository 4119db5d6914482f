import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/messages/inbound-message.js';
import { createTurn } from '../../src/bot/turn.js';
import { createTurnProcessor, type TurnProcessor } from '../../src/bot/turn-processor.js';
import { createTurnProcessJob, createTurnSweepJob } from '../../src/jobs/handlers/turn-jobs.js';
import type { JobMap, JobName } from '../../src/jobs/job-map.js';
import { databaseKinds } from '../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialogs/dialog-harness.js';

const question = 'What are your opening hours?';

describe.each(databaseKinds)('store first, then think, on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  const sms = (from: string, text: string, externalId = `SM${randomUUID().replaceAll('-', '')}`): InboundMessage => ({
    channel: 'sms',
    externalId,
    from,
    conversationKey: from,
    text,
    attachments: [],
    receivedAt: h.clock(),
    meta: {},
  });
  /** A process that dies right after the insert: the bot never runs. */
  const crashing: TurnProcessor = {
    drain: async () => {
      throw new Error('killed mid-turn');
    },
    drainQueued: async () => undefined,
  };
  const rowOf = (externalId: string) => h.db.prisma.message.findUniqueOrThrow({ where: { channel_externalId: { channel: 'sms', externalId } } });
  const smsRepliesQueuedFor = (externalId: string) => h.db.prisma.outboundMessage.findMany({ where: { idempotencyKey: { startsWith: `sms-reply:${externalId}:` } } });
  const processJob = () => createTurnProcessJob(async () => createTurnProcessor(h.deps));

  it('keeps the message of a turn that dies after the insert, and the queue processes it once', async () => {
    const message = sms(aPhone(), question);
    const result = await createTurn(h.deps, crashing)(message, { replyWithinMs: 1_000 });
    expect(result).toMatchObject({ deferred: true, replies: [] });
    const stored = await rowOf(message.externalId);
    expect(stored.processedAt).toBeNull();

    await processJob()({ conversationId: stored.conversationId }, { id: 'job-1', retryCount: 0 });
    await processJob()({ conversationId: stored.conversationId }, { id: 'job-2', retryCount: 0 });

    expect((await rowOf(message.externalId)).processedAt).not.toBeNull();
    expect(await h.db.prisma.message.count({ where: { inReplyToId: stored.id } })).toBeGreaterThan(0);
    const queued = await smsRepliesQueuedFor(message.externalId);
    expect(queued.length).toBe(await h.db.prisma.message.count({ where: { inReplyToId: stored.id } }));
  });

  it('sweeps up a message left unprocessed longer than the configured age, and only that one', async () => {
    const sent: { name: JobName; data: unknown }[] = [];
    const jobs = { send: async <J extends JobName>(name: J, data: JobMap[J]) => (sent.push({ name, data }), 'id') };
    const left = sms(aPhone(), question);
    await expect(createTurn(h.deps, crashing)(left)).rejects.toThrow('killed mid-turn');
    const stored = await rowOf(left.externalId);

    const sweepAt = (secondsLater: number) =>
      createTurnSweepJob({ sql: h.db.sql, jobs, clock: () => new Date(h.clock().getTime() + secondsLater * 1000), afterSeconds: 60 })({}, { id: 'sweep', retryCount: 0 });
    await sweepAt(30);
    expect(sent.filter((j) => (j.data as { conversationId: string }).conversationId === stored.conversationId)).toEqual([]);
    await sweepAt(61);
    expect(sent).toContainEqual({ name: 'turn.process', data: { conversationId: stored.conversationId } });

    for (const job of sent) await processJob()(job.data as JobMap['turn.process'], { id: 'job', retryCount: 0 });
    expect((await rowOf(left.externalId)).processedAt).not.toBeNull();
    sent.length = 0;
    await sweepAt(3_600);
    expect(sent).toEqual([]);
  });

  it('gives duplicate deliveries one message and one set of replies', async () => {
    const turn = createTurn(h.deps);
    const message = sms(aPhone(), question);
    const results = await Promise.all(Array.from({ length: 5 }, () => turn(message)));
    const stored = await rowOf(message.externalId);
    expect(await h.db.prisma.message.count({ where: { channel: 'sms', externalId: message.externalId } })).toBe(1);
    const replies = await h.db.prisma.message.count({ where: { inReplyToId: stored.id } });
    expect(replies).toBeGreaterThan(0);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    for (const result of results) expect(result.replies).toHaveLength(replies);
  });

  it('processes a message once when two processors (two instances) take the conversation at the same time', async () => {
    const message = sms(aPhone(), question);
    await expect(createTurn(h.deps, crashing)(message)).rejects.toThrow();
    const stored = await rowOf(message.externalId);
    const [a, b] = [createTurnProcessor(h.deps), createTurnProcessor(h.deps)];
    await Promise.all([a.drain(stored.conversationId), b.drain(stored.conversationId)]);
    const replies = await h.db.prisma.message.count({ where: { inReplyToId: stored.id } });
    expect(replies).toBeGreaterThan(0);
    expect((await smsRepliesQueuedFor(message.externalId)).length).toBe(replies);
  });

  it('answers a known customer’s message only after an older one still waiting in the conversation', async () => {
    const phone = aPhone();
    await createTurn(h.deps)(sms(phone, question));
    const older = sms(phone, 'My printer is broken');
    await expect(createTurn(h.deps, crashing)(older)).rejects.toThrow();
    const newer = sms(phone, question);
    const result = await createTurn(h.deps)(newer);
    const [a, b] = [await rowOf(older.externalId), await rowOf(newer.externalId)];
    expect(a.processedAt).not.toBeNull();
    const olderReply = await h.db.prisma.message.findFirstOrThrow({ where: { inReplyToId: a.id }, orderBy: { seq: 'asc' } });
    const newerReplies = await h.db.prisma.message.findMany({ where: { inReplyToId: b.id }, orderBy: { seq: 'asc' } });
    expect(olderReply.seq).toBeLessThan(newerReplies[0]!.seq);
    expect(result.replies.map((r) => r.text)).toEqual(newerReplies.map((r) => r.text));
  });

  it('runs a conversation’s waiting messages in the order they arrived', async () => {
    const phone = aPhone();
    const first = sms(phone, 'My printer is broken');
    const second = sms(phone, question);
    await expect(createTurn(h.deps, crashing)(first)).rejects.toThrow();
    await expect(createTurn(h.deps, crashing)(second)).rejects.toThrow();
    const { conversationId } = await rowOf(first.externalId);
    await createTurnProcessor(h.deps).drain(conversationId);
    const [a, b] = [await rowOf(first.externalId), await rowOf(second.externalId)];
    expect(a.processedAt).not.toBeNull();
    expect(b.processedAt).not.toBeNull();
    const firstReply = await h.db.prisma.message.findFirstOrThrow({ where: { inReplyToId: a.id }, orderBy: { seq: 'asc' } });
    const secondReply = await h.db.prisma.message.findFirstOrThrow({ where: { inReplyToId: b.id }, orderBy: { seq: 'asc' } });
    expect(firstReply.seq).toBeLessThan(secondReply.seq);
  });
});
