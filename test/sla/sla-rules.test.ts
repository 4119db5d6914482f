import { describe, expect, it } from 'vitest';
import { PromiseKind, deadlines, nextProgressUpdate } from '../../src/sla/sla-rules.js';
import type { PromiseKind as Kind, SlaInput } from '../../src/sla/sla-rules.js';
import { calendarOf, local, policyWith, shippedCalendar as cal, shippedPolicy as policy, taipei } from './sla-fixture.js';

const ticket = (openedAt: string, more: Partial<SlaInput> = {}): SlaInput => ({
  openedAt: taipei(openedAt),
  category: 'inquiry',
  urgency: 'normal',
  channel: 'chat',
  ...more,
});

const due = (input: SlaInput, kind: Kind, p = policy, c = cal): string | undefined => {
  const found = deadlines(p, c, input).find((d) => d.kind === kind);
  return found && local(found.dueAt);
};
const kinds = (input: SlaInput): Kind[] => deadlines(policy, cal, input).map((d) => d.kind);

describe('first response within 2 business hours', () => {
  it('is due 2 hours later on a normal weekday', () => {
    expect(due(ticket('2026-11-26T09:00'), 'first_response')).toBe('2026-11-26T11:00');
  });

  it('spans a Saturday afternoon: 1 h on Saturday and 1 h on Monday', () => {
    expect(due(ticket('2026-11-28T17:00'), 'first_response')).toBe('2026-11-30T09:30');
  });

  it('starts at Monday opening for a ticket opened on a Sunday', () => {
    expect(due(ticket('2026-11-29T10:00'), 'first_response')).toBe('2026-11-30T10:30');
  });

  it('skips the National Day public holiday on Saturday 2026-10-10 and works its Friday substitute (saturdayHolidays: actual)', () => {
    expect(due(ticket('2026-10-09T17:00'), 'first_response')).toBe('2026-10-12T09:30');
    expect(due(ticket('2026-10-16T17:00'), 'first_response')).toBe('2026-10-17T09:30');
  });

  it('skips the Friday substitute and the Saturday when saturdayHolidays is both', () => {
    const both = policyWith({ calendar: { saturdayHolidays: 'both' } });
    expect(due(ticket('2026-10-08T17:00'), 'first_response', both, calendarOf(both))).toBe('2026-10-12T09:30');
  });

  it('does not promise 12:00 on Teachers’ Day 2027-09-28', () => {
    expect(due(ticket('2027-09-28T10:00'), 'first_response')).toBe('2027-09-29T10:30');
  });

  it('counts a make-up working Saturday for an office that works Monday to Friday', () => {
    const weekdays = policyWith({ calendar: { workingHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:30', end: '18:00' } } });
    const c = calendarOf(weekdays);
    expect(due(ticket('2025-02-07T17:00'), 'first_response', weekdays, c)).toBe('2025-02-08T09:30'); // make-up Saturday
    expect(due(ticket('2025-02-14T17:00'), 'first_response', weekdays, c)).toBe('2025-02-17T09:30'); // ordinary Saturday
  });

  it('applies to every ticket whatever its channel and category', () => {
    for (const channel of ['sms', 'voice', 'email', 'chat'] as const) {
      expect(kinds(ticket('2026-11-26T09:00', { channel, category: 'complaint' }))).toContain('first_response');
    }
  });
});

describe('channel promises', () => {
  it('answers e-mail by the end of the first working day after receipt', () => {
    expect(due(ticket('2026-11-26T09:00', { channel: 'email' }), 'email_reply')).toBe('2026-11-27T18:00');
    expect(due(ticket('2026-11-28T20:00', { channel: 'email' }), 'email_reply')).toBe('2026-11-30T18:00');
  });

  it('calls a voice customer back within 24 clock hours, over a Sunday too', () => {
    expect(due(ticket('2026-11-28T17:00', { channel: 'voice' }), 'callback')).toBe('2026-11-29T17:00');
  });

  it('makes no e-mail or callback promise on chat or SMS', () => {
    expect(kinds(ticket('2026-11-26T09:00', { channel: 'chat' }))).toEqual(['first_response']);
    expect(kinds(ticket('2026-11-26T09:00', { channel: 'sms' }))).toEqual(['first_response']);
  });
});

describe('on-site arrival', () => {
  const fault = (province: string | null): SlaInput => ticket('2026-11-28T17:00', { category: 'fault', province, onSiteRequired: true });

  it('arrives within 24 clock hours in the home province', () => {
    expect(due(fault('臺北市'), 'on_site_arrival')).toBe('2026-11-29T17:00');
    expect(due(fault('Taipei City'), 'on_site_arrival')).toBe('2026-11-29T17:00');
  });

  it('arrives within 48 clock hours outside the home province', () => {
    expect(due(fault('高雄市'), 'on_site_arrival')).toBe('2026-11-30T17:00');
  });

  it('makes no on-site promise unless triage asks for a visit on site, whatever the address', () => {
    expect(kinds(ticket('2026-11-28T17:00', { category: 'fault', province: '台北' }))).not.toContain('on_site_arrival');
    expect(kinds(ticket('2026-11-28T17:00', { category: 'inquiry', province: '台北' }))).not.toContain('on_site_arrival');
  });

  it('counts an unknown province as out of province', () => {
    expect(due(fault(null), 'on_site_arrival')).toBe('2026-11-30T17:00');
  });

  it('finishes the repair within one working day of arriving on site', () => {
    const input = { ...fault('台北'), arrivedOnSiteAt: taipei('2026-11-28T14:00') };
    expect(due(input, 'on_site_repair')).toBe('2026-11-30T14:00');
  });
});

describe('complexity promises', () => {
  it('contacts the customer and promises progress updates for general problems', () => {
    const input = ticket('2026-11-26T09:00', { complexity: 'general' });
    expect(due(input, 'contact')).toBe('2026-11-26T13:00');
    expect(due(input, 'progress_update')).toBe('2026-11-26T17:00');
  });

  it('counts the next progress update from the last one', () => {
    expect(local(nextProgressUpdate(policy, cal, taipei('2026-11-26T17:00')).dueAt)).toBe('2026-11-27T15:30');
  });

  it('engages an expert for complex problems and nothing of the kind for simple ones', () => {
    expect(due(ticket('2026-11-26T09:00', { complexity: 'complex' }), 'expert_engaged')).toBe('2026-11-26T13:00');
    expect(kinds(ticket('2026-11-26T09:00', { complexity: 'simple' }))).toEqual(['first_response']);
  });

  it('lists promises in the order of PromiseKind', () => {
    const input = ticket('2026-11-26T09:00', { channel: 'email', category: 'fault', province: '台北', complexity: 'general' });
    const listed = kinds(input);
    expect(listed).toEqual([...listed].sort((a, b) => PromiseKind.options.indexOf(a) - PromiseKind.options.indexOf(b)));
  });
});

describe('warning at 75 %', () => {
  it('warns at 75 % of the business minutes of a business-time promise', () => {
    const [first] = deadlines(policy, cal, ticket('2026-11-26T10:00'));
    expect(first && local(first.warnAt)).toBe('2026-11-26T11:30');
  });

  it('counts the warning in business minutes across the night', () => {
    const [first] = deadlines(policy, cal, ticket('2026-11-26T17:00'));
    expect(first && local(first.dueAt)).toBe('2026-11-27T09:30');
    expect(first && local(first.warnAt)).toBe('2026-11-27T09:00');
  });

  it('warns at 75 % of the clock time of a clock promise', () => {
    const callback = deadlines(policy, cal, ticket('2026-11-28T17:00', { channel: 'voice' })).find((d) => d.kind === 'callback');
    expect(callback && local(callback.warnAt)).toBe('2026-11-29T11:00');
  });

  it('follows the configured warning fraction', () => {
    const half = policyWith({ warningFraction: 0.5 });
    const [first] = deadlines(half, cal, ticket('2026-11-26T10:00'));
    expect(first && local(first.warnAt)).toBe('2026-11-26T11:00');
  });
});
