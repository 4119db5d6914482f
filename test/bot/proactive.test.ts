import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSurveyStarter } from '../../src/bot/proactive.js';
import { identifyCustomer } from '../../src/customers/customer-service.js';
import { sendSurvey } from '../../src/surveys/survey-service.js';
import { openTicket } from '../../src/tickets/ticket-service.js';
import { databaseKinds } from '../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialogs/dialog-harness.js';

describe.each(databaseKinds)('proactive dialogs on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("starts the survey dialog inside the survey job's transaction and queues its first question once", async () => {
    const phone = aPhone();
    const { customer } = await identifyCustomer(h.db.prisma, { kind: 'phone', address: phone, language: 'zh-Hant' });
    const ticket = await openTicket(h.db.prisma, { customerId: customer.id, category: 'fault', channel: 'sms', problem: 'jam' }, { now: h.clock(), actor: 'test' });
    await h.db.prisma.ticket.update({ where: { id: ticket.id }, data: { status: 'resolved', resolvedAt: h.clock() } });
    const survey = await h.db.prisma.survey.create({ data: { ticketId: ticket.id, customerId: customer.id, channel: 'sms', scheduledFor: h.clock() } });
    const ctx = { now: h.clock(), policy: h.deps.policy, calendar: h.deps.calendar, jobs: h.deps.jobs, startDialog: createSurveyStarter(h.deps) };

    expect(await sendSurvey(h.db.prisma, survey.id, ctx)).toBe('done');
    expect(await sendSurvey(h.db.prisma, survey.id, ctx)).toBe('skipped');

    const queued = await h.db.prisma.outboundMessage.findMany({ where: { customerId: customer.id, purpose: 'survey' } });
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ channel: 'sms', to: phone, text: expect.stringContaining('服務態度') });
    // The customer's answer continues the dialog through the ordinary turn.
    expect(await h.say(phone, '5')).toContain('技術水準');
    expect((await h.db.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } })).attitude).toBe(5);
  });
});
