import { describe, expect, it } from 'vitest';
import { createBusinessCalendar } from '../../src/sla/business-calendar.js';
import { calendarOf, local, policyWith, shippedCalendar as cal, shippedPolicy, taipei } from './sla-fixture.js';

describe('working days', () => {
  it('counts Monday to Saturday as working days and Sunday as closed', () => {
    expect(cal.isWorkingDay('2026-11-28')).toBe(true); // Saturday
    expect(cal.isWorkingDay('2026-11-29')).toBe(false); // Sunday
    expect(cal.describeDay('2026-11-29').kind).toBe('weekend');
  });

  it('closes on Taiwan National Day 2026-10-10, named as in the DGPA calendar', () => {
    expect(cal.describeDay('2026-10-10')).toEqual({ kind: 'holiday', holidayName: '國慶日' });
    expect(cal.isWorkingDay('2026-10-10')).toBe(false);
  });

  it('stays open on observances, which are not public holidays', () => {
    expect(cal.isWorkingDay('2026-10-21')).toBe(true); // 華僑節, an observance
  });

  it('closes on extra closed days from the policy file', () => {
    const c = calendarOf(policyWith({ calendar: { extraClosedDays: ['2026-11-27'] } }));
    expect(c.describeDay('2026-11-27').kind).toBe('extra_closed');
  });

  it('opens on a make-up working day even when it falls on a Sunday or a holiday', () => {
    const c = calendarOf(policyWith({ calendar: { makeUpWorkingDays: ['2026-11-29', '2026-10-10'] } }));
    expect(c.isWorkingDay('2026-11-29')).toBe(true);
    expect(c.isWorkingDay('2026-10-10')).toBe(true);
    expect(c.describeDay('2026-11-29').kind).toBe('make_up_working');
  });

  it('lets a make-up working day win over an extra closed day', () => {
    const c = calendarOf(policyWith({ calendar: { extraClosedDays: ['2026-11-27'], makeUpWorkingDays: ['2026-11-27'] } }));
    expect(c.isWorkingDay('2026-11-27')).toBe(true);
  });

  it('reads a Date as the local date in the business time zone', () => {
    // 2026-11-29T17:00Z is already Monday 01:00 in Taipei.
    expect(cal.isWorkingDay(new Date('2026-11-29T17:00:00Z'))).toBe(true);
  });

  it('falls back to date-holidays of the configured country without an official calendar (HK, CN)', () => {
    const bare = { ...shippedPolicy.calendar, region: undefined, official: undefined, extraClosedDays: [], makeUpWorkingDays: [] };
    const hk = createBusinessCalendar({ ...bare, timeZone: 'Asia/Hong_Kong', holidays: { country: 'HK', types: ['public'] } });
    const cn = createBusinessCalendar({ ...bare, timeZone: 'Asia/Shanghai', holidays: { country: 'CN', types: ['public'] } });
    expect(hk.isWorkingDay('2026-07-01')).toBe(false);
    expect(hk.isWorkingDay('2026-10-10')).toBe(true);
    expect(cn.isWorkingDay('2026-10-01')).toBe(false);
  });

  it('ignores half-day public holidays (CN Women’s Day afternoon)', () => {
    const cn = createBusinessCalendar({ ...shippedPolicy.calendar, region: undefined, official: undefined, timeZone: 'Asia/Shanghai', holidays: { country: 'CN', types: ['public'] }, extraClosedDays: [], makeUpWorkingDays: [] });
    expect(cn.isWorkingDay('2027-03-08')).toBe(true); // a Monday
  });
});

describe('business hours', () => {
  it('is open from 08:30 up to but not including 18:00', () => {
    expect(cal.isWithinBusinessHours(taipei('2026-11-26T08:29'))).toBe(false);
    expect(cal.isWithinBusinessHours(taipei('2026-11-26T08:30'))).toBe(true);
    expect(cal.isWithinBusinessHours(taipei('2026-11-26T17:59'))).toBe(true);
    expect(cal.isWithinBusinessHours(taipei('2026-11-26T18:00'))).toBe(false);
  });

  it('is closed all day on a holiday', () => {
    expect(cal.isWithinBusinessHours(taipei('2026-10-10T11:00'))).toBe(false);
  });

  it('gives the instant itself as the next opening when already open', () => {
    expect(local(cal.nextBusinessOpening(taipei('2026-11-26T11:00')))).toBe('2026-11-26T11:00');
  });

  it('gives Monday 08:30 as the next opening after Saturday closing', () => {
    expect(local(cal.nextBusinessOpening(taipei('2026-11-28T18:00')))).toBe('2026-11-30T08:30');
  });
});

describe('business minutes', () => {
  it('adds business minutes across Saturday evening and Sunday', () => {
    expect(local(cal.addBusinessMinutes(taipei('2026-11-28T17:00'), 120))).toBe('2026-11-30T09:30');
  });

  it('ends on the closing time when the minutes use up the day exactly', () => {
    expect(local(cal.addBusinessMinutes(taipei('2026-11-28T17:00'), 60))).toBe('2026-11-28T18:00');
  });

  it('starts counting at the next opening when started outside business hours', () => {
    expect(local(cal.addBusinessMinutes(taipei('2026-11-29T10:00'), 30))).toBe('2026-11-30T09:00');
  });

  it('counts the business minutes between two instants, skipping nights and Sundays', () => {
    expect(cal.businessMinutesBetween(taipei('2026-11-28T17:00'), taipei('2026-11-30T09:30'))).toBe(120);
    expect(cal.businessMinutesBetween(taipei('2026-11-30T09:30'), taipei('2026-11-28T17:00'))).toBe(-120);
  });

  it('has 570 business minutes in a working day', () => {
    expect(cal.workingDayMinutes).toBe(570);
  });
});

describe('end of the first working day after receipt', () => {
  it('is the next day’s closing time for a weekday receipt, even before opening', () => {
    expect(local(cal.endOfNextWorkingDay(taipei('2026-11-23T07:00')))).toBe('2026-11-24T18:00');
    expect(local(cal.endOfNextWorkingDay(taipei('2026-11-23T17:59')))).toBe('2026-11-24T18:00');
  });

  it('skips Sunday and holidays', () => {
    expect(local(cal.endOfNextWorkingDay(taipei('2026-11-28T20:00')))).toBe('2026-11-30T18:00');
    expect(local(cal.endOfNextWorkingDay(taipei('2026-09-24T10:00')))).toBe('2026-09-26T18:00'); // 中秋節 Friday
    expect(local(cal.endOfNextWorkingDay(taipei('2026-09-26T10:00')))).toBe('2026-09-29T18:00'); // Sunday, 教師節 Monday
  });
});

describe('time zones with daylight saving', () => {
  it('keeps local opening hours across a clock change (New York, 2026-03-08)', () => {
    const ny = createBusinessCalendar({ ...shippedPolicy.calendar, region: undefined, official: undefined, timeZone: 'America/New_York', holidays: { country: 'US', types: ['public'] }, extraClosedDays: [], makeUpWorkingDays: [] });
    const due = ny.addBusinessMinutes(new Date('2026-03-07T22:00:00Z'), 120); // Saturday 17:00 EST
    expect(due.toISOString()).toBe('2026-03-09T13:30:00.000Z'); // Monday 09:30 EDT
    expect(ny.localDate(new Date('2026-03-09T03:30:00Z'))).toBe('2026-03-08');
  });
});
