import { DateTime } from 'luxon';
import { createHolidayLookup } from './holiday-days.js';
import { officialLookup } from './official-calendar.js';
import type { CalendarPolicy, LocalDate, Weekday } from './policy-schema.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Search horizon: a calendar with no working day in ten years is a configuration error. */
const MAX_DAYS_SCANNED = 3660;
const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Why a local date is or is not a working day. */
export type DayKind = 'working' | 'make_up_working' | 'weekend' | 'holiday' | 'extra_closed';

/**
 * Working time in the business time zone. All instants are `Date`s; "days" are local calendar
 * dates in `timeZone` ("YYYY-MM-DD", or a `Date` meaning the local date it falls on).
 * Business hours are the half-open interval [start, end) of each working day.
 */
export interface BusinessCalendar {
  readonly timeZone: string;
  /** Business minutes in one working day (570 for 08:30–18:00). */
  readonly workingDayMinutes: number;
  /** Make-up day → working; else extra closed day, non-working weekday or closing holiday → not. */
  isWorkingDay(day: Date | LocalDate): boolean;
  /** The reason behind `isWorkingDay`; `holidayName` is set for holidays. */
  describeDay(day: Date | LocalDate): { kind: DayKind; holidayName?: string };
  isWithinBusinessHours(instant: Date): boolean;
  /**
   * The instant at which `minutes` (≥ 0, may be fractional) of business time have passed since `start`.
   * A start outside business hours counts from the next opening. A result that uses a day up to its
   * last minute is that day's closing time (18:00), not the next opening. `minutes = 0` returns `start`.
   */
  addBusinessMinutes(start: Date, minutes: number): Date;
  /** Business minutes in [a, b); negative when b is before a. */
  businessMinutesBetween(a: Date, b: Date): number;
  /** `instant` itself when within business hours, else the start of the next working period. */
  nextBusinessOpening(instant: Date): Date;
  /**
   * The working period that ends last at or before `instant` (cut at `instant` when it falls inside one):
   * `{ open, close }`, or null when there is none within the search horizon.
   */
  previousBusinessPeriod(instant: Date): { open: Date; close: Date } | null;
  /**
   * Closing time of the `workingDays`-th working day strictly after the local date of `instant`
   * (the day of receipt never counts, even when received before opening).
   */
  endOfWorkingDayAfter(instant: Date, workingDays: number): Date;
  /** `endOfWorkingDayAfter(instant, 1)`: received Mon 07:00 or Mon 17:59 → Tue 18:00; Sat 20:00 → Mon 18:00. */
  endOfNextWorkingDay(instant: Date): Date;
  /** The local date of `instant` plus `days` calendar days, at local time `time` ("HH:MM"). */
  atLocalTime(instant: Date, days: number, time: string): Date;
  /** The local date ("YYYY-MM-DD") an instant falls on. */
  localDate(instant: Date): LocalDate;
}

type Window = { open: number; close: number } | null;
/** One local calendar day: [start, end) in epoch ms, its business window, and why. */
type Day = { n: number; key: string; start: number; end: number; window: Window; kind: DayKind; holidayName?: string };

/**
 * Local days are numbered like epoch days of their calendar date (2026-11-28 → Date.UTC(2026, 10, 28) / DAY_MS)
 * and built once with luxon, then cached: the hot paths (adding and counting business minutes for many
 * tickets) only walk numbers and cached records.
 */
export function createBusinessCalendar(policy: CalendarPolicy): BusinessCalendar {
  const zone = policy.timeZone;
  const [openH, openM] = splitTime(policy.workingHours.start);
  const [closeH, closeM] = splitTime(policy.workingHours.end);
  const workingWeekdays = new Set(policy.workingHours.days.map((d) => WEEKDAYS.indexOf(d) + 1));
  const extraClosed = new Set(policy.extraClosedDays);
  const makeUp = new Set(policy.makeUpWorkingDays);
  const holidays = createHolidayLookup(policy.holidays);
  // Official data only for its own region: a policy copied with another region keeps no stale days.
  const official = policy.official && policy.official.region === (policy.region ?? policy.holidays.country) ? officialLookup(policy.official) : null;
  const days = new Map<number, Day>();
  let offsetGuess = DateTime.now().setZone(zone).offset * MINUTE_MS;

  /**
   * A day of a year the official calendar lists. Saturday policy: a holiday on a day the business works but the
   * government does not (a Saturday for a Mon–Sat business), for which the government gave a substitute day,
   * closes the business on the holiday (`actual`), on the substitute (`substitute`) or on both (`both`).
   */
  function classifyOfficial(d: DateTime, key: string, lookup: NonNullable<typeof official>): { kind: DayKind; holidayName?: string } {
    const entry = lookup.day(key);
    const works = workingWeekdays.has(d.weekday);
    if (entry === undefined) return { kind: works ? 'working' : 'weekend' };
    const mode = policy.saturdayHolidays;
    switch (entry.kind) {
      case 'makeup':
        return { kind: 'make_up_working', holidayName: entry.name };
      case 'bridge':
        return { kind: 'holiday', holidayName: entry.name };
      case 'holiday': {
        const substitute = lookup.substituteFor(key);
        if (works && substitute !== undefined && mode === 'substitute') return { kind: 'working', holidayName: `${entry.name} (closed on ${substitute} instead)` };
        return { kind: 'holiday', holidayName: entry.name };
      }
      case 'substitute': {
        const forDate = entry.for ?? key;
        const businessWorksThatDay = workingWeekdays.has(DateTime.fromISO(forDate).weekday);
        const name = `${entry.name} (for ${forDate})`;
        if (works && businessWorksThatDay && mode === 'actual') return { kind: 'working', holidayName: `${name}, open: closed on ${forDate} itself` };
        return { kind: 'holiday', holidayName: name };
      }
    }
  }

  function classify(d: DateTime, key: string): { kind: DayKind; holidayName?: string } {
    if (makeUp.has(key)) return { kind: 'make_up_working' };
    if (extraClosed.has(key)) return { kind: 'extra_closed' };
    if (official?.hasYear(d.year)) return classifyOfficial(d, key, official);
    const holidayName = holidays(d.year).get(key);
    if (holidayName !== undefined) return { kind: 'holiday', holidayName };
    if (!workingWeekdays.has(d.weekday)) return { kind: 'weekend' };
    return { kind: 'working' };
  }

  function dayNumbered(n: number): Day {
    const cached = days.get(n);
    if (cached) return cached;
    const utc = new Date(n * DAY_MS);
    const start = DateTime.fromObject({ year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() }, { zone });
    const key = start.toISODate() ?? '';
    const why = classify(start, key);
    const open = why.kind === 'working' || why.kind === 'make_up_working';
    const day: Day = {
      n,
      key,
      start: start.toMillis(),
      end: start.plus({ days: 1 }).toMillis(),
      window: open
        ? { open: start.set({ hour: openH, minute: openM }).toMillis(), close: start.set({ hour: closeH, minute: closeM }).toMillis() }
        : null,
      ...why,
    };
    days.set(n, day);
    return day;
  }

  /** The local day containing instant `ms`. */
  function dayAt(ms: number): Day {
    if (!Number.isFinite(ms)) throw new RangeError('business calendar: invalid date');
    let d = dayNumbered(Math.floor((ms + offsetGuess) / DAY_MS));
    while (ms < d.start) d = dayNumbered(d.n - 1);
    while (ms >= d.end) d = dayNumbered(d.n + 1);
    offsetGuess = d.n * DAY_MS - d.start; // this day's UTC offset at midnight
    return d;
  }

  function dayOf(day: Date | LocalDate): Day {
    if (typeof day !== 'string') return dayAt(day.getTime());
    const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
    return dayNumbered(Date.UTC(y, m - 1, d) / DAY_MS);
  }

  /** Visits each local day from `first` on, until `visit` returns a value. */
  function scanDays<T>(first: Day, visit: (day: Day) => T | undefined): T {
    let day = first;
    for (let i = 0; i < MAX_DAYS_SCANNED; i += 1) {
      const result = visit(day);
      if (result !== undefined) return result;
      day = dayNumbered(day.n + 1);
    }
    throw new RangeError(`business calendar: no working time within ${MAX_DAYS_SCANNED} days of ${first.key}`);
  }

  const calendar: BusinessCalendar = {
    timeZone: zone,
    workingDayMinutes: closeH * 60 + closeM - (openH * 60 + openM),

    isWorkingDay: (day) => dayOf(day).window !== null,
    describeDay(day) {
      const { kind, holidayName } = dayOf(day);
      return holidayName === undefined ? { kind } : { kind, holidayName };
    },

    isWithinBusinessHours(instant) {
      const t = instant.getTime();
      const w = dayAt(t).window;
      return w !== null && t >= w.open && t < w.close;
    },

    addBusinessMinutes(start, minutes) {
      if (!(minutes >= 0) || !Number.isFinite(minutes)) throw new RangeError(`addBusinessMinutes: minutes must be ≥ 0, got ${minutes}`);
      if (minutes === 0) return new Date(start);
      let cursor = start.getTime();
      let remaining = minutes * MINUTE_MS;
      return scanDays(dayAt(cursor), ({ window: w }) => {
        if (w === null || cursor >= w.close) return undefined;
        cursor = Math.max(cursor, w.open);
        if (cursor + remaining <= w.close) return new Date(cursor + remaining);
        remaining -= w.close - cursor;
        cursor = w.close;
        return undefined;
      });
    },

    businessMinutesBetween(a, b) {
      const from = a.getTime();
      const to = b.getTime();
      if (to < from) return -calendar.businessMinutesBetween(b, a);
      let total = 0;
      return scanDays(dayAt(from), ({ start, window: w }) => {
        if (start >= to) return total / MINUTE_MS;
        if (w !== null) total += Math.max(0, Math.min(w.close, to) - Math.max(w.open, from));
        return undefined;
      });
    },

    nextBusinessOpening(instant) {
      const t = instant.getTime();
      return scanDays(dayAt(t), ({ window: w }) => (w === null || t >= w.close ? undefined : new Date(Math.max(t, w.open))));
    },

    previousBusinessPeriod(instant) {
      const t = instant.getTime();
      let day = dayAt(t);
      for (let i = 0; i < MAX_DAYS_SCANNED; i += 1) {
        const w = day.window;
        if (w !== null && w.open < t) return { open: new Date(w.open), close: new Date(Math.min(w.close, t)) };
        day = dayNumbered(day.n - 1);
      }
      return null;
    },

    endOfWorkingDayAfter(instant, workingDays) {
      if (!Number.isInteger(workingDays) || workingDays < 1) throw new RangeError(`endOfWorkingDayAfter: workingDays must be a positive integer, got ${workingDays}`);
      let left = workingDays;
      return scanDays(dayNumbered(dayAt(instant.getTime()).n + 1), ({ window: w }) => (w !== null && --left === 0 ? new Date(w.close) : undefined));
    },

    endOfNextWorkingDay: (instant) => calendar.endOfWorkingDayAfter(instant, 1),

    atLocalTime(instant, plusDays, time) {
      const [h, m] = splitTime(time);
      return DateTime.fromMillis(dayNumbered(dayAt(instant.getTime()).n + plusDays).start, { zone }).set({ hour: h, minute: m }).toJSDate();
    },

    localDate: (instant) => dayAt(instant.getTime()).key,
  };
  return calendar;
}

/** "HH:MM" → [hours, minutes]. */
export function splitTime(time: string): [number, number] {
  const [h = '0', m = '0'] = time.split(':');
  return [Number(h), Number(m)];
}
