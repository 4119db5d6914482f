import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_FILE } from '../../src/sla/load-policy.js';
import { markResponded, retargetPromises, setOnSiteRequired } from '../../src/sla/sla-service.js';
import { triageTicket } from '../../src/tickets/ticket-service.js';
import { aStaffMember } from '../support/fixtures.js';
import { databaseKinds } from '../support/test-database.js';
import { local, startScheduler, taipei } from './scheduler-fixture.js';

describe.each(databaseKinds)('honest promise states and timely warnings on %s', (kind) => {
  let s: Awaited<ReturnType<typeof startScheduler>>;
  beforeAll(async () => {
    s = await startScheduler(kind);
  });
  afterAll(async () => {
    await s?.t.stop();
  });

  const promise = (ticketId: string, kind: string) => s.db.slaPromise.findUniqueOrThrow({ where: { ticketId_kind: { ticketId, kind } } });
  const ctx = (now: Date) => ({ now, policy: s.app.policy, calendar: s.app.calendar, jobs: s.app.jobs, actor: 'staff:test' });

  it('a complaint moved from new straight to resolved keeps none of its contact promises', async () => {
    const { ticket } = await s.aTicket(taipei('2026-11-25T10:00'), { category: 'complaint', channel: 'voice' });
    await s.move(ticket.id, 'resolved', taipei('2026-11-25T10:20'));
    const rows = await s.db.slaPromise.findMany({ where: { ticketId: ticket.id }, orderBy: { kind: 'asc' } });
    expect(rows.map((r) => [r.kind, r.metAt, r.notApplicableReason])).toEqual([
      ['callback', null, 'resolved before the deadline without calling the customer back'],
      ['contact', null, 'resolved before the deadline without contacting the customer'],
      ['first_response', null, 'resolved before the deadline without contacting the customer'],
      ['progress_update', null, 'resolved before the next progress update was due'],
    ]);
  });

  it('records a breach at resolution for a promise past due that no check had raised yet', async () => {
    const { ticket } = await s.aTicket(taipei('2026-11-25T10:00'));
    await s.move(ticket.id, 'resolved', taipei('2026-11-25T15:00'));
    const first = await promise(ticket.id, 'first_response');
    expect([first.metAt, local(first.breachedAt), first.notApplicableReason]).toEqual([null, '2026-11-25T15:00', null]);
  });

  it('counts a logged call as the first response, the contact and the callback', async () => {
    const { ticket } = await s.aTicket(taipei('2026-11-25T10:00'), { channel: 'voice' });
    await markResponded(s.db, ticket.id, { now: taipei('2026-11-25T10:30'), actor: 'staff:test', channel: 'voice', call: true });
    for (const kind of ['first_response', 'contact', 'callback']) expect(local((await promise(ticket.id, kind)).metAt)).toBe('2026-11-25T10:30');
  });

  it('counts a done call task as contact when the promises are checked', async () => {
    const { ticket, customer } = await s.aTicket(taipei('2026-11-25T10:00'), { channel: 'voice' });
    await s.db.staffTask.create({ data: { kind: 'callback', ticketId: ticket.id, customerId: customer.id, title: 'call back', status: 'done', doneAt: taipei('2026-11-25T10:45') } });
    await s.run.slaCheck(ticket.id, taipei('2026-11-25T11:00'));
    expect(local((await promise(ticket.id, 'first_response')).metAt)).toBe('2026-11-25T10:45');
    expect(local((await promise(ticket.id, 'callback')).metAt)).toBe('2026-11-25T10:45');
  });

  it('tells the assignee about a callback due Sunday 10:00 on Saturday at 17:00, before it is due', async () => {
    const agent = await aStaffMember(s.db, { role: 'agent' });
    const { ticket } = await s.aTicket(taipei('2026-11-28T10:00'), { channel: 'voice', category: 'inquiry' });
    await s.db.ticket.update({ where: { id: ticket.id }, data: { assigneeId: agent.id } });
    const callback = await promise(ticket.id, 'callback');
    expect([local(callback.warnAt), local(callback.dueAt)]).toEqual(['2026-11-28T17:00', '2026-11-29T10:00']);
    expect((await s.queued('sla.check', 'ticketId', ticket.id)).map((j) => local(j.startAfter))).toContain('2026-11-28T17:00');
    await s.run.slaCheck(ticket.id, taipei('2026-11-28T17:00'));
    const notices = await s.db.staffNotification.findMany({ where: { ticketId: ticket.id, kind: 'sla_warning', text: { contains: 'callback' } } });
    expect(notices.map((n) => [n.staffId, local(n.deliverAfter)])).toEqual([[agent.id, '2026-11-28T17:00']]);
  });

  it('tells the supervisors at once when nobody works between the opening and the deadline', async () => {
    const { ticket } = await s.aTicket(taipei('2026-11-28T19:00'), { channel: 'voice', category: 'inquiry' });
    expect(local((await promise(ticket.id, 'callback')).warnAt)).toBe('2026-11-28T19:00');
    await s.run.slaCheck(ticket.id, taipei('2026-11-28T19:00'));
    const notices = await s.db.staffNotification.findMany({ where: { ticketId: ticket.id, kind: 'sla_warning', text: { contains: 'callback' } } });
    expect(notices.length).toBeGreaterThan(0);
    expect(notices.every((n) => n.role === 'supervisor' && local(n.deliverAfter) === '2026-11-28T19:00')).toBe(true);
  });

  it('arms the on-site arrival promise only when triage asks for a visit, and closes it when triage withdraws it', async () => {
    const { ticket } = await s.aTicket(taipei('2026-11-25T10:00'), { province: '台北市', siteAddress: '台北市信義區' });
    expect(await s.db.slaPromise.findFirst({ where: { ticketId: ticket.id, kind: 'on_site_arrival' } })).toBeNull();
    await setOnSiteRequired(s.db, ticket.id, true, ctx(taipei('2026-11-25T11:00')));
    expect(local((await promise(ticket.id, 'on_site_arrival')).dueAt)).toBe('2026-11-26T10:00'); // 24 h from the opening
    await setOnSiteRequired(s.db, ticket.id, false, ctx(taipei('2026-11-25T12:00')));
    const withdrawn = await promise(ticket.id, 'on_site_arrival');
    expect([local(withdrawn.cancelledAt), withdrawn.notApplicableReason]).toEqual(['2026-11-25T12:00', 'no longer applies after triage']);
  });

  it('arms the on-site arrival promise when a visit is scheduled', async () => {
    const { ticket } = await s.aTicket(taipei('2026-11-25T10:00'), { province: '高雄市' });
    await s.move(ticket.id, 'assigned', taipei('2026-11-25T10:20'));
    await s.move(ticket.id, 'scheduled', taipei('2026-11-25T10:30'));
    expect(local((await promise(ticket.id, 'on_site_arrival')).dueAt)).toBe('2026-11-27T10:00');
    expect((await s.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).onSiteRequired).toBe(true);
  });

  it('stores deadlines across the Lunar New Year 2027 block: an e-mail of 02-03 17:00 is due on 02-09, the Tuesday worked for Saturday 02-06', async () => {
    const { ticket } = await s.aTicket(taipei('2027-02-03T17:00'), { channel: 'email', category: 'inquiry' });
    const [first, email] = [await promise(ticket.id, 'first_response'), await promise(ticket.id, 'email_reply')];
    expect([local(first.dueAt), local(email.dueAt)]).toEqual(['2027-02-09T09:30', '2027-02-09T18:00']);
    expect(local(first.warnAt)).toBe('2027-02-09T09:00');
  });

  it('stores a line-down fault’s own targets: first response in 1 business hour, on site in 8 h once triage sends it there', async () => {
    const { ticket } = await s.aTicket(taipei('2026-11-25T10:00'), { category: 'fault', urgency: 'high', province: '臺北市', siteAddress: '臺北市信義區松高路 1 號' });
    expect(local((await promise(ticket.id, 'first_response')).dueAt)).toBe('2026-11-25T11:00');
    await triageTicket(s.db, ticket.id, { urgency: 'high', complexity: 'general', onSite: true }, { now: taipei('2026-11-25T10:05'), actor: 'staff:test', events: s.app.events });
    expect(local((await promise(ticket.id, 'on_site_arrival')).dueAt)).toBe('2026-11-25T18:00');
    const normal = (await s.aTicket(taipei('2026-11-25T10:00'), { category: 'fault', urgency: 'normal' })).ticket;
    expect(local((await promise(normal.id, 'first_response')).dueAt)).toBe('2026-11-25T12:00');
  });

  it('moves the first-response deadline when triage raises the urgency to high', async () => {
    const { ticket } = await s.aTicket(taipei('2026-11-25T10:00'));
    await s.db.ticket.update({ where: { id: ticket.id }, data: { urgency: 'high' } });
    await retargetPromises(s.db, ticket.id, ctx(taipei('2026-11-25T10:10')));
    const first = await promise(ticket.id, 'first_response');
    expect([local(first.warnAt), local(first.dueAt)]).toEqual(['2026-11-25T10:45', '2026-11-25T11:00']);
  });
});

describe.each(databaseKinds)('on-call warnings on %s', (kind) => {
  let s: Awaited<ReturnType<typeof startScheduler>>;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aftercare-oncall-'));
    const file = join(dir, 'policy.yaml');
    const shipped = readFileSync(DEFAULT_POLICY_FILE, 'utf8');
    writeFileSync(file, shipped.replace('# onCall:\n#   role: supervisor # or staffEmails: [oncall@example.com]\n#   days: [mon, tue, wed, thu, fri, sat, sun]\n#   start: "18:00"\n#   end: "22:00"', 'onCall:\n  role: supervisor\n  days: [mon, tue, wed, thu, fri, sat, sun]\n  start: "18:00"\n  end: "08:30"'));
    s = await startScheduler(kind, { POLICY_FILE: file });
  });
  afterAll(async () => {
    await s?.t.stop();
  });

  it('sends the warning of a callback due Sunday 10:00 to the on-call supervisor at Sunday 04:00', async () => {
    expect(s.app.policy.onCall?.role).toBe('supervisor');
    const supervisor = await aStaffMember(s.db, { role: 'supervisor' });
    const { ticket } = await s.aTicket(taipei('2026-11-28T10:00'), { channel: 'voice', category: 'inquiry' });
    const callback = await s.db.slaPromise.findUniqueOrThrow({ where: { ticketId_kind: { ticketId: ticket.id, kind: 'callback' } } });
    expect(local(callback.warnAt)).toBe('2026-11-29T04:00');
    await s.run.slaCheck(ticket.id, taipei('2026-11-29T04:00'));
    const notices = await s.db.staffNotification.findMany({ where: { ticketId: ticket.id, kind: 'sla_warning', text: { contains: 'callback' } } });
    expect(notices.map((n) => [n.staffId, local(n.deliverAfter)])).toContainEqual([supervisor.id, '2026-11-29T04:00']);
  });
});
