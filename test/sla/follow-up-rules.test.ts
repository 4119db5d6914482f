import { describe, expect, it } from 'vitest';
import {
  installationFirstCallBy,
  isQuietTime,
  nextQuarterlyContactDue,
  outOfQuietHours,
  repairCheckInAt,
  staffNotificationTime,
  surveySendAt,
} from '../../src/sla/follow-up-rules.js';
import { local, policyWith, shippedCalendar as cal, shippedPolicy as policy, taipei } from './sla-fixture.js';

describe('satisfaction survey', () => {
  it('goes out the next day at 10:00 local time', () => {
    expect(local(surveySendAt(policy, cal, taipei('2026-11-30T15:00')))).toBe('2026-12-01T10:00');
  });

  it('uses the local date, not the UTC date, for a service completed late in the evening', () => {
    // 23:30 in Taipei is still 15:30 UTC on the same day.
    expect(local(surveySendAt(policy, cal, taipei('2026-11-30T23:30')))).toBe('2026-12-01T10:00');
  });

  it('may go out on a Sunday, since the bot sends it', () => {
    expect(local(surveySendAt(policy, cal, taipei('2026-11-28T12:00')))).toBe('2026-11-29T10:00');
  });

  it('waits for the end of quiet hours when the configured time falls inside them', () => {
    const early = policyWith({ survey: { delayDays: 1, sendAt: '07:00' } });
    expect(local(surveySendAt(early, cal, taipei('2026-11-30T15:00')))).toBe('2026-12-01T08:00');
  });
});

describe('quiet hours', () => {
  it('are 21:00 to 08:00 and wrap midnight', () => {
    expect(isQuietTime(policy, cal, taipei('2026-11-30T20:59'))).toBe(false);
    expect(isQuietTime(policy, cal, taipei('2026-11-30T21:00'))).toBe(true);
    expect(isQuietTime(policy, cal, taipei('2026-12-01T07:59'))).toBe(true);
    expect(isQuietTime(policy, cal, taipei('2026-12-01T08:00'))).toBe(false);
  });

  it('move a late-evening message to 08:00 the next morning', () => {
    expect(local(outOfQuietHours(policy, cal, taipei('2026-11-30T22:15')))).toBe('2026-12-01T08:00');
  });
});

describe('follow-up timing', () => {
  it('checks in 3 days after a repaired unit is returned, at 10:00', () => {
    expect(local(repairCheckInAt(policy, cal, taipei('2026-11-30T15:00')))).toBe('2026-12-03T10:00');
  });

  it('calls a new installation within one calendar month', () => {
    expect(local(installationFirstCallBy(policy, cal, taipei('2026-11-30T15:00')))).toBe('2026-12-30T15:00');
    expect(local(installationFirstCallBy(policy, cal, taipei('2026-01-31T15:00')))).toBe('2026-02-28T15:00');
  });

  it('contacts every customer again within three months', () => {
    expect(local(nextQuarterlyContactDue(policy, cal, taipei('2026-11-30T15:00'), false))).toBe('2027-02-28T15:00');
  });

  it('never lets a project customer go more than six months without contact', () => {
    const yearly = policyWith({ followUps: { ...policy.followUps, regularContact: { everyMonths: 12 } } });
    expect(local(nextQuarterlyContactDue(yearly, cal, taipei('2026-11-30T15:00'), true))).toBe('2027-05-30T15:00');
    expect(local(nextQuarterlyContactDue(yearly, cal, taipei('2026-11-30T15:00'), false))).toBe('2027-11-30T15:00');
  });
});

describe('staff notifications', () => {
  it('go out at once during working hours', () => {
    expect(local(staffNotificationTime(policy, cal, taipei('2026-11-30T10:00'), 'normal'))).toBe('2026-11-30T10:00');
  });

  it('wait for the next working morning outside working hours', () => {
    expect(local(staffNotificationTime(policy, cal, taipei('2026-11-28T19:00'), 'normal'))).toBe('2026-11-30T08:30');
    expect(local(staffNotificationTime(policy, cal, taipei('2026-09-25T11:00'), 'low'))).toBe('2026-09-26T08:30'); // 中秋節 → Saturday;
  });

  it('go out at once for a high-urgency ticket even at night', () => {
    expect(local(staffNotificationTime(policy, cal, taipei('2026-11-28T19:00'), 'high'))).toBe('2026-11-28T19:00');
  });
});
