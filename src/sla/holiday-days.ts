import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import type { HolidaySource } from './policy-schema.js';

const DAY_MS = 86_400_000;

/** Closed dates ("YYYY-MM-DD" → holiday name) from date-holidays, looked up once per year and cached. */
export type HolidayLookup = (year: number) => ReadonlyMap<string, string>;

/**
 * Only whole-day holidays of the configured types close the business: a half day such as
 * CN's Women's Day afternoon (starts 12:00) does not. Multi-day entries close every day they span.
 */
export function createHolidayLookup(source: HolidaySource): HolidayLookup {
  const hd = source.state === undefined ? new Holidays(source.country) : new Holidays(source.country, source.state);
  const types = new Set<string>(source.types);
  const byYear = new Map<number, Map<string, string>>();

  return (year) => {
    const cached = byYear.get(year);
    if (cached) return cached;
    const days = new Map<string, string>();
    for (const h of hd.getHolidays(year)) {
      if (!types.has(h.type) || !h.date.endsWith(' 00:00:00')) continue;
      const first = DateTime.fromISO(h.date.slice(0, 10));
      const span = Math.max(1, Math.floor((h.end.getTime() - h.start.getTime()) / DAY_MS));
      for (let i = 0; i < span; i += 1) {
        const day = first.plus({ days: i }).toISODate();
        if (day !== null && !days.has(day)) days.set(day, h.name);
      }
    }
    byYear.set(year, days);
    return days;
  };
}
