import { describe, expect, it } from 'vitest';
import { noticeTime } from '../../src/sla/notice-time.js';
import { deadlines, PromiseKind, type SlaInput } from '../../src/sla/sla-rules.js';
import { staffNotificationTime } from '../../src/sla/follow-up-rules.js';
import { calendarOf, local, policyWith, shippedCalendar as cal, shippedPolicy as policy, taipei } from './sla-fixture.js';

const callbackFrom = (opened: string, p = policy) => {
  const input: SlaInput = { openedAt: taipei(opened), category: 'inquiry', urgency: 'normal', channel: 'voice' };
  const found = deadlines(p, calendarOf(p), input).find((x) => x.kind === 'callback')!;
  return { warn: local(found.warnAt), notice: local(found.noticeAt), due: local(found.dueAt) };
};

const overnight = policyWith({ onCall: { role: 'supervisor', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '18:00', end: '08:30' } });
const sundayMornings = policyWith({ onCall: { staffEmails: ['oncall@example.test'], days: ['sun'], start: '08:00', end: '12:00' } });

describe('when a person is told about a promise coming due', () => {
  it('a callback due Sunday 10:00 is announced in the last working hour before it, Saturday 17:00 (not Monday 08:30)', () => {
    expect(callbackFrom('2026-11-28T10:00')).toEqual({ warn: '2026-11-29T04:00', notice: '2026-11-28T17:00', due: '2026-11-29T10:00' });
  });

  it('goes to the on-call person at the warning point when on-call hours cover it', () => {
    expect(callbackFrom('2026-11-28T10:00', overnight).notice).toBe('2026-11-29T04:00');
  });

  it('waits for the start of the on-call shift when that is still before the deadline', () => {
    expect(callbackFrom('2026-11-28T10:00', sundayMornings).notice).toBe('2026-11-29T08:00');
  });

  it('keeps the warning point when it falls in working hours', () => {
    expect(callbackFrom('2026-11-25T10:00')).toEqual({ warn: '2026-11-26T04:00', notice: '2026-11-26T08:30', due: '2026-11-26T10:00' });
    const first = deadlines(policy, cal, { openedAt: taipei('2026-11-25T10:00'), category: 'inquiry', urgency: 'normal', channel: 'chat' })[0]!;
    expect(local(first.noticeAt)).toBe(local(first.warnAt));
  });

  it('announces at once a promise opened inside its own last working hour', () => {
    expect(callbackFrom('2026-11-28T17:30').notice).toBe('2026-11-28T17:30');
  });

  it('announces at the start a promise with no working time before its deadline (the supervisors are told)', () => {
    expect(callbackFrom('2026-11-28T19:00')).toEqual({ warn: '2026-11-29T13:00', notice: '2026-11-28T19:00', due: '2026-11-29T19:00' });
  });

  it('does not wait for Teachers’ Day 2027: a callback due 09-28 11:00 is announced 09-27 17:00', () => {
    expect(callbackFrom('2027-09-27T11:00')).toEqual({ warn: '2027-09-28T05:00', notice: '2027-09-27T17:00', due: '2027-09-28T11:00' });
  });

  it('does not wait out the Lunar New Year 2027 block: a callback due 02-04 12:00 (小年夜) is announced 02-03 17:00', () => {
    expect(callbackFrom('2027-02-03T12:00')).toEqual({ warn: '2027-02-04T06:00', notice: '2027-02-03T17:00', due: '2027-02-04T12:00' });
  });

  it('is always before the deadline and never before the start, for every promise opened at any hour of 2026–2027', () => {
    const faults: SlaInput[] = [];
    for (let t = taipei('2026-01-01T00:00').getTime(); t < taipei('2028-01-01T00:00').getTime(); t += 7 * 3_600_000) {
      faults.push({ openedAt: new Date(t), category: 'fault', urgency: t % 2 === 0 ? 'high' : 'normal', channel: 'voice', complexity: 'general', onSiteRequired: true, arrivedOnSiteAt: new Date(t) });
    }
    for (const input of faults) {
      for (const p of deadlines(policy, cal, input)) {
        expect(PromiseKind.options).toContain(p.kind);
        expect(p.noticeAt.getTime(), `${p.kind} opened ${local(input.openedAt)}`).toBeLessThan(p.dueAt.getTime());
        expect(p.noticeAt.getTime()).toBeGreaterThanOrEqual(p.startsAt.getTime());
      }
    }
  });

  it('is before the deadline for every kind of ticket (category, urgency, channel, complexity, on site), opened at any hour of 2026–2027', () => {
    const kinds: SlaInput[] = [];
    for (const category of ['inquiry', 'fault', 'complaint'] as const)
      for (const urgency of ['low', 'normal', 'high'] as const)
        for (const channel of ['sms', 'voice', 'email', 'chat'] as const)
          for (const complexity of ['simple', 'general', 'complex'] as const)
            for (const onSiteRequired of category === 'fault' ? [false, true] : [false]) {
              kinds.push({ openedAt: new Date(0), category, urgency, channel, complexity, onSiteRequired, province: onSiteRequired ? '台北市' : null });
            }
    const seen = new Set<string>();
    // Every 5 hours, each opening with the next kind of ticket: each kind meets nights, Sundays and holiday blocks.
    let i = 0;
    for (let t = taipei('2026-01-01T00:00').getTime(); t < taipei('2028-01-01T00:00').getTime(); t += 5 * 3_600_000, i += 1) {
      const kind = kinds[i % kinds.length]!;
      const input: SlaInput = { ...kind, openedAt: new Date(t), arrivedOnSiteAt: kind.onSiteRequired ? new Date(t + 3 * 3_600_000) : null };
      for (const p of deadlines(policy, cal, input)) {
        seen.add(p.kind);
        expect(p.noticeAt.getTime(), `${p.kind} of ${kind.category}/${kind.urgency}/${kind.channel} opened ${local(input.openedAt)}`).toBeLessThan(p.dueAt.getTime());
      }
    }
    expect([...seen].sort()).toEqual([...PromiseKind.options].sort());
  });

  it('computes the same notice for the raw function', () => {
    expect(local(noticeTime(policy, cal, { startsAt: taipei('2026-11-28T10:00'), warnAt: taipei('2026-11-29T04:00'), dueAt: taipei('2026-11-29T10:00') }))).toBe('2026-11-28T17:00');
  });
});

describe('staff notices in on-call hours', () => {
  it('go out at once when the policy names an on-call person for that hour', () => {
    expect(local(staffNotificationTime(overnight, calendarOf(overnight), taipei('2026-11-28T23:00'), 'normal'))).toBe('2026-11-28T23:00');
  });

  it('wait for the on-call shift when it comes before the next opening', () => {
    expect(local(staffNotificationTime(sundayMornings, calendarOf(sundayMornings), taipei('2026-11-28T23:00'), 'normal'))).toBe('2026-11-29T08:00');
  });
});

describe('what the KPIs read', () => {
  it('counts a response time in business minutes: Saturday 17:30 → Monday 08:45 is 45 minutes', async () => {
    const { businessResponseMinutes } = await import('../../src/sla/sla-metrics.js');
    expect(businessResponseMinutes(cal, taipei('2026-11-28T17:30'), taipei('2026-11-30T08:45'))).toBe(45);
    expect(businessResponseMinutes(cal, taipei('2027-09-27T17:00'), taipei('2027-09-29T09:30'))).toBe(120); // over 教師節
    expect(businessResponseMinutes(cal, taipei('2026-11-28T17:30'), null)).toBeNull();
  });

  it('shows a promise closed off without its act as not applicable, never met', async () => {
    const { promiseState } = await import('../../src/sla/sla-metrics.js');
    const t = taipei('2026-11-25T10:00');
    expect(promiseState({ metAt: null, breachedAt: null, cancelledAt: t, pausedAt: null, notApplicableReason: 'resolved before the deadline without contacting the customer' })).toBe('not_applicable');
    expect(promiseState({ metAt: null, breachedAt: t, cancelledAt: t, pausedAt: null })).toBe('breached');
    expect(promiseState({ metAt: t, breachedAt: t, cancelledAt: null, pausedAt: null })).toBe('met_late');
    expect(promiseState({ metAt: t, breachedAt: null, cancelledAt: null, pausedAt: null })).toBe('met');
  });
});
