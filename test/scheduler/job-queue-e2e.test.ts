import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordUnitReturned } from '../../src/follow-ups/follow-up-service.js';
import { databaseKinds } from '../support/test-database.js';
import { startScheduler, taipei } from './scheduler-fixture.js';

/** Polls until `check` returns a value (pg-boss picks jobs up on its own schedule). */
async function eventually<T>(check: () => Promise<T | null | undefined>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await sleep(200);
  }
}

describe.each(databaseKinds)('scheduled jobs through pg-boss on %s', (kind) => {
  let s: Awaited<ReturnType<typeof startScheduler>>;
  beforeAll(async () => {
    s = await startScheduler(kind, { JOBS_ENABLED: 'true' });
  });
  afterAll(async () => {
    await s?.t.stop();
  });

  it('runs a delayed survey job by itself once its start time comes', async () => {
    const { ticket } = await s.aTicket(taipei('2026-11-25T09:00'));
    await s.move(ticket.id, 'resolved', taipei('2026-11-25T15:00'));
    const survey = await s.db.survey.findFirstOrThrow({ where: { ticketId: ticket.id } });
    s.t.clock.set(taipei('2026-11-26T10:05'));
    await s.app.jobs.send('survey.send', { surveyId: survey.id }, { startAfter: new Date(Date.now() + 1_000) });
    const sent = await eventually(async () => {
      const row = await s.db.survey.findUniqueOrThrow({ where: { id: survey.id } });
      return row.status === 'sent' ? row : null;
    });
    expect(sent.sentAt?.toISOString()).toBe(taipei('2026-11-26T10:05').toISOString());
    const message = await eventually(() => s.db.outboundMessage.findFirst({ where: { purpose: 'survey', ticketId: ticket.id, status: 'outbox' } }));
    expect(message.channel).toBe('sms');
  });

  it('runs a follow-up job by itself and starts the follow-up dialog with the customer', async () => {
    const { ticket, customer, phone } = await s.aTicket(taipei('2026-11-25T09:00'));
    await s.db.customer.update({ where: { id: customer.id }, data: { language: 'en' } });
    await s.move(ticket.id, 'resolved', taipei('2026-11-25T15:00'));
    await recordUnitReturned(s.db, ticket.id, { now: taipei('2026-11-25T16:00'), events: s.app.events });
    const followUp = await s.db.followUp.findUniqueOrThrow({ where: { dedupeKey: `repair_checkin:${ticket.id}` } });
    s.t.clock.set(taipei('2026-11-28T10:05'));
    await s.app.jobs.send('follow_up.send', { followUpId: followUp.id }, { startAfter: new Date(Date.now() + 1_000) });
    const message = await eventually(() => s.db.outboundMessage.findFirst({ where: { purpose: 'follow_up', ticketId: ticket.id } }));
    expect(message).toMatchObject({ channel: 'sms', to: phone, text: expect.stringContaining('Please answer yes or no') });
  });
});
