import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelKind } from '../../src/messages/channel-kind.js';
import { recordInstallation, recordUnitReturned, sweepQuarterlyContacts } from '../../src/follow-ups/follow-up-service.js';
import { aCustomer } from '../support/fixtures.js';
import { databaseKinds } from '../support/test-database.js';
import { local, startScheduler, taipei } from './scheduler-fixture.js';

describe.each(databaseKinds)('follow-ups on %s', (kind) => {
  let s: Awaited<ReturnType<typeof startScheduler>>;
  beforeAll(async () => {
    s = await startScheduler(kind);
  });
  afterAll(async () => {
    await s?.t.stop();
  });

  async function returnedUnit() {
    const opened = await s.aTicket(taipei('2026-11-20T09:00'));
    await s.move(opened.ticket.id, 'resolved', taipei('2026-11-25T14:00'));
    await recordUnitReturned(s.db, opened.ticket.id, { now: taipei('2026-11-25T15:00'), actor: 'staff:test', events: s.app.events });
    const followUp = await s.db.followUp.findUniqueOrThrow({ where: { dedupeKey: `repair_checkin:${opened.ticket.id}` } });
    return { ...opened, followUp };
  }

  it('checks in three days after a repaired unit is returned, once even when the job is retried', async () => {
    const { followUp, phone } = await returnedUnit();
    expect([followUp.kind, followUp.status, local(followUp.dueAt)]).toEqual(['repair_checkin', 'scheduled', '2026-11-28T10:00']);
    expect((await s.queued('follow_up.send', 'followUpId', followUp.id)).map((j) => local(j.startAfter))).toEqual(['2026-11-28T10:00']);
    expect(await s.run.followUpSend(followUp.id, taipei('2026-11-28T10:00'))).toBe('done');
    expect(await s.run.followUpSend(followUp.id, taipei('2026-11-28T10:01'))).toBe('skipped');
    const sent = await s.db.outboundMessage.findMany({ where: { purpose: 'follow_up', ticketId: followUp.ticketId } });
    expect(sent.map((m) => [m.channel, m.to])).toEqual([['sms', phone]]);
  });

  /** One customer message through the app's turn pipeline, at `at`; the reply texts joined. */
  async function customerSays(channel: ChannelKind, from: string, text: string, at: Date, conversationKey = from): Promise<string> {
    s.t.clock.set(at);
    const result = await s.app.turn({ channel, externalId: randomUUID(), from, conversationKey, text, attachments: [], receivedAt: at, meta: {} });
    return result.replies.map((r) => r.text).join('\n');
  }

  it('starts the follow-up dialog by SMS, so a yes from the customer marks the check-in done', async () => {
    const { followUp, phone, customer } = await returnedUnit();
    await s.db.customer.update({ where: { id: customer.id }, data: { language: 'en' } });
    expect(await s.run.followUpSend(followUp.id, taipei('2026-11-28T10:00'))).toBe('done');
    const [question] = await s.db.outboundMessage.findMany({ where: { purpose: 'follow_up', customerId: customer.id } });
    expect(question).toMatchObject({ channel: 'sms', to: phone, text: expect.stringContaining('Please answer yes or no') });
    const ticketsBefore = await s.db.ticket.count({ where: { customerId: customer.id } });

    expect(await customerSays('sms', phone, 'yes, all fine', taipei('2026-11-28T10:20'))).toContain('glad to hear');
    expect(await s.db.followUp.findUniqueOrThrow({ where: { id: followUp.id } })).toMatchObject({ status: 'done', notes: 'customer: all working' });
    expect(await s.db.ticket.count({ where: { customerId: customer.id } })).toBe(ticketsBefore);
  });

  it('opens a fault ticket linked to the repaired one when the customer answers that it is broken again', async () => {
    const { followUp, phone, customer, ticket } = await returnedUnit();
    await s.db.customer.update({ where: { id: customer.id }, data: { language: 'en' } });
    await s.run.followUpSend(followUp.id, taipei('2026-11-28T10:00'));

    expect(await customerSays('sms', phone, "no, it's broken again", taipei('2026-11-28T10:20'))).toContain('describe the problem');
    let reply = await customerSays('sms', phone, 'It jams again after ten pages', taipei('2026-11-28T10:21'));
    for (let round = 0; round < 10 && !/SR-\d{4}-\d{6}/.test(reply); round++) {
      reply = await customerSays('sms', phone, /correct\?/.test(reply) ? 'yes' : 'skip', taipei('2026-11-28T10:22'));
    }
    const linked = await s.db.ticket.findFirstOrThrow({ where: { linkedTicketId: ticket.id } });
    expect(linked).toMatchObject({ customerId: customer.id, category: 'fault', channel: 'sms' });
    expect(reply).toContain(linked.number);
    expect((await s.db.followUp.findUniqueOrThrow({ where: { id: followUp.id } })).status).toBe('done');
  });

  it('starts the follow-up dialog by e-mail with a subject, and the reply in that thread continues it', async () => {
    const { customer } = await aCustomer(s.db);
    const email = `follow-${customer.id}@customer.test`;
    await s.db.customer.update({ where: { id: customer.id }, data: { language: 'en', contacts: { create: { kind: 'email', address: email } } } });
    const opened = await s.aTicket(taipei('2026-11-20T09:00'), { customerId: customer.id, channel: 'email' });
    await s.move(opened.ticket.id, 'resolved', taipei('2026-11-25T14:00'));
    await recordUnitReturned(s.db, opened.ticket.id, { now: taipei('2026-11-25T15:00'), events: s.app.events });
    const followUp = await s.db.followUp.findUniqueOrThrow({ where: { dedupeKey: `repair_checkin:${opened.ticket.id}` } });

    expect(await s.run.followUpSend(followUp.id, taipei('2026-11-28T10:00'))).toBe('done');
    const mail = await s.db.outboundMessage.findFirstOrThrow({ where: { purpose: 'follow_up', customerId: customer.id } });
    expect(mail).toMatchObject({ channel: 'email', to: email, subject: 'Checking in from after-sales service', text: expect.stringContaining(opened.ticket.number) });
    const thread = await s.db.conversation.findUniqueOrThrow({ where: { id: mail.conversationId! } });
    expect(await customerSays('email', email, 'Yes', taipei('2026-11-28T11:00'), thread.threadKey)).toContain('glad to hear');
    expect((await s.db.followUp.findUniqueOrThrow({ where: { id: followUp.id } })).status).toBe('done');
  });

  it('asks staff to call a voice customer instead of starting the dialog', async () => {
    const opened = await s.aTicket(taipei('2026-11-20T09:00'), { channel: 'voice' });
    await s.move(opened.ticket.id, 'resolved', taipei('2026-11-25T14:00'));
    await recordUnitReturned(s.db, opened.ticket.id, { now: taipei('2026-11-25T15:00'), events: s.app.events });
    const followUp = await s.db.followUp.findUniqueOrThrow({ where: { dedupeKey: `repair_checkin:${opened.ticket.id}` } });
    expect(await s.run.followUpSend(followUp.id, taipei('2026-11-28T10:00'))).toBe('done');
    expect(await s.db.outboundMessage.count({ where: { customerId: opened.customer.id } })).toBe(0);
    expect((await s.db.staffTask.findFirstOrThrow({ where: { ticketId: opened.ticket.id } })).kind).toBe('follow_up_call');
  });

  it('does not message a customer who opted out of SMS', async () => {
    const { followUp, customer } = await returnedUnit();
    await s.db.customer.update({ where: { id: customer.id }, data: { optOutSms: true } });
    expect(await s.run.followUpSend(followUp.id, taipei('2026-11-28T10:00'))).toBe('skipped');
    expect((await s.db.followUp.findUniqueOrThrow({ where: { id: followUp.id } })).status).toBe('cancelled');
    expect(await s.db.outboundMessage.count({ where: { customerId: customer.id, purpose: 'follow_up' } })).toBe(0);
  });

  it('schedules the check-in once when the return is recorded twice', async () => {
    const { ticket } = await returnedUnit();
    await recordUnitReturned(s.db, ticket.id, { now: taipei('2026-11-25T16:00'), events: s.app.events });
    expect(await s.db.followUp.count({ where: { ticketId: ticket.id } })).toBe(1);
  });

  it('cancels the check-in when the ticket is reopened', async () => {
    const { followUp } = await returnedUnit();
    await s.move(followUp.ticketId!, 'reopened', taipei('2026-11-26T09:00'));
    expect((await s.db.followUp.findUniqueOrThrow({ where: { id: followUp.id } })).status).toBe('cancelled');
    expect(await s.run.followUpSend(followUp.id, taipei('2026-11-28T10:00'))).toBe('skipped');
  });

  it('asks staff for a first call within a month of a new installation', async () => {
    const { customer } = await aCustomer(s.db);
    const asset = await s.db.asset.create({ data: { customerId: customer.id, model: 'X-200' } });
    await recordInstallation(s.db, asset.id, taipei('2026-11-25T11:00'), { now: taipei('2026-11-25T11:00'), events: s.app.events });
    const followUp = await s.db.followUp.findUniqueOrThrow({ where: { dedupeKey: `installation_call:${asset.id}` } });
    expect(local(followUp.dueAt)).toBe('2026-12-25T11:00');
    expect(await s.run.followUpSend(followUp.id, taipei('2026-11-25T11:00'))).toBe('done');
    expect(await s.run.followUpSend(followUp.id, taipei('2026-11-25T11:01'))).toBe('skipped');
    const tasks = await s.db.staffTask.findMany({ where: { customerId: customer.id } });
    expect(tasks.map((t) => [t.kind, local(t.dueAt)])).toEqual([['follow_up_call', '2026-12-25T11:00']]);
  });

  it('makes the quarterly contact a phone call: a call task for staff for every customer, once per gap', async () => {
    const quiet = await aCustomer(s.db);
    const project = (await aCustomer(s.db)).customer;
    const recent = (await aCustomer(s.db)).customer;
    await s.db.customer.update({ where: { id: quiet.customer.id }, data: { lastContactAt: taipei('2026-08-01T10:00') } });
    await s.db.customer.update({ where: { id: project.id }, data: { lastContactAt: taipei('2026-08-20T10:00'), isProjectCustomer: true } });
    await s.db.customer.update({ where: { id: recent.id }, data: { lastContactAt: taipei('2026-10-01T10:00') } });
    await s.run.followUpSweep(taipei('2026-11-25T07:30'));
    await s.run.followUpSweep(taipei('2026-11-26T07:30'));
    const rows = await s.db.followUp.findMany({ where: { kind: 'quarterly_contact', customerId: { in: [quiet.customer.id, project.id, recent.id] } } });
    expect(rows.map((r) => [r.customerId, r.channel]).sort()).toEqual([[quiet.customer.id, 'voice'], [project.id, 'voice']].sort());

    for (const row of rows) expect(await s.run.followUpSend(row.id, taipei('2026-11-25T09:00'))).toBe('done');
    expect(await s.db.outboundMessage.count({ where: { customerId: { in: [quiet.customer.id, project.id] } } })).toBe(0);
    const task = await s.db.staffTask.findFirstOrThrow({ where: { customerId: quiet.customer.id } });
    expect([task.kind, task.status, local(task.dueAt)]).toEqual(['follow_up_call', 'open', '2026-11-26T18:00']);
    expect(task.details).toMatchObject({ kind: 'quarterly_contact', phone: quiet.phone });
    expect((await s.db.staffTask.findFirstOrThrow({ where: { customerId: project.id } })).kind).toBe('follow_up_call');
  });

  it('sends the check-in at the policy’s 10:00 three days after a late-evening return, never in quiet hours', async () => {
    const opened = await s.aTicket(taipei('2026-11-20T09:00'));
    await s.move(opened.ticket.id, 'resolved', taipei('2026-11-25T14:00'));
    await recordUnitReturned(s.db, opened.ticket.id, { now: taipei('2026-11-25T22:40'), events: s.app.events });
    const followUp = await s.db.followUp.findUniqueOrThrow({ where: { dedupeKey: `repair_checkin:${opened.ticket.id}` } });
    expect(local(followUp.dueAt)).toBe('2026-11-28T10:00');
    // A job woken early (07:00, inside quiet hours) puts itself back instead of texting.
    expect(await s.run.followUpSend(followUp.id, taipei('2026-11-28T07:00'))).toBe('skipped');
    expect(await s.db.outboundMessage.count({ where: { purpose: 'follow_up', ticketId: opened.ticket.id } })).toBe(0);
    expect(await s.run.followUpSend(followUp.id, taipei('2026-11-28T10:00'))).toBe('done');
    expect(await s.db.outboundMessage.count({ where: { purpose: 'follow_up', ticketId: opened.ticket.id } })).toBe(1);
  });

  it('works through every customer due a quarterly contact, a batch a day, though the first ones are not reached', async () => {
    const due: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const { customer } = await aCustomer(s.db);
      await s.db.customer.update({ where: { id: customer.id }, data: { lastContactAt: taipei('2026-08-01T10:00') } });
      due.push(customer.id);
    }
    // Two customers a day; nobody answers, so every customer's last contact stays in August.
    const ctx = (now: Date) => ({ now, policy: s.app.policy, calendar: s.app.calendar, jobs: s.app.jobs });
    for (let day = 26; day <= 30; day += 1) await sweepQuarterlyContacts(s.db, ctx(taipei(`2026-11-${day}T07:30`)), 2);
    const rows = await s.db.followUp.findMany({ where: { kind: 'quarterly_contact', customerId: { in: due } } });
    expect(rows.map((r) => r.customerId).sort()).toEqual([...due].sort());
  });

  it('calls a customer the quarterly contact did not reach again a quarter after that attempt, not before', async () => {
    const { customer } = await aCustomer(s.db);
    await s.db.customer.update({ where: { id: customer.id }, data: { lastContactAt: taipei('2026-08-01T10:00') } });
    await s.run.followUpSweep(taipei('2026-12-01T07:30'));
    const [first] = await s.db.followUp.findMany({ where: { customerId: customer.id, kind: 'quarterly_contact' } });
    expect(await s.run.followUpSend(first!.id, taipei('2026-12-01T09:00'))).toBe('done');
    await s.run.followUpSweep(taipei('2027-02-26T07:30'));
    expect(await s.db.followUp.count({ where: { customerId: customer.id, kind: 'quarterly_contact' } })).toBe(1);
    await s.run.followUpSweep(taipei('2027-03-01T07:30'));
    const rows = await s.db.followUp.findMany({ where: { customerId: customer.id, kind: 'quarterly_contact' }, orderBy: { createdAt: 'asc' } });
    expect(rows.map((r) => local(r.createdAt))).toEqual(['2026-12-01T07:30', '2027-03-01T07:30']);
  });

  it('drops the quarterly contact when the customer gets in touch first', async () => {
    const { customer } = await aCustomer(s.db);
    await s.db.customer.update({ where: { id: customer.id }, data: { lastContactAt: taipei('2026-08-01T10:00') } });
    await s.run.followUpSweep(taipei('2026-11-25T07:30'));
    const row = await s.db.followUp.findFirstOrThrow({ where: { customerId: customer.id, kind: 'quarterly_contact' } });
    const conversation = await s.db.conversation.create({ data: { channel: 'sms', threadKey: `t-${customer.id}`, customerId: customer.id } });
    await s.db.$transaction((tx) => s.app.events.emit(tx, 'customer.message_received', { customerId: customer.id, conversationId: conversation.id, channel: 'sms' }, taipei('2026-11-25T07:45')));
    expect((await s.db.followUp.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('cancelled');
    expect(local((await s.db.customer.findUniqueOrThrow({ where: { id: customer.id } })).lastContactAt)).toBe('2026-11-25T07:45');
  });
});
