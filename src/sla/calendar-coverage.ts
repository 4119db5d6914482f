import { DateTime } from 'luxon';
import { officialLookup } from './official-calendar.js';
import type { Policy } from './policy-schema.js';

/** How far ahead the official calendar must reach before start-up and the console stop warning. */
export const COVERAGE_DAYS = 90;

export type CalendarCoverage = {
  /** The official calendar's region (TW, HK, CN), or the date-holidays country when the region ships none. */
  region: string;
  /** Last local date of the unbroken run of complete official years from today; null when today's year is not complete. */
  coveredUntil: string | null;
  /** Set when the official calendar does not reach `COVERAGE_DAYS` days ahead: say so at start-up and in the console. */
  warning: string | null;
};

/**
 * Whether the official calendar (config/calendars/<region>.yaml) covers the next 90 days from `now`. Beyond it
 * the business calendar falls back to date-holidays, which misses bridge days, substitutes and make-up days.
 */
export function calendarCoverage(policy: Pick<Policy, 'calendar'>, now: Date): CalendarCoverage {
  const { calendar } = policy;
  const region = calendar.region ?? calendar.holidays.country;
  const today = DateTime.fromJSDate(now, { zone: calendar.timeZone });
  const needed = today.plus({ days: COVERAGE_DAYS }).toISODate() ?? '';
  const coveredUntil = calendar.official ? officialLookup(calendar.official).coveredUntil(today.toISODate() ?? '') : null;
  if (coveredUntil !== null && coveredUntil >= needed) return { region, coveredUntil, warning: null };
  const next = coveredUntil === null ? today.year : Number(coveredUntil.slice(0, 4)) + 1;
  const reach = coveredUntil === null ? `has no complete official calendar for ${today.year}` : `official calendar ends ${coveredUntil}`;
  return {
    region,
    coveredUntil,
    warning: `Holiday calendar ${region}: ${reach}, less than ${COVERAGE_DAYS} days ahead (needed until ${needed}); later dates use date-holidays, which misses bridge, substitute and make-up days. ${howToAdd(region, next)}`,
  };
}

/** npm run calendar:import reads Taiwan's DGPA file only: the other regions' files are edited by hand (their headers say how). */
const BY_HAND: Record<string, (year: number) => string> = {
  HK: (year) => `the general holidays gazetted for ${year} (gov.hk)`,
  CN: (year) => `the State Council's holiday notice for ${year} (国务院办公厅 部分节假日安排), with its make-up working days (调休)`,
};

function howToAdd(region: string, year: number): string {
  if (region === 'TW') return `Add ${year} with npm run calendar:import -- FILE (the DGPA open-data CSV).`;
  const notice = BY_HAND[region]?.(year) ?? 'the official notice';
  return `Add ${year} by hand to config/calendars/${region}.yaml from ${notice}, as the file's header says.`;
}
