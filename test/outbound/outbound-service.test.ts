import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelAdapter } from '../../channels/channel-adapter.js';
import { AppError } from '../../src/errors/app-error.js';
import { createJobQueue, type JobQueue } from '../../src/jobs/job-queue.js';
import { createLogger } from '../../src/logger.js';
import type { OutboundMessage } from '../../src/messages/outbound-message.js';
import { createMessageSendHandler, queueOutbound } from '../../src/outbound/outbound-service.js';
import { openTicket } from '../../src/tickets/ticket-service.js';
import { aCustomer } from '../support/fixtures.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/test-database.js';

const logger = createLogger('silent');
const clock = () => new Date('2026-11-25T02:00:00Z');

class RecipientRefused extends AppError {
  readonly code = 'test.refused';
}

/** An adapter standing in for a provider: it records what it was asked to send, or fails. */
function recordingAdapter(fail: false | 'transient' | 'permanent' = false): ChannelAdapter & { sent: OutboundMessage[] } {
  const sent: OutboundMessage[] = [];
  return {
    kind: 'sms',
    configured: true,
    sent,
    send: async (m) => {
      if (fail === 'transient') throw new Error('provider said 503');
      if (fail === 'permanent') throw new RecipientRefused('recipient opted out');
      sent.push(m);
      return { providerMessageId: `SM${sent.length}` };
    },
  };
}

describe.each(databaseKinds)('outbound messages on %s', (kind) => {
  let db: TestDatabase;
  let jobs: JobQueue;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    jobs = createJobQueue(db, logger);
    await jobs.start({ work: false });
  });
  afterAll(async () => {
    await jobs?.stop();
    await db?.close();
  });

  it('stores the message and its delivery job together', async () => {
    const { row } = await queueOutbound(db.prisma, jobs, { channel: 'sms', to: '+886912000001', text: 'hello' });
    const queued = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'message.send' AND data->>'outboundId' = $1`,
      row.id,
    );
    expect(queued[0]?.n).toBe(1);
  });

  it('drops the delivery job when the surrounding transaction rolls back', async () => {
    const attempt = db.prisma.$transaction(async (tx) => {
      await queueOutbound(tx, jobs, { channel: 'sms', to: '+886912000002', text: 'never' });
      throw new Error('rollback');
    });
    await expect(attempt).rejects.toThrow('rollback');
    expect(await db.prisma.outboundMessage.count({ where: { to: '+886912000002' } })).toBe(0);
  });

  it('sends once for the same idempotency key', async () => {
    const a = await queueOutbound(db.prisma, jobs, { channel: 'sms', to: '+886912000003', text: 'survey' }, { idempotencyKey: 'survey:1' });
    const b = await queueOutbound(db.prisma, jobs, { channel: 'sms', to: '+886912000003', text: 'survey' }, { idempotencyKey: 'survey:1' });
    expect(b.created).toBe(false);
    expect(b.row.id).toBe(a.row.id);
  });

  it('keeps the message in the outbox when the channel has no credentials', async () => {
    const { row } = await queueOutbound(db.prisma, jobs, { channel: 'email', to: 'a@example.com', text: 'hi' });
    const handler = createMessageSendHandler({ db: db.prisma, adapters: new Map(), logger, clock });
    expect(await handler({ outboundId: row.id })).toBe('done');
    expect((await db.prisma.outboundMessage.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('outbox');
  });

  it('delivers through the adapter once, even when the job runs twice', async () => {
    const adapter = recordingAdapter();
    const { row } = await queueOutbound(db.prisma, jobs, { channel: 'sms', to: '+886912000004', text: 'your ticket' });
    const handler = createMessageSendHandler({ db: db.prisma, adapters: new Map([['sms', adapter]]), logger, clock });
    expect(await handler({ outboundId: row.id })).toBe('done');
    expect(await handler({ outboundId: row.id })).toBe('skipped');
    expect(adapter.sent.map((m) => m.text)).toEqual(['your ticket']);
    expect(await db.prisma.outboundMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: 'sent', providerMessageId: 'SM1' });
  });

  it('records a failure on the row and the ticket, and throws so the queue retries', async () => {
    const { customer } = await aCustomer(db.prisma);
    const ticket = await openTicket(db.prisma, { customerId: customer.id, category: 'fault', channel: 'sms', problem: 'x' }, { now: clock(), actor: 'test' });
    const { row } = await queueOutbound(db.prisma, jobs, { channel: 'sms', to: '+886912000005', text: 'x' }, { ticketId: ticket.id });
    const handler = createMessageSendHandler({ db: db.prisma, adapters: new Map([['sms', recordingAdapter('transient')]]), logger, clock });
    await expect(handler({ outboundId: row.id })).rejects.toThrow('503');
    expect(await db.prisma.outboundMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: 'failed', attempts: 1, lastError: 'provider said 503' });
    expect(await db.prisma.ticketEvent.count({ where: { ticketId: ticket.id, kind: 'message_failed' } })).toBe(1);
  });

  it('gives up at once, without a retry, when the provider refuses for good', async () => {
    const { row } = await queueOutbound(db.prisma, jobs, { channel: 'sms', to: '+886912000006', text: 'x' });
    const handler = createMessageSendHandler({ db: db.prisma, adapters: new Map([['sms', recordingAdapter('permanent')]]), logger, clock });
    expect(await handler({ outboundId: row.id })).toBe('done');
    expect(await db.prisma.outboundMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: 'undelivered', lastError: 'recipient opted out' });
  });

  it('does not move a row that a delivery callback already marked delivered back to sent', async () => {
    const { row } = await queueOutbound(db.prisma, jobs, { channel: 'sms', to: '+886912000007', text: 'x' });
    const racing: ChannelAdapter = {
      kind: 'sms',
      configured: true,
      send: async () => {
        await db.prisma.outboundMessage.update({ where: { id: row.id }, data: { status: 'delivered' } });
        return { providerMessageId: 'SMfast' };
      },
    };
    const handler = createMessageSendHandler({ db: db.prisma, adapters: new Map([['sms', racing]]), logger, clock });
    await handler({ outboundId: row.id });
    expect(await db.prisma.outboundMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: 'delivered', providerMessageId: 'SMfast' });
  });
});
