import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTicketPromises } from '../../src/sla/sla-service.js';
import { aCustomer } from '../support/fixtures.js';
import { databaseKinds } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aSignedInStaff } from './console-fixtures.js';

describe.each(databaseKinds)('follow-up calls logged from the console on %s', (kind) => {
  let t: TestApp;
  let agent: Awaited<ReturnType<typeof aSignedInStaff>>;
  let counter = 0;
  beforeAll(async () => {
    // Wednesday 2026-11-25 10:00 in Taipei.
    t = await startTestApp(kind, {}, { now: '2026-11-25T02:00:00Z' });
    agent = await aSignedInStaff(t.app.database.prisma, 'agent', 'Amy Caller');
  });
  afterAll(async () => {
    await t?.stop();
  });
  const prisma = () => t.app.database.prisma;
  const get = async (path: string, headers: Record<string, string>) => {
    const res = await fetch(`${t.url}${path}`, { headers });
    return { status: res.status, body: await res.json() };
  };
  const post = async (path: string, headers: Record<string, string>, body: unknown = {}) => {
    const res = await fetch(`${t.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };

  /**
   * A resolved repair whose check-in is a call for staff (as follow-up-sender.ts leaves it): the follow-up sent,
   * its open call task, and an open contact promise on the ticket.
   */
  async function aCallTask() {
    counter += 1;
    const { customer, phone } = await aCustomer(prisma(), `回訪客戶${counter}`);
    const ticket = await prisma().ticket.create({
      data: { number: `SR-2026-8${String(counter).padStart(5, '0')}`, customerId: customer.id, category: 'fault', channel: 'voice', title: 'Printer repaired', problem: 'Printer jams', status: 'resolved' },
    });
    const followUp = await prisma().followUp.create({
      data: { customerId: customer.id, ticketId: ticket.id, kind: 'repair_checkin', dueAt: t.clock(), status: 'sent', channel: 'voice', dedupeKey: `repair_checkin:${ticket.id}` },
    });
    const task = await prisma().staffTask.create({
      data: {
        kind: 'follow_up_call',
        ticketId: ticket.id,
        customerId: customer.id,
        title: 'Check-in call after a repaired unit was returned',
        details: { followUpId: followUp.id, kind: 'repair_checkin', phone },
        dueAt: new Date('2026-11-26T10:00:00Z'),
        dedupeKey: `follow_up:${followUp.id}`,
      },
    });
    const promise = await prisma().slaPromise.create({ data: { ticketId: ticket.id, kind: 'contact', dueAt: new Date('2026-11-27T10:00:00Z'), warnAt: new Date('2026-11-27T08:00:00Z'), createdAt: new Date('2026-11-24T02:00:00Z') } });
    return { customer, phone, ticket, followUp, task, promise };
  }

  it('lists the open follow-up calls with the customer, the number to call and the ticket, and audits the list', async () => {
    const { customer, phone, ticket, task } = await aCallTask();
    const res = await get('/console/api/call-tasks', agent.headers);
    expect(res.status).toBe(200);
    expect(res.body.tasks).toContainEqual(
      expect.objectContaining({ id: task.id, kind: 'follow_up_call', followUpKind: 'repair_checkin', phone, customer: expect.objectContaining({ id: customer.id, name: customer.name }), ticket: { id: ticket.id, number: ticket.number } }),
    );
    const audit = await prisma().accessAudit.findFirstOrThrow({ where: { staffId: agent.staff.id, action: 'list_call_tasks' }, orderBy: { at: 'desc' } });
    expect((audit.detail as { customerIds: string[] }).customerIds).toContain(customer.id);
  });

  it('answers 401 without a session and 403 to an engineer, for the list and for logging a call', async () => {
    const { task } = await aCallTask();
    const engineer = await aSignedInStaff(prisma(), 'engineer');
    expect((await fetch(`${t.url}/console/api/call-tasks`)).status).toBe(401);
    expect((await get('/console/api/call-tasks', engineer.headers)).status).toBe(403);
    expect((await post(`/console/api/call-tasks/${task.id}/outcome`, engineer.headers, { outcome: 'reached' })).status).toBe(403);
    expect((await prisma().staffTask.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('open');
  });

  it('completes the task when the customer was reached: the follow-up is done, the customer contacted, the contact promise kept, the note on the timeline', async () => {
    const { customer, ticket, followUp, task, promise } = await aCallTask();
    const res = await post(`/console/api/call-tasks/${task.id}/outcome`, agent.headers, { outcome: 'reached', note: 'works fine since the repair' });
    expect(res.status).toBe(200);
    const now = t.clock();
    expect(await prisma().staffTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ status: 'done', outcome: 'reached', doneAt: now, staffId: agent.staff.id });
    expect(await prisma().followUp.findUniqueOrThrow({ where: { id: followUp.id } })).toMatchObject({ status: 'done', outcome: 'reached', doneAt: now });
    expect((await prisma().customer.findUniqueOrThrow({ where: { id: customer.id } })).lastContactAt).toEqual(now);
    expect((await prisma().slaPromise.findUniqueOrThrow({ where: { id: promise.id } })).metAt).toEqual(now);
    const event = await prisma().ticketEvent.findFirstOrThrow({ where: { ticketId: ticket.id, kind: 'call_outcome' } });
    expect(event).toMatchObject({ actor: `staff:${agent.staff.id}`, to: 'reached', reason: 'works fine since the repair' });
    expect(await prisma().accessAudit.count({ where: { staffId: agent.staff.id, action: 'call_logged', ticketId: ticket.id } })).toBe(1);
  });

  it('completes the task without counting a contact when the customer was not reached', async () => {
    const { customer, followUp, task, promise } = await aCallTask();
    const res = await post(`/console/api/call-tasks/${task.id}/outcome`, agent.headers, { outcome: 'not_reached', note: 'no answer, voicemail full' });
    expect(res.status).toBe(200);
    expect(await prisma().staffTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ status: 'done', outcome: 'not_reached' });
    expect(await prisma().followUp.findUniqueOrThrow({ where: { id: followUp.id } })).toMatchObject({ status: 'done', outcome: 'no_answer' });
    expect((await prisma().customer.findUniqueOrThrow({ where: { id: customer.id } })).lastContactAt).toBeNull();
    // The deadline check counts done call tasks as calls made: not this one.
    await checkTicketPromises(prisma(), promise.ticketId, { now: t.clock(), policy: t.app.policy, calendar: t.app.calendar, jobs: t.app.jobs });
    expect((await prisma().slaPromise.findUniqueOrThrow({ where: { id: promise.id } })).metAt).toBeNull();
  });

  it('leaves a call-back task due by the end of the next working day when the customer asks to be called back', async () => {
    const { customer, phone, task } = await aCallTask();
    const res = await post(`/console/api/call-tasks/${task.id}/outcome`, agent.headers, { outcome: 'callback_requested', note: 'in a meeting, call after 3 pm tomorrow' });
    expect(res.status).toBe(200);
    expect(res.body.callback).toMatchObject({ kind: 'callback', status: 'open', customerId: customer.id, details: expect.objectContaining({ phone, reason: 'in a meeting, call after 3 pm tomorrow' }) });
    expect(new Date(res.body.callback.dueAt)).toEqual(t.app.calendar.endOfNextWorkingDay(t.clock()));
    expect((await prisma().customer.findUniqueOrThrow({ where: { id: customer.id } })).lastContactAt).toEqual(t.clock());
    const open = await get('/console/api/call-tasks', agent.headers);
    expect(open.body.tasks.map((x: { id: string }) => x.id)).toContain(res.body.callback.id);
    expect(open.body.tasks.map((x: { id: string }) => x.id)).not.toContain(task.id);
  });

  it('refuses to log the same call twice (409), and an outcome it does not know (400)', async () => {
    const { task } = await aCallTask();
    expect((await post(`/console/api/call-tasks/${task.id}/outcome`, agent.headers, { outcome: 'maybe' })).status).toBe(400);
    expect((await post(`/console/api/call-tasks/${task.id}/outcome`, agent.headers, { outcome: 'reached' })).status).toBe(200);
    const again = await post(`/console/api/call-tasks/${task.id}/outcome`, agent.headers, { outcome: 'not_reached' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('task.closed');
    expect((await prisma().staffTask.findUniqueOrThrow({ where: { id: task.id } })).outcome).toBe('reached');
  });

  it('answers 404 for a task that is not a call', async () => {
    const other = await prisma().staffTask.create({ data: { kind: 'escalation', title: 'Escalate' } });
    expect((await post(`/console/api/call-tasks/${other.id}/outcome`, agent.headers, { outcome: 'reached' })).status).toBe(404);
  });
});
