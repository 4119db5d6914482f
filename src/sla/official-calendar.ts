import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { load } from 'js-yaml';
import { z } from 'zod';

/**
 * A government's published calendar (config/calendars/<REGION>.yaml): for each year, the days that differ
 * from a plain Mon–Fri week and the holidays that fall on a weekend. It outranks date-holidays for every year
 * it lists; date-holidays only fills years the file does not have.
 */

const ISO_DATE = z
  .string({ error: 'expected an ISO date YYYY-MM-DD' })
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && DateTime.fromISO(s).isValid, { error: 'expected an ISO date YYYY-MM-DD' });

/**
 * holiday: a named holiday on its own date. substitute: 補假, the day off given for the holiday on `for`.
 * bridge: 調整放假, a bridge day off. makeup: 補行上班 / 调休上班, a working day although a weekend.
 */
export const OfficialDayKind = z.enum(['holiday', 'substitute', 'bridge', 'makeup']);
export type OfficialDayKind = z.infer<typeof OfficialDayKind>;

export const OfficialDay = z
  .strictObject({ kind: OfficialDayKind, name: z.string().min(1), for: ISO_DATE.optional() })
  .refine((d) => d.kind !== 'substitute' || d.for !== undefined, { path: ['for'], error: 'a substitute day names the holiday it is for' });
export type OfficialDay = z.infer<typeof OfficialDay>;

export const OfficialYear = z.strictObject({
  /** The whole official calendar of the year; only complete years count as covered. */
  complete: z.boolean(),
  source: z.string().min(1),
  note: z.string().optional(),
  days: z.record(ISO_DATE, OfficialDay),
});
export type OfficialYear = z.infer<typeof OfficialYear>;

export const OfficialCalendar = z
  .strictObject({
    region: z.string().regex(/^[A-Z]{2}$/, { error: 'expected a two-letter region code such as TW' }),
    name: z.string().min(1),
    source: z.string().min(1),
    years: z.record(z.string().regex(/^\d{4}$/, { error: 'expected a year such as "2027"' }), OfficialYear),
  })
  .superRefine((cal, ctx) => {
    for (const [year, y] of Object.entries(cal.years)) {
      for (const date of Object.keys(y.days)) {
        if (!date.startsWith(`${year}-`)) ctx.addIssue({ code: 'custom', path: ['years', year, 'days', date], message: `date is not in ${year}` });
      }
    }
  });
export type OfficialCalendar = z.infer<typeof OfficialCalendar>;

/** Reads and validates a calendar file; throws with `path: message` lines naming each problem. */
export function readOfficialCalendar(file: string): OfficialCalendar {
  const raw = load(readFileSync(file, 'utf8'));
  const parsed = OfficialCalendar.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(file)'}: ${i.message}`);
    throw new Error(lines.join('\n'));
  }
  return parsed.data;
}

/** Fast lookups over one official calendar. */
export type OfficialLookup = {
  /** The file lists this year (complete or not): it, not date-holidays, decides the year's days. */
  hasYear(year: number): boolean;
  day(date: string): OfficialDay | undefined;
  /** The substitute day the government gave for the holiday on `date`, if any. */
  substituteFor(date: string): string | undefined;
  /** Last day of the last complete year in an unbroken run of complete years that includes `from`'s year; null if that year is not complete. */
  coveredUntil(from: string): string | null;
};

export function officialLookup(cal: OfficialCalendar): OfficialLookup {
  const days = new Map<string, OfficialDay>();
  const substitutes = new Map<string, string>();
  for (const y of Object.values(cal.years)) {
    for (const [date, d] of Object.entries(y.days)) {
      days.set(date, d);
      if (d.kind === 'substitute' && d.for !== undefined) substitutes.set(d.for, date);
    }
  }
  return {
    hasYear: (year) => String(year) in cal.years,
    day: (date) => days.get(date),
    substituteFor: (date) => substitutes.get(date),
    coveredUntil(from) {
      let year = Number(from.slice(0, 4));
      if (!cal.years[String(year)]?.complete) return null;
      while (cal.years[String(year + 1)]?.complete) year += 1;
      return `${year}-12-31`;
    },
  };
}
