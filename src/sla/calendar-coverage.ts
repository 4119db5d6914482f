import { basename, isAbsolute, relative } from 'node:path';
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
  /**
   * The official calendar file to add years to: the one the policy loader read (relative to the working
   * directory when inside it), else where the region's file would be (config/calendars/<region>.yaml).
   */
  file: string;
  /** Set when the official calendar does not reach `COVERAGE_DAYS` days ahead: say so at start-up and in the console. */
  warning: string | null;
};

/**
 * Whether the official calendar (the policy's officialCalendarFile, else config/calendars/<region>.yaml) covers
 * the next 90 days from `now`. Beyond it the business calendar falls back to date-holidays, which misses bridge
 * days, substitutes and make-up days.
 */
export function calendarCoverage(policy: Pick<Policy, 'calendar'>, now: Date): CalendarCoverage {
  const { calendar } = policy;
  const region = calendar.region ?? calendar.holidays.country;
  const file = calendar.official && calendar.officialFile ? shownPath(calendar.officialFile) : `config/calendars/${region}.yaml`;
  const today = DateTime.fromJSDate(now, { zone: calendar.timeZone });
  const needed = today.plus({ days: COVERAGE_DAYS }).toISODate() ?? '';
  const coveredUntil = calendar.official ? officialLookup(calendar.official).coveredUntil(today.toISODate() ?? '') : null;
  if (coveredUntil !== null && coveredUntil >= needed) return { region, coveredUntil, file, warning: null };
  const next = coveredUntil === null ? today.year : Number(coveredUntil.slice(0, 4)) + 1;
  const reach = coveredUntil === null ? `has no complete official calendar for ${today.year}` : `official calendar ends ${coveredUntil}`;
  return {
    region,
    coveredUntil,
    file,
    warning: `Holiday calendar ${region}: ${reach}, less than ${COVERAGE_DAYS} days ahead (needed until ${needed}); later dates use date-holidays, which misses bridge, substitute and make-up days. ${howToAdd(region, next, file)}`,
  };
}

/**
 * The coverage as an unauthenticated reader (/healthz, the console's banner before anything else) may see it:
 * the calendar file by its base name, in `file` and in the warning's advice. The start-up log keeps the path.
 */
export function publicCoverage(coverage: CalendarCoverage): CalendarCoverage {
  const name = basename(coverage.file);
  return { ...coverage, file: name, warning: coverage.warning?.replaceAll(coverage.file, name) ?? null };
}

/** A path as an admin would type it from where the app runs: relative inside the working directory, else absolute. */
function shownPath(file: string): string {
  const inside = relative(process.cwd(), file);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? inside : file;
}

/** npm run calendar:import reads Taiwan's DGPA file only: the other regions' files are edited by hand (their headers say how). */
const BY_HAND: Record<string, (year: number) => string> = {
  HK: (year) => `the general holidays gazetted for ${year} (gov.hk)`,
  CN: (year) => `the State Council's holiday notice for ${year} (国务院办公厅 部分节假日安排), with its make-up working days (调休)`,
};

/** `file`: the calendar file the policy reads, which may not be the shipped one (the import must write there). */
function howToAdd(region: string, year: number, file: string): string {
  if (region === 'TW') return `Add ${year} with npm run calendar:import -- FILE --into ${file} (FILE: the DGPA open-data CSV).`;
  const notice = BY_HAND[region]?.(year) ?? 'the official notice';
  return `Add ${year} by hand to ${file} from ${notice}, as the file's header says.`;
}
