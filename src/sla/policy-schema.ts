import Holidays from 'date-holidays';
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { Urgency } from '../understanding/understanding-schema.js';
import { OfficialCalendar } from './official-calendar.js';

/**
 * The service policy file (`config/policy.yaml`), validated once at start-up.
 * Every object is strict: a misspelt key is an error naming that key, not a silently ignored setting.
 */

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
/** Local wall-clock time of day, `"HH:MM"` (24-hour). */
export const TimeOfDay = z.string({ error: 'expected HH:MM' }).regex(HH_MM, { error: 'expected HH:MM' });

/** A calendar date in the business time zone, `"YYYY-MM-DD"`. */
export const LocalDate = z
  .string({ error: 'expected an ISO date YYYY-MM-DD' })
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && DateTime.fromISO(s).isValid, { error: 'expected an ISO date YYYY-MM-DD' });
export type LocalDate = z.infer<typeof LocalDate>;

export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;

/** `business`: only time inside working hours counts. `clock`: elapsed real time, nights, weekends and holidays included. */
export const TimeMeasure = z.enum(['business', 'clock']);
export type TimeMeasure = z.infer<typeof TimeMeasure>;

/** A span of time, and which clock it runs on. */
export const Duration = z.strictObject({
  hours: z.number({ error: 'expected a number of hours' }).positive({ error: 'expected a positive number of hours' }),
  measure: TimeMeasure,
});
export type Duration = z.infer<typeof Duration>;

const HolidayType = z.enum(['public', 'bank', 'optional', 'school', 'observance']);

export const HolidaySource = z
  .strictObject({
    /** ISO 3166-1 country code understood by date-holidays: TW, HK, CN, … */
    country: z.string().regex(/^[A-Z]{2}$/, { error: 'expected a two-letter country code such as TW' }),
    /** Optional subdivision code understood by date-holidays. */
    state: z.string().optional(),
    /** Holiday types that close the business; the company closes on `public` holidays only. */
    types: z.array(HolidayType).min(1).default(['public']),
  })
  .superRefine((h, ctx) => {
    const hd = new Holidays();
    const countries = hd.getCountries();
    if (!(h.country in countries)) {
      ctx.addIssue({ code: 'custom', path: ['country'], message: `date-holidays has no country "${h.country}"` });
      return;
    }
    if (h.state !== undefined && !(h.state in (hd.getStates(h.country) ?? {}))) {
      ctx.addIssue({ code: 'custom', path: ['state'], message: `date-holidays has no state "${h.state}" in ${h.country}` });
    }
  });
export type HolidaySource = z.infer<typeof HolidaySource>;

export const WorkingHours = z
  .strictObject({
    days: z.array(Weekday).min(1, { error: 'expected at least one working weekday' }),
    start: TimeOfDay,
    end: TimeOfDay,
  })
  .refine((w) => !HH_MM.test(w.start) || !HH_MM.test(w.end) || w.end > w.start, { path: ['end'], error: 'expected a time after start (no overnight shifts)' });
export type WorkingHours = z.infer<typeof WorkingHours>;

/**
 * A holiday on a Saturday the business works, when the government gives another day off for it (Taiwan's
 * Friday 補假): `actual` closes the Saturday and opens the substitute, `substitute` the reverse, `both` closes both.
 */
export const SaturdayHolidays = z.enum(['actual', 'substitute', 'both']);
export type SaturdayHolidays = z.infer<typeof SaturdayHolidays>;

/** What `createBusinessCalendar` needs. */
export const CalendarPolicy = z.strictObject({
  timeZone: z.string().refine((tz) => IANAZone.isValidZone(tz), { error: 'expected an IANA time zone such as Asia/Taipei' }),
  workingHours: WorkingHours,
  /**
   * Whose official calendar applies (config/calendars/<region>.yaml: TW, HK, CN); defaults to holidays.country.
   * Years the official calendar lists are taken from it; date-holidays only fills the others.
   */
  region: z.string().regex(/^[A-Z]{2}$/, { error: 'expected a two-letter region code such as TW' }).optional(),
  /** Another official calendar file (relative to the policy file); default config/calendars/<region>.yaml. */
  officialCalendarFile: z.string().min(1).optional(),
  /** Filled by the policy loader from the official calendar file; not written in policy.yaml. */
  official: OfficialCalendar.optional(),
  /** Filled by the policy loader: the official calendar file it read (absolute, links resolved), named in warnings. */
  officialFile: z.string().min(1).optional(),
  saturdayHolidays: SaturdayHolidays.default('actual'),
  holidays: HolidaySource,
  /** Extra days the company is closed (bridge days, company events), even if otherwise working days. */
  extraClosedDays: z.array(LocalDate).default([]),
  /** Make-up working days (補班): working even on a weekend, a holiday or an extra closed day. */
  makeUpWorkingDays: z.array(LocalDate).default([]),
});
export type CalendarPolicy = z.infer<typeof CalendarPolicy>;

export const HomeProvince = z.strictObject({
  /** Canonical name; compared after normalising (see `normaliseProvince`). */
  name: z.string().min(1),
  /** Other spellings of the same province; compared after normalising too. */
  aliases: z.array(z.string().min(1)).default([]),
});

export const PromisesPolicy = z.strictObject({
  /** Every new ticket. */
  firstResponse: Duration,
  /** E-mail: answered by the end of the Nth working day after the day of receipt (1 = the next working day). */
  emailReply: z.strictObject({ workingDaysAfterReceipt: z.number().int().positive() }),
  /** Voice: a call back for an unresolved technical question. */
  callback: Duration,
  /** General problems: contact the customer and give an estimated completion time. */
  contact: Duration,
  /** General problems: a progress update at least this often (first one counted from the opening). */
  progressUpdate: Duration,
  /** Complex problems: a technical expert engaged. */
  expertEngaged: Duration,
  /** Triage says a visit on site is needed (如需現場): technician on site; an unknown province counts as out of province. */
  onSiteArrival: z.strictObject({ inProvince: Duration, outOfProvince: Duration }),
  /** Repair finished within N working days of arriving on site (N × the length of a working day, in business time). */
  onSiteRepair: z.strictObject({
    workingDays: z.number().positive(),
    /** Remote areas (offshore islands, remote provinces) get a longer repair target. */
    remoteAreas: z
      .strictObject({
        workingDays: z.number().positive(),
        /** Matched against the ticket's province (normalised like homeProvince) and found anywhere in its site address. */
        areas: z.array(z.string().min(1)).min(1),
      })
      .optional(),
  }),
});
export type PromisesPolicy = z.infer<typeof PromisesPolicy>;

/** Per-urgency replacements for some promises (for example a shorter first response and on-site time for a line-down fault). */
export const UrgencyTargets = z.strictObject({
  firstResponse: Duration.optional(),
  callback: Duration.optional(),
  contact: Duration.optional(),
  progressUpdate: Duration.optional(),
  expertEngaged: Duration.optional(),
  onSiteArrival: z.strictObject({ inProvince: Duration, outOfProvince: Duration }).optional(),
  onSiteRepair: z.strictObject({ workingDays: z.number().positive() }).optional(),
});
export type UrgencyTargets = z.infer<typeof UrgencyTargets>;

const StaffRoleName = z.enum(['agent', 'engineer', 'supervisor', 'admin']);

/**
 * Who is reachable outside working hours, and when. A warning that falls in these hours (outside working hours)
 * goes to them at once; without on-call cover it moves to the last working hour before the deadline.
 */
export const OnCall = z
  .strictObject({
    /** Everyone active in this role is told (supervisors are also e-mailed). */
    role: StaffRoleName.optional(),
    /** Or these staff members, by e-mail. */
    staffEmails: z.array(z.string().email()).optional(),
    days: z.array(Weekday).min(1),
    /** Local times; end before start means the shift runs past midnight (22:00–08:00). */
    start: TimeOfDay,
    end: TimeOfDay,
  })
  .refine((o) => o.role !== undefined || (o.staffEmails?.length ?? 0) > 0, { error: 'name a role or staffEmails' });
export type OnCall = z.infer<typeof OnCall>;

export const FollowUpsPolicy = z.strictObject({
  /** Check-in N calendar days after a repaired unit is returned, at a local time. */
  repairCheckIn: z.strictObject({ afterDays: z.number().int().positive(), sendAt: TimeOfDay }),
  /** First call within N months of a new installation. */
  installationFirstCall: z.strictObject({ withinMonths: z.number().int().positive() }),
  /** Every customer: contacted again at most N months after the last contact. */
  regularContact: z.strictObject({ everyMonths: z.number().int().positive() }),
  /** Project customers: never more than N months between contacts. */
  projectCustomerContact: z.strictObject({ maxGapMonths: z.number().int().positive() }),
});
export type FollowUpsPolicy = z.infer<typeof FollowUpsPolicy>;

/** Days to investigate a complaint, by severity (calendar days from the grading). */
export const ComplaintsPolicy = z.strictObject({
  investigationDays: z
    .strictObject({
      minor: z.number().positive().default(5),
      major: z.number().positive().default(3),
      critical: z.number().positive().default(1),
    })
    .default({ minor: 5, major: 3, critical: 1 }),
  /** Calendar days after the remedy when the customer is called back (a staff call task). */
  revisitAfterDays: z.number().int().nonnegative().default(3),
});
export type ComplaintsPolicy = z.infer<typeof ComplaintsPolicy>;

/** Years after closing before a ticket's personal data is anonymised (0 = keep forever); RETENTION_YEARS overrides. */
export const RetentionPolicy = z.strictObject({ years: z.number().int().min(0).max(100) });

export const Policy = z.strictObject({
  calendar: CalendarPolicy,
  homeProvince: HomeProvince,
  promises: PromisesPolicy,
  /** Targets that replace `promises` for tickets of that urgency; an urgency not listed keeps `promises`. */
  urgencyTargets: z.strictObject({ low: UrgencyTargets.optional(), normal: UrgencyTargets.optional(), high: UrgencyTargets.optional() }).default({}),
  onCall: OnCall.optional(),
  /** Warn the assignee when this fraction of a promise's time has been used (0 < f < 1). */
  warningFraction: z
    .number()
    .gt(0, { error: 'expected a fraction between 0 and 1' })
    .lt(1, { error: 'expected a fraction between 0 and 1' }),
  followUps: FollowUpsPolicy,
  survey: z.strictObject({
    /** Calendar days after service completion. */
    delayDays: z.number().int().nonnegative(),
    /** Local time of day the survey goes out (then moved out of quiet hours if needed). */
    sendAt: TimeOfDay,
  }),
  /** No proactive customer messages in [start, end) local time; may wrap midnight (21:00–08:00). */
  quietHours: z.strictObject({ start: TimeOfDay, end: TimeOfDay }),
  staffNotifications: z.strictObject({
    /** Urgencies notified at once even outside working hours; others wait for the next opening. */
    immediateUrgencies: z.array(Urgency).default(['high']),
  }),
  /** Complaint handling and retention (src/complaints, src/retention). */
  complaints: ComplaintsPolicy.default(ComplaintsPolicy.parse({})),
  retention: RetentionPolicy.default({ years: 5 }),
});
export type Policy = z.infer<typeof Policy>;
