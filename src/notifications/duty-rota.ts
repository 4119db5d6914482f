import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Staff } from '../generated/prisma/client.js';
import type { StaffRole } from '../generated/prisma/enums.js';
import type { Db } from '../db/db.js';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');
/** One weekly shift in the business time zone; `to` before `from` runs past midnight. */
export const Shift = z.strictObject({ day: z.number().int().min(1).max(7), from: time, to: time });
export type Shift = z.infer<typeof Shift>;
export const Shifts = z.array(Shift).max(50);

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether `now` falls in one of the shifts (Monday is day 1). */
export function inShift(shifts: readonly Shift[], now: Date, timeZone: string): boolean {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  const minute = local.hour * 60 + local.minute;
  const yesterday = local.minus({ days: 1 }).weekday;
  return shifts.some((s) => {
    const from = minutes(s.from);
    const to = minutes(s.to);
    if (from < to) return s.day === local.weekday && minute >= from && minute < to;
    // Overnight: the evening part on its own day, the morning part on the next.
    return (s.day === local.weekday && minute >= from) || (s.day === yesterday && minute < to);
  });
}

/** On duty: switched on by hand, or inside a rota shift. Inactive staff never are. */
export function isOnDuty(staff: Pick<Staff, 'active' | 'onDuty' | 'shifts'>, now: Date, timeZone: string): boolean {
  if (!staff.active) return false;
  if (staff.onDuty) return true;
  const shifts = Shifts.safeParse(staff.shifts);
  return shifts.success && inShift(shifts.data, now, timeZone);
}

/** Active staff of a role who are on duty at `now`. */
export async function onDutyStaff(db: Db, role: StaffRole, now: Date, timeZone: string): Promise<Staff[]> {
  const staff = await db.staff.findMany({ where: { role, active: true }, orderBy: { createdAt: 'asc' } });
  return staff.filter((s) => isOnDuty(s, now, timeZone));
}
