import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordSurveyAnswer } from '../../src/surveys/survey-service.js';
import { aStaffMember } from '../support/fixtures.js';
import { databaseKinds } from '../support/test-database.js';
import { local, startScheduler, taipei } from './scheduler-fixture.js';

describe.each(databaseKinds)('satisfaction surveys on %s', (kind) => {
  let s: Awaited<ReturnType<typeof startScheduler>>;
  beforeAll(async () => {
    s = await startScheduler(kind);
  });
  afterAll(async () => {
    await s?.t.stop();
  });

  /** A ticket resolved on Wednesday 15:00 Taipei, with its survey scheduled. */
  async function resolvedTicket(input: Parameters<typeof s.aTicket>[1] = {}) {
    const opened = await s.aTicket(taipei('2026-11-25T09:00'), input);
    await s.move(opened.ticket.id, 'resolved', taipei('2026-11-25T15:00'));
    const survey = await s.db.survey.findFirstOrThrow({ where: { ticketId: opened.ticket.id } });
    return { ...opened, survey };
  }
  const answer = (surveyId: string, answers: Parameters<typeof recordSurveyAnswer>[1]['answers'], complete: boolean, now = taipei('2026-11-26T10:30')) =>
    recordSurveyAnswer(s.db, { surveyId, answers, complete }, { now, events: s.app.events, jobs: s.app.jobs });

  it('schedules the survey for 10:00 local the day after the service is completed', async () => {
    const { survey } = await resolvedTicket();
    expect([survey.status, survey.round, survey.channel, local(survey.scheduledFor)]).toEqual(['scheduled', 1, 'sms', '2026-11-26T10:00']);
    expect((await s.queued('survey.send', 'surveyId', survey.id)).map((j) => local(j.startAfter))).toEqual(['2026-11-26T10:00']);
  });

  it('sends the survey once even when the job is retried', async () => {
    const { survey, phone } = await resolvedTicket();
    expect(await s.run.surveySend(survey.id, taipei('2026-11-26T10:00'))).toBe('done');
    expect(await s.run.surveySend(survey.id, taipei('2026-11-26T10:01'))).toBe('skipped');
    const sent = await s.db.outboundMessage.findMany({ where: { purpose: 'survey', ticketId: survey.ticketId } });
    expect(sent.map((m) => [m.channel, m.to, m.idempotencyKey])).toEqual([['sms', phone, `survey:${survey.id}`]]);
    expect(sent[0]!.text).toContain('1 到 5');
    expect((await s.db.survey.findUniqueOrThrow({ where: { id: survey.id } })).status).toBe('sent');
  });

  it('puts an early job back in the queue instead of sending before the scheduled time', async () => {
    const { survey } = await resolvedTicket();
    expect(await s.run.surveySend(survey.id, taipei('2026-11-26T09:00'))).toBe('skipped');
    expect((await s.db.survey.findUniqueOrThrow({ where: { id: survey.id } })).status).toBe('scheduled');
    expect(await s.db.outboundMessage.count({ where: { purpose: 'survey', ticketId: survey.ticketId } })).toBe(0);
  });

  it('asks staff to call voice customers instead of messaging them', async () => {
    const { survey } = await resolvedTicket({ channel: 'voice' });
    expect(await s.run.surveySend(survey.id, taipei('2026-11-26T10:00'))).toBe('done');
    const tasks = await s.db.staffTask.findMany({ where: { ticketId: survey.ticketId } });
    expect(tasks.map((t) => [t.kind, t.status, t.dedupeKey])).toEqual([['survey_call', 'open', `survey:${survey.id}`]]);
    expect(await s.db.outboundMessage.count({ where: { purpose: 'survey', ticketId: survey.ticketId } })).toBe(0);
  });

  it('makes the voice survey call due by the close of the day after service', async () => {
    const { survey } = await resolvedTicket({ channel: 'voice' });
    await s.run.surveySend(survey.id, taipei('2026-11-26T10:00'));
    const task = await s.db.staffTask.findFirstOrThrow({ where: { ticketId: survey.ticketId, kind: 'survey_call' } });
    expect(local(task.dueAt)).toBe('2026-11-26T18:00');
  });

  it('makes the voice survey call due the next working day when the day after service is a Sunday', async () => {
    const opened = await s.aTicket(taipei('2026-11-28T09:00'), { channel: 'voice' });
    await s.move(opened.ticket.id, 'resolved', taipei('2026-11-28T15:00')); // Saturday
    const survey = await s.db.survey.findFirstOrThrow({ where: { ticketId: opened.ticket.id } });
    expect(local(survey.scheduledFor)).toBe('2026-11-29T10:00');
    await s.run.surveySend(survey.id, taipei('2026-11-29T10:00'));
    const task = await s.db.staffTask.findFirstOrThrow({ where: { ticketId: opened.ticket.id, kind: 'survey_call' } });
    expect(local(task.dueAt)).toBe('2026-11-30T18:00');
  });

  it('cancels the survey when the customer opts out', async () => {
    const { survey, customer } = await resolvedTicket();
    await s.db.$transaction(async (tx) => {
      await tx.customer.update({ where: { id: customer.id }, data: { optOutSms: true, optOutSurveys: true } });
      await s.app.events.emit(tx, 'customer.opted_out', { customerId: customer.id, channel: 'sms' }, taipei('2026-11-25T18:00'));
    });
    expect((await s.db.survey.findUniqueOrThrow({ where: { id: survey.id } })).status).toBe('cancelled');
    expect(await s.run.surveySend(survey.id, taipei('2026-11-26T10:00'))).toBe('skipped');
    expect(await s.db.outboundMessage.count({ where: { purpose: 'survey', ticketId: survey.ticketId } })).toBe(0);
  });

  it('does not send when the customer opted out without the event reaching us', async () => {
    const { survey, customer } = await resolvedTicket();
    await s.db.customer.update({ where: { id: customer.id }, data: { optOutSms: true } });
    expect(await s.run.surveySend(survey.id, taipei('2026-11-26T10:00'))).toBe('skipped');
    expect((await s.db.survey.findUniqueOrThrow({ where: { id: survey.id } })).status).toBe('cancelled');
  });

  it('cancels the waiting survey when the ticket is reopened', async () => {
    const { survey } = await resolvedTicket();
    await s.move(survey.ticketId, 'reopened', taipei('2026-11-25T17:00'));
    expect((await s.db.survey.findUniqueOrThrow({ where: { id: survey.id } })).status).toBe('cancelled');
  });

  it('keeps partial answers, then completes without reopening a satisfied customer', async () => {
    const { survey } = await resolvedTicket();
    await s.run.surveySend(survey.id, taipei('2026-11-26T10:00'));
    expect(await answer(survey.id, { attitude: 5, skill: 4 }, false)).toEqual({ dissatisfied: false });
    expect(await s.db.survey.findUniqueOrThrow({ where: { id: survey.id } })).toMatchObject({ status: 'partial', attitude: 5, skill: 4, overall: null });
    expect(await answer(survey.id, { punctuality: 5, itemsCompleted: 5, overall: 4, suggestion: '師傅很專業，謝謝' }, true)).toEqual({ dissatisfied: false });
    expect(await s.db.survey.findUniqueOrThrow({ where: { id: survey.id } })).toMatchObject({ status: 'completed', attitude: 5, overall: 4, dissatisfied: false });
    expect((await s.db.ticket.findUniqueOrThrow({ where: { id: survey.ticketId } })).status).toBe('resolved');
  });

  it('reopens on a dissatisfied answer, tells the supervisor, and surveys again after the re-fix', async () => {
    const supervisor = await aStaffMember(s.db, { role: 'supervisor' });
    const { survey } = await resolvedTicket();
    await s.run.surveySend(survey.id, taipei('2026-11-26T10:00'));
    const answered: boolean[] = [];
    s.app.events.on('survey.answered', async (p) => void (p.surveyId === survey.id && answered.push(p.dissatisfied)));
    expect(await answer(survey.id, { attitude: 3, skill: 3, punctuality: 2, itemsCompleted: 3, overall: 2 }, true)).toEqual({ dissatisfied: true });
    expect(answered).toEqual([true]);
    const ticket = await s.db.ticket.findUniqueOrThrow({ where: { id: survey.ticketId } });
    expect([ticket.status, ticket.reopenCount]).toEqual(['reopened', 1]);
    const notices = await s.db.staffNotification.findMany({ where: { ticketId: ticket.id, kind: 'dissatisfied' } });
    expect(notices.map((n) => n.staffId)).toContain(supervisor.id);

    await s.move(ticket.id, 'in_progress', taipei('2026-11-27T09:00'));
    await s.move(ticket.id, 'resolved', taipei('2026-11-27T16:00'));
    const next = await s.db.survey.findFirstOrThrow({ where: { ticketId: ticket.id, round: 2 } });
    expect([next.status, local(next.scheduledFor)]).toEqual(['scheduled', '2026-11-28T10:00']);
  });

  it('reopens for a redo when any one dimension is 2 or below, even with a good overall score', async () => {
    const supervisor = await aStaffMember(s.db, { role: 'supervisor' });
    const { survey } = await resolvedTicket();
    await s.run.surveySend(survey.id, taipei('2026-11-26T10:00'));
    expect(await answer(survey.id, { attitude: 5, skill: 4, punctuality: 1, itemsCompleted: 5, overall: 4 }, true)).toEqual({ dissatisfied: true });
    const ticket = await s.db.ticket.findUniqueOrThrow({ where: { id: survey.ticketId } });
    expect(ticket.status).toBe('reopened');
    const reopened = await s.db.ticketEvent.findFirstOrThrow({ where: { ticketId: ticket.id, kind: 'status_changed', to: 'reopened' } });
    expect(reopened.reason).toContain('punctuality 1/5');
    const notices = await s.db.staffNotification.findMany({ where: { ticketId: ticket.id, kind: 'dissatisfied' } });
    expect(notices.map((n) => n.staffId)).toContain(supervisor.id);
  });

  it.each(['attitude', 'skill', 'punctuality', 'itemsCompleted'] as const)('reopens and alerts the supervisors when %s alone is 2, with every other score 5', async (low) => {
    const label = `${low} 2/5`;
    const supervisor = await aStaffMember(s.db, { role: 'supervisor' });
    const { survey } = await resolvedTicket();
    await s.run.surveySend(survey.id, taipei('2026-11-26T10:00'));
    const scores = { attitude: 5, skill: 5, punctuality: 5, itemsCompleted: 5, overall: 5, [low]: 2 };
    expect(await answer(survey.id, scores, true)).toEqual({ dissatisfied: true });
    expect((await s.db.ticket.findUniqueOrThrow({ where: { id: survey.ticketId } })).status).toBe('reopened');
    const reopened = await s.db.ticketEvent.findFirstOrThrow({ where: { ticketId: survey.ticketId, kind: 'status_changed', to: 'reopened' } });
    expect(reopened.reason).toContain(label);
    const notices = await s.db.staffNotification.findMany({ where: { ticketId: survey.ticketId, kind: 'dissatisfied' } });
    expect(notices.map((n) => n.staffId)).toContain(supervisor.id);
  });

  it('leaves a ticket whose lowest score is 3 resolved, with no alert', async () => {
    const { survey } = await resolvedTicket();
    await s.run.surveySend(survey.id, taipei('2026-11-26T10:00'));
    expect(await answer(survey.id, { attitude: 3, skill: 3, punctuality: 3, itemsCompleted: 3, overall: 3 }, true)).toEqual({ dissatisfied: false });
    expect((await s.db.ticket.findUniqueOrThrow({ where: { id: survey.ticketId } })).status).toBe('resolved');
    expect(await s.db.staffNotification.count({ where: { ticketId: survey.ticketId, kind: 'dissatisfied' } })).toBe(0);
  });

  it('treats a complaint in the suggestion as dissatisfaction even with good scores', async () => {
    const { survey } = await resolvedTicket();
    await s.run.surveySend(survey.id, taipei('2026-11-26T10:00'));
    expect(await answer(survey.id, { overall: 4, suggestion: '維修後還是一樣壞，我要投訴' }, true)).toEqual({ dissatisfied: true });
    expect((await s.db.ticket.findUniqueOrThrow({ where: { id: survey.ticketId } })).status).toBe('reopened');
  });

  it('rejects a score outside 1 to 5', async () => {
    const { survey } = await resolvedTicket();
    await expect(answer(survey.id, { overall: 7 }, false)).rejects.toThrow('overall');
  });
});
