import { copyFileSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calendarCoverage } from '../../src/sla/calendar-coverage.js';
import { CALENDARS_DIR, DEFAULT_POLICY_FILE, PolicyError, loadPolicy, parsePolicy } from '../../src/sla/load-policy.js';
import { readOfficialCalendar } from '../../src/sla/official-calendar.js';
import type { SaturdayHolidays } from '../../src/sla/policy-schema.js';
import { deadlines } from '../../src/sla/sla-rules.js';
import { calendarOf, local, policyWith, shippedCalendar as cal, shippedPolicy } from './sla-fixture.js';
import { DateTime } from 'luxon';

const shippedText = readFileSync(DEFAULT_POLICY_FILE, 'utf8');

/** The shipped policy rewritten for another region and time zone, loaded from a file like an operator's. */
function regionPolicy(region: 'HK' | 'CN', timeZone: string) {
  const dir = mkdtempSync(join(tmpdir(), 'aftercare-region-'));
  const file = join(dir, `${region}.yaml`);
  writeFileSync(file, shippedText.replace('region: TW', `region: ${region}`).replace('country: TW', `country: ${region}`).replace('timeZone: Asia/Taipei', `timeZone: ${timeZone}`));
  return loadPolicy(file);
}

function at(zone: string, localTime: string): Date {
  return DateTime.fromISO(localTime, { zone }).toJSDate();
}

describe('the Taiwan government office calendar (DGPA)', () => {
  it.each([
    ['2027-01-01', '開國紀念日'],
    ['2027-02-04', '小年夜'],
    ['2027-02-05', '農曆除夕'],
    ['2027-02-08', '春節'],
    ['2027-02-10', '補假 (for 2027-02-07)'],
    ['2027-03-01', '補假 (for 2027-02-28)'],
    ['2027-04-05', '清明節'],
    ['2027-04-06', '補假 (for 2027-04-04)'],
    ['2027-06-09', '端午節'],
    ['2027-09-15', '中秋節'],
    ['2027-09-28', '孔子誕辰紀念日/教師節'],
    ['2027-10-11', '補假 (for 2027-10-10)'],
    ['2027-10-25', '臺灣光復暨金門古寧頭大捷紀念日'],
  ])('closes %s (%s)', (day, name) => {
    expect(cal.describeDay(day)).toEqual({ kind: 'holiday', holidayName: name });
  });

  it('knows 2027-12-31 as the Friday given for New Year’s Day 2028 on a Saturday (worked under actual, closed under both)', () => {
    expect(cal.describeDay('2027-12-31')).toEqual({ kind: 'working', holidayName: '補假 (for 2028-01-01), open: closed on 2028-01-01 itself' });
    expect(calendarOf(policyWith({ calendar: { saturdayHolidays: 'both' } })).isWorkingDay('2027-12-31')).toBe(false);
    expect(cal.isWorkingDay('2028-01-01')).toBe(false); // beyond the file: date-holidays
  });

  it('keeps ordinary days open that date-holidays called holidays (2026-02-21, a Saturday after the Lunar New Year block)', () => {
    expect(cal.isWorkingDay('2026-02-21')).toBe(true);
    expect(cal.isWorkingDay('2026-02-14')).toBe(true);
  });

  it('reads a make-up working day (補行上班) from the calendar: Saturday 2025-02-08 for a Monday-to-Friday office', () => {
    const weekdays = policyWith({ calendar: { workingHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:30', end: '18:00' } } });
    expect(calendarOf(weekdays).describeDay('2025-02-08')).toEqual({ kind: 'make_up_working', holidayName: '補行上班' });
    expect(calendarOf(weekdays).isWorkingDay('2025-01-27')).toBe(false); // the bridge day it makes up
  });
});

describe('Saturdays in holiday periods (saturdayHolidays)', () => {
  const modes: readonly SaturdayHolidays[] = ['actual', 'substitute', 'both'];
  const open = (mode: SaturdayHolidays, day: string) => calendarOf(policyWith({ calendar: { saturdayHolidays: mode } })).isWorkingDay(day);

  // [Friday substitute, Saturday holiday]: open days per mode.
  const pairs = [
    ['2026-02-27', '2026-02-28'], // 和平紀念日
    ['2026-04-03', '2026-04-04'], // 兒童節
    ['2026-10-09', '2026-10-10'], // 國慶日
    ['2027-04-30', '2027-05-01'], // 勞動節
    ['2027-12-24', '2027-12-25'], // 行憲紀念日
  ] as const;

  it.each(pairs)('actual: the government’s Friday %s is worked, the Saturday holiday %s is closed', (friday, saturday) => {
    expect([open('actual', friday), open('actual', saturday)]).toEqual([true, false]);
  });

  it.each(pairs)('substitute: the Friday %s is closed, the Saturday %s is worked', (friday, saturday) => {
    expect([open('substitute', friday), open('substitute', saturday)]).toEqual([false, true]);
  });

  it.each(pairs)('both: the Friday %s and the Saturday %s are closed', (friday, saturday) => {
    expect([open('both', friday), open('both', saturday)]).toEqual([false, false]);
  });

  it('applies the same rule inside Lunar New Year 2027: Saturday 02-06 春節 against its substitute Tuesday 02-09', () => {
    expect([open('actual', '2027-02-06'), open('actual', '2027-02-09')]).toEqual([false, true]);
    expect([open('substitute', '2027-02-06'), open('substitute', '2027-02-09')]).toEqual([true, false]);
    expect([open('both', '2027-02-06'), open('both', '2027-02-09')]).toEqual([false, false]);
    // 02-10 is the substitute for Sunday 02-07, a day the business never works: closed in every mode.
    for (const mode of modes) expect(open(mode, '2027-02-10')).toBe(false);
  });

  it('treats the ordinary Saturdays of the 2026 Lunar New Year block (02-14, 02-21) alike in every mode', () => {
    for (const mode of modes) expect([open(mode, '2026-02-14'), open(mode, '2026-02-21')]).toEqual([true, true]);
  });

  it('closes a substitute for a Sunday holiday in every mode (2026-02-20 for 小年夜 02-15, 2026-10-26 for 光復節 10-25)', () => {
    for (const mode of modes) expect([open(mode, '2026-02-20'), open(mode, '2026-10-26')]).toEqual([false, false]);
  });

  it('defaults to actual, what a Monday-to-Saturday business does', () => {
    expect(shippedPolicy.calendar.saturdayHolidays).toBe('actual');
  });
});

describe('another region’s policy file', () => {
  it('CN: a 调休 Sunday is a working day and the Golden Week is closed', () => {
    const policy = regionPolicy('CN', 'Asia/Shanghai');
    const cn = calendarOf(policy);
    expect(cn.describeDay('2026-09-20')).toEqual({ kind: 'make_up_working', holidayName: '调休上班' });
    expect(cn.isWorkingDay('2026-10-05')).toBe(false); // a Monday in 国庆节
    expect(cn.isWorkingDay('2026-10-10')).toBe(true); // 调休 Saturday
    // A ticket opened Saturday 2026-09-19 at 17:00: one hour that day, the second on the 调休 Sunday.
    const [first] = deadlines(policy, cn, { openedAt: at('Asia/Shanghai', '2026-09-19T17:00'), category: 'inquiry', urgency: 'normal', channel: 'chat' });
    expect(DateTime.fromJSDate(first!.dueAt, { zone: 'Asia/Shanghai' }).toFormat("yyyy-LL-dd'T'HH:mm")).toBe('2026-09-20T09:30');
  });

  it('CN: the same Sunday is closed under the Taiwan policy', () => {
    expect(cal.isWorkingDay('2026-09-20')).toBe(false);
  });

  it('HK: closes on Establishment Day and works on Taiwan’s National Day', () => {
    const hk = calendarOf(regionPolicy('HK', 'Asia/Hong_Kong'));
    expect(hk.isWorkingDay('2026-07-01')).toBe(false);
    expect(hk.isWorkingDay('2026-10-09')).toBe(true);
    expect(hk.isWorkingDay('2027-02-09')).toBe(false); // the fourth day of Lunar New Year (the second is a Sunday)
  });

  it('rejects an official calendar file of another region', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aftercare-region-'));
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, shippedText.replace('# officialCalendarFile: calendars/TW.yaml', `officialCalendarFile: ${join(DEFAULT_POLICY_FILE, '..', 'calendars', 'HK.yaml')}`));
    expect(() => loadPolicy(file)).toThrow(PolicyError);
    expect(() => loadPolicy(file)).toThrow(/is the calendar of HK, not of region TW/);
  });

  it('names a broken entry of the official calendar file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aftercare-region-'));
    writeFileSync(join(dir, 'TW.yaml'), 'region: TW\nname: x\nsource: y\nyears:\n  "2028":\n    complete: true\n    source: z\n    days:\n      "2028-01-03": { kind: substitute, name: 補假 }\n');
    const text = shippedText.replace('# officialCalendarFile: calendars/TW.yaml', 'officialCalendarFile: TW.yaml');
    expect(() => parsePolicy(text, 'policy.yaml', dir)).toThrow(/years\.2028\.days\.2028-01-03\.for: a substitute day names the holiday it is for/);
  });
});

describe('calendar coverage', () => {
  it('covers the next 90 days from 2026-11-30 with the shipped Taiwan calendar (to 2027-12-31)', () => {
    expect(calendarCoverage(shippedPolicy, new Date('2026-11-30T02:00:00Z'))).toEqual({ region: 'TW', coveredUntil: '2027-12-31', file: 'config/calendars/TW.yaml', warning: null });
  });

  it('warns from 2027-10-03 on, when 90 days reach into 2028', () => {
    const coverage = calendarCoverage(shippedPolicy, new Date('2027-10-03T02:00:00Z'));
    expect(coverage.coveredUntil).toBe('2027-12-31');
    expect(coverage.warning).toMatch(/^Holiday calendar TW: official calendar ends 2027-12-31.*Add 2028 with npm run calendar:import -- FILE --into config\/calendars\/TW\.yaml/);
    expect(calendarCoverage(shippedPolicy, new Date('2027-10-02T02:00:00Z')).warning).toBeNull();
  });

  it('warns for CN on 2026-11-30: 2027 holds only the statutory days until the State Council notice is added', () => {
    const coverage = calendarCoverage(regionPolicy('CN', 'Asia/Shanghai'), new Date('2026-11-30T02:00:00Z'));
    expect(coverage.coveredUntil).toBe('2026-12-31');
    expect(coverage.warning).toContain('Add 2027');
  });

  it.each([
    { region: 'CN' as const, timeZone: 'Asia/Shanghai', notice: /Add 2027 by hand to config\/calendars\/CN\.yaml from the State Council's holiday notice for 2027 .*make-up working days/ },
    { region: 'HK' as const, timeZone: 'Asia/Hong_Kong', notice: /Add 2028 by hand to config\/calendars\/HK\.yaml from the general holidays gazetted for 2028/ },
  ])('tells the admin of $region to edit its calendar file by hand, not to run the Taiwan-only import', ({ region, timeZone, notice }) => {
    const { warning } = calendarCoverage(regionPolicy(region, timeZone), new Date('2027-11-30T02:00:00Z'));
    expect(warning).toMatch(notice);
    expect(warning).not.toContain('calendar:import');
  });

  it('names the calendar file the policy points to, not config/calendars, when it ends too soon (CN)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aftercare-region-'));
    const own = join(dir, 'our-cn-calendar.yaml');
    copyFileSync(join(CALENDARS_DIR, 'CN.yaml'), own);
    const file = join(dir, 'policy.yaml');
    const cn = shippedText.replace('region: TW', 'region: CN').replace('country: TW', 'country: CN').replace('timeZone: Asia/Taipei', 'timeZone: Asia/Shanghai');
    writeFileSync(file, cn.replace('# officialCalendarFile: calendars/TW.yaml', 'officialCalendarFile: our-cn-calendar.yaml'));
    const coverage = calendarCoverage(loadPolicy(file), new Date('2026-11-30T02:00:00Z'));
    expect(coverage.file).toBe(realpathSync(own));
    expect(coverage.warning).toContain(`Add 2027 by hand to ${realpathSync(own)} from the State Council's holiday notice`);
    expect(coverage.warning).not.toContain('config/calendars');
  });

  it('tells Taiwan to import into the calendar file the policy points to', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aftercare-region-'));
    copyFileSync(join(CALENDARS_DIR, 'TW.yaml'), join(dir, 'tw-office.yaml'));
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, shippedText.replace('# officialCalendarFile: calendars/TW.yaml', 'officialCalendarFile: tw-office.yaml'));
    const { warning } = calendarCoverage(loadPolicy(file), new Date('2027-10-03T02:00:00Z'));
    expect(warning).toContain(`Add 2028 with npm run calendar:import -- FILE --into ${realpathSync(join(dir, 'tw-office.yaml'))}`);
  });

  it('warns for a region without an official calendar', () => {
    const coverage = calendarCoverage(policyWith({ calendar: { region: 'US', official: undefined } }), new Date('2026-11-30T02:00:00Z'));
    expect(coverage).toMatchObject({ region: 'US', coveredUntil: null });
    expect(coverage.warning).toContain('has no complete official calendar for 2026');
  });
});

describe('deadlines across each 2026–2027 holiday block (first response, 2 business hours, opened at 17:00 the working day before)', () => {
  it.each([
    ['2025-12-31T17:00', '2026-01-02T09:30'], // 開國紀念日 (Thu)
    ['2026-02-13T17:00', '2026-02-14T09:30'], // Lunar New Year 2026: the ordinary Saturday 02-14 is worked
    ['2026-02-14T17:00', '2026-02-21T09:30'], // … then 02-15 to 02-20 closed
    ['2026-02-26T17:00', '2026-02-27T09:30'], // 和平紀念日 on Saturday: Friday worked
    ['2026-02-27T17:00', '2026-03-02T09:30'],
    ['2026-04-02T17:00', '2026-04-03T09:30'], // 兒童節 / 清明節 2026
    ['2026-04-03T17:00', '2026-04-07T09:30'],
    ['2026-04-30T17:00', '2026-05-02T09:30'], // 勞動節 (Fri)
    ['2026-06-18T17:00', '2026-06-20T09:30'], // 端午節
    ['2026-09-24T17:00', '2026-09-26T09:30'], // 中秋節
    ['2026-09-26T17:00', '2026-09-29T09:30'], // 教師節 (Mon)
    ['2026-10-24T17:00', '2026-10-27T09:30'], // 光復節 (Sun) and its Monday
    ['2026-12-24T17:00', '2026-12-26T09:30'], // 行憲紀念日 (Fri)
    ['2027-02-03T17:00', '2027-02-09T09:30'], // Lunar New Year 2027: 02-04 to 02-08 closed, 02-09 (for Saturday 02-06) worked
    ['2027-02-09T17:00', '2027-02-11T09:30'], // 02-10 closed
    ['2027-02-27T17:00', '2027-03-02T09:30'], // 和平紀念日 on Sunday: Monday closed
    ['2027-04-03T17:00', '2027-04-07T09:30'], // 兒童節 / 清明節 2027
    ['2027-04-29T17:00', '2027-04-30T09:30'], // 勞動節 on Saturday: Friday worked
    ['2027-04-30T17:00', '2027-05-03T09:30'],
    ['2027-06-08T17:00', '2027-06-10T09:30'], // 端午節
    ['2027-09-14T17:00', '2027-09-16T09:30'], // 中秋節
    ['2027-09-27T17:00', '2027-09-29T09:30'], // 教師節
    ['2027-10-09T17:00', '2027-10-12T09:30'], // 國慶日 on Sunday: Monday closed
    ['2027-10-23T17:00', '2027-10-26T09:30'], // 光復節 (Mon)
    ['2027-12-24T17:00', '2027-12-27T09:30'], // 行憲紀念日 on Saturday: Friday worked, Saturday closed
    ['2027-12-30T17:00', '2027-12-31T09:30'], // 2027-12-31, the Friday for Saturday 2028-01-01, worked
    ['2027-12-31T17:00', '2028-01-03T09:30'],
  ])('opened %s → due %s', (opened, due) => {
    const [first] = deadlines(shippedPolicy, cal, { openedAt: at('Asia/Taipei', opened), category: 'inquiry', urgency: 'normal', channel: 'chat' });
    expect(local(first!.dueAt)).toBe(due);
  });
});

describe('the shipped official calendar files', () => {
  const files = ['TW', 'HK', 'CN'].map((region) => [region, readOfficialCalendar(join(CALENDARS_DIR, `${region}.yaml`))] as const);

  it.each(files)('%s: make-up working days fall on weekends, substitutes and bridge days on weekdays', (_region, cal) => {
    for (const year of Object.values(cal.years)) {
      for (const [date, day] of Object.entries(year.days)) {
        const weekend = DateTime.fromISO(date).weekday >= 6;
        if (day.kind === 'makeup') expect(weekend, date).toBe(true);
        if (day.kind === 'substitute' || day.kind === 'bridge') expect(weekend, date).toBe(false);
      }
    }
  });

  it.each(files)('%s: every substitute day is for a weekend holiday listed in the file (or in a year it does not list yet)', (_region, cal) => {
    for (const year of Object.values(cal.years)) {
      for (const [date, day] of Object.entries(year.days)) {
        if (day.kind !== 'substitute') continue;
        const target = day.for!;
        expect(DateTime.fromISO(target).weekday, `${date} is for ${target}`).toBeGreaterThanOrEqual(6);
        const listed = cal.years[target.slice(0, 4)]?.days[target];
        if (cal.years[target.slice(0, 4)]) expect(listed?.kind, `${date} is for ${target}`).toBe('holiday');
      }
    }
  });
});
