import { describe, expect, it } from 'vitest';
import { deadlines, resume, servicePromise, shiftForPause } from '../../src/sla/sla-rules.js';
import { local, shippedCalendar as cal, shippedPolicy as policy, taipei } from './sla-fixture.js';

const firstResponse = servicePromise(policy, cal, 'first_response', taipei('2026-11-26T10:00')); // due 12:00, warn 11:30
const callback = servicePromise(policy, cal, 'callback', taipei('2026-11-26T10:00')); // due Fri 10:00, warn Fri 04:00

describe('pausing while waiting for the customer', () => {
  it('gives a business-time promise back the business time that was left when it paused', () => {
    const shifted = shiftForPause(firstResponse, taipei('2026-11-26T10:30'), taipei('2026-11-26T14:00'), cal);
    expect(local(shifted.dueAt)).toBe('2026-11-26T15:30');
    expect(local(shifted.warnAt)).toBe('2026-11-26T15:00');
  });

  it('does not move a business-time promise for a pause outside business hours', () => {
    const evening = servicePromise(policy, cal, 'first_response', taipei('2026-11-26T17:00')); // due Fri 09:30
    const shifted = shiftForPause(evening, taipei('2026-11-26T19:00'), taipei('2026-11-27T07:00'), cal);
    expect(local(shifted.dueAt)).toBe('2026-11-27T09:30');
  });

  it('carries the remaining business time over a Sunday', () => {
    const shifted = shiftForPause(firstResponse, taipei('2026-11-26T11:00'), taipei('2026-11-28T17:30'), cal);
    expect(local(shifted.dueAt)).toBe('2026-11-30T09:00'); // 30 min Saturday, 30 min Monday
  });

  it('moves a clock-time promise by the full length of the pause', () => {
    const shifted = shiftForPause(callback, taipei('2026-11-26T12:00'), taipei('2026-11-26T20:00'), cal);
    expect(local(shifted.dueAt)).toBe('2026-11-27T18:00');
    expect(local(shifted.warnAt)).toBe('2026-11-27T12:00');
  });

  it('cannot undo a breach: a deadline already passed when the pause began stays put', () => {
    const shifted = shiftForPause(firstResponse, taipei('2026-11-26T13:00'), taipei('2026-11-26T15:00'), cal);
    expect(shifted.dueAt).toEqual(firstResponse.dueAt);
  });

  it('keeps a warning already passed while moving the deadline', () => {
    const shifted = shiftForPause(firstResponse, taipei('2026-11-26T11:45'), taipei('2026-11-26T14:00'), cal);
    expect(local(shifted.warnAt)).toBe('2026-11-26T11:30');
    expect(local(shifted.dueAt)).toBe('2026-11-26T14:15');
  });

  it('shifts every promise of a ticket in its own measure with resume', () => {
    const all = deadlines(policy, cal, { openedAt: taipei('2026-11-26T10:00'), category: 'inquiry', urgency: 'normal', channel: 'voice' });
    const [first, cb] = resume(all, taipei('2026-11-26T10:30'), taipei('2026-11-26T14:00'), cal);
    expect(first && local(first.dueAt)).toBe('2026-11-26T15:30');
    expect(cb && local(cb.dueAt)).toBe('2026-11-27T13:30');
  });
});
