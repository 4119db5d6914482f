import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyCustomer } from '../../../src/customers/customer-service.js';
import { createLogger } from '../../../src/logger.js';
import { createMessageSendHandler, queueOutbound } from '../../../src/outbound/outbound-service.js';
import { openTicket } from '../../../src/tickets/ticket-service.js';
import { startTwilioApiServer, type TwilioApiServer } from '../../fixtures/twilio-api-server.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { databaseKinds } from '../../support/test-database.js';
import { ACCOUNT_SID, AUTH_TOKEN, aPhone, postTwilio, PUBLIC_BASE_URL, sid, smsAdapterOf, twilioEnv } from '../twilio-shared/twilio-test-kit.js';

const FROM = '+886277001234';

describe.each(databaseKinds)('outbound SMS through the Twilio REST API on %s', (kind) => {
  let api: TwilioApiServer;
  let t: TestApp;
  let deliver: ReturnType<typeof createMessageSendHandler>;
  beforeAll(async () => {
    api = await startTwilioApiServer({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    t = await startTestApp(kind, { ...twilioEnv, TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_FROM_NUMBER: FROM, TWILIO_API_BASE_URL: api.url });
    deliver = createMessageSendHandler({ db: t.db.prisma, adapters: t.app.channels, logger: createLogger('silent'), clock: t.clock });
  });
  afterAll(async () => {
    await t?.stop();
    await api?.stop();
  });

  const queue = async (to: string, text: string, extra: { purpose?: string; ticketId?: string } = {}) =>
    (await queueOutbound(t.db.prisma, t.app.jobs, { channel: 'sms', to, text, purpose: extra.purpose ?? 'follow_up' }, { ticketId: extra.ticketId })).row;

  it('is configured by account SID, auth token and a sender', () => {
    expect(smsAdapterOf(t).configured).toBe(true);
  });

  it('sends a queued message to the API with our sender and a status callback naming the row', async () => {
    const to = aPhone();
    const row = await queue(to, 'Your technician arrives at 14:00.');
    expect(await deliver({ outboundId: row.id })).toBe('done');
    const request = api.requests.at(-1)!;
    expect(request).toMatchObject({ accountSid: ACCOUNT_SID, authorized: true });
    expect(request.form).toMatchObject({ To: to, From: FROM, Body: 'Your technician arrives at 14:00.', StatusCallback: `${PUBLIC_BASE_URL}/twilio/sms/status?outboundId=${row.id}` });
    const sent = await t.db.prisma.outboundMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(sent.status).toBe('sent');
    expect(sent.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
  });

  it('records delivery reported by the status callback', async () => {
    const row = await queue(aPhone(), 'delivered soon');
    await deliver({ outboundId: row.id });
    const { providerMessageId } = await t.db.prisma.outboundMessage.findUniqueOrThrow({ where: { id: row.id } });
    const res = await postTwilio(t.url, `/twilio/sms/status?outboundId=${row.id}`, { MessageSid: providerMessageId!, MessageStatus: 'delivered', AccountSid: ACCOUNT_SID });
    expect(res.status).toBe(204);
    expect((await t.db.prisma.outboundMessage.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('delivered');
  });

  it('finds the row by MessageSid alone and ignores a late "queued" after delivery', async () => {
    const row = await queue(aPhone(), 'out of order');
    await deliver({ outboundId: row.id });
    const { providerMessageId } = await t.db.prisma.outboundMessage.findUniqueOrThrow({ where: { id: row.id } });
    await postTwilio(t.url, '/twilio/sms/status', { MessageSid: providerMessageId!, MessageStatus: 'delivered' });
    await postTwilio(t.url, '/twilio/sms/status', { MessageSid: providerMessageId!, MessageStatus: 'queued' });
    expect((await t.db.prisma.outboundMessage.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('delivered');
  });

  it('shows an undelivered message on its ticket', async () => {
    const phone = aPhone();
    const { customer } = await identifyCustomer(t.db.prisma, { kind: 'phone', address: phone });
    const ticket = await openTicket(t.db.prisma, { customerId: customer.id, category: 'fault', channel: 'sms', problem: 'x' }, { now: t.clock(), actor: 'test' });
    const row = await queue(phone, 'will bounce', { ticketId: ticket.id });
    await deliver({ outboundId: row.id });
    const { providerMessageId } = await t.db.prisma.outboundMessage.findUniqueOrThrow({ where: { id: row.id } });
    await postTwilio(t.url, `/twilio/sms/status?outboundId=${row.id}`, { MessageSid: providerMessageId!, MessageStatus: 'undelivered', ErrorCode: '30003' });
    expect(await t.db.prisma.outboundMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: 'undelivered', lastError: 'Twilio reports undelivered (error 30003)' });
    const events = await t.db.prisma.ticketEvent.findMany({ where: { ticketId: ticket.id, kind: 'message_failed' } });
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ outboundId: row.id, errorCode: '30003' });
  });

  it('records a refusal by the API on the row and the ticket, and does not retry it', async () => {
    const phone = aPhone();
    const { customer } = await identifyCustomer(t.db.prisma, { kind: 'phone', address: phone });
    const ticket = await openTicket(t.db.prisma, { customerId: customer.id, category: 'fault', channel: 'sms', problem: 'x' }, { now: t.clock(), actor: 'test' });
    const row = await queue(phone, 'refused', { ticketId: ticket.id });
    api.behave({ kind: 'error', status: 400, code: 21211, message: "The 'To' number is not a valid phone number." });
    try {
      expect(await deliver({ outboundId: row.id })).toBe('done');
    } finally {
      api.behave({ kind: 'ok' });
    }
    expect(await t.db.prisma.outboundMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: 'undelivered',
      lastError: expect.stringMatching(/error 21211/),
    });
    expect(await t.db.prisma.ticketEvent.count({ where: { ticketId: ticket.id, kind: 'message_failed' } })).toBe(1);
  });

  it('refuses a survey to a number that texted STOP, without calling the API', async () => {
    const phone = aPhone();
    await postTwilio(t.url, '/twilio/sms', { MessageSid: sid('SM'), From: phone, To: FROM, Body: 'STOP' });
    const before = api.requests.length;
    const row = await queue(phone, 'How did we do?', { purpose: 'survey' });
    expect(await deliver({ outboundId: row.id })).toBe('done');
    expect(api.requests.length).toBe(before);
    expect(await t.db.prisma.outboundMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: 'undelivered',
      lastError: expect.stringMatching(/opted out/),
    });
  });

  it('still sends a reply to a number that opted out of surveys only', async () => {
    const phone = aPhone();
    const { customer } = await identifyCustomer(t.db.prisma, { kind: 'phone', address: phone });
    await t.db.prisma.customer.update({ where: { id: customer.id }, data: { optOutSurveys: true } });
    const row = await queue(phone, 'staff answer', { purpose: 'staff_reply' });
    expect(await deliver({ outboundId: row.id })).toBe('done');
  });
});

describe.each(databaseKinds)('outbound SMS without Twilio credentials on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, twilioEnv);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('leaves the message in the outbox', async () => {
    expect(smsAdapterOf(t).configured).toBe(false);
    const { row } = await queueOutbound(t.db.prisma, t.app.jobs, { channel: 'sms', to: aPhone(), text: 'kept', purpose: 'follow_up' });
    const deliver = createMessageSendHandler({ db: t.db.prisma, adapters: t.app.channels, logger: createLogger('silent'), clock: t.clock });
    expect(await deliver({ outboundId: row.id })).toBe('done');
    expect((await t.db.prisma.outboundMessage.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('outbox');
  });
});
