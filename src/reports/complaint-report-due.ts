import { DateTime } from 'luxon';
import type { Db } from '../db/db.js';
import type { JobResult } from '../jobs/job-map.js';
import { notifyStaff, type PolicyContext } from '../notifications/staff-notification-service.js';
import { generateMonthlyComplaintReport, MONTHLY_COMPLAINTS, previousMonth } from './complaint-report.js';

/**
 * When the monthly complaint report is due. The policy: "A monthly complaint report for the previous month is
 * generated on the 5th by 17:00 local time (job), stored and mailed to the configured supervisors" (issue 8;
 * issue 14: "the monthly report (due by 17:00 on the 5th)"). It names a calendar date, where other promises
 * name working days ("by the end of the first working day after receipt"), and a job makes the report, so a
 * Sunday or holiday 5th does not move it earlier: the job runs on the 5th whatever day it is.
 */
export const REPORT_DUE_DAY = 5;
export const REPORT_DUE_TIME = '17:00';

/** 17:00 local on the 5th of the month after `period` ("2026-10" → 2026-11-05 17:00). */
export function complaintReportDue(period: string, timeZone: string): Date {
  const [hour, minute] = REPORT_DUE_TIME.split(':').map(Number);
  return DateTime.fromFormat(period, 'yyyy-LL', { zone: timeZone })
    .plus({ months: 1 })
    .set({ day: REPORT_DUE_DAY, hour, minute })
    .toJSDate();
}

/** The latest period whose report falls due on or before today (local): from the 5th on, the previous month. */
export function periodDueBy(now: Date, timeZone: string): string {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  return local.day >= REPORT_DUE_DAY ? previousMonth(now, timeZone) : previousMonth(local.minus({ months: 1 }).toJSDate(), timeZone);
}

export type ReportCheckContext = PolicyContext & { timeZone: string; supervisorEmails: readonly string[] };

/** What the check found: `ok` needs nobody; the others are told to the supervisors. */
export type ReportCheck =
  | { state: 'ok' }
  | { state: 'missing'; error: string }
  | { state: 'late'; producedAt: Date }
  | { state: 'undelivered'; addresses: string[] };

/**
 * The `report.monthly_complaints_check` job (daily at 16:30 local, half an hour before the report is due on the
 * 5th): makes sure the report of the period due by today exists and reached the supervisors' mailboxes. A report
 * still missing is made now (the hourly runs may all have failed, or no instance was up on the 5th); if that
 * fails too, or it is late, or its mail did not go out, the supervisors are told at once, whatever the calendar
 * says, since a notice held for the next working morning would come after the deadline. One notice per period
 * and problem (a missing report: one a day until it is made).
 */
export async function checkComplaintReport(db: Db, ctx: ReportCheckContext, period = periodDueBy(ctx.now, ctx.timeZone)): Promise<{ result: JobResult; check: ReportCheck }> {
  const check = await findProblem(db, ctx, period);
  if (check.state === 'ok') return { result: 'skipped', check };
  const due = DateTime.fromJSDate(complaintReportDue(period, ctx.timeZone), { zone: ctx.timeZone }).toFormat('yyyy-LL-dd HH:mm');
  const today = DateTime.fromJSDate(ctx.now, { zone: ctx.timeZone }).toFormat('yyyy-LL-dd');
  const notice = noticeOf(check, period, due, today);
  await notifyStaff(
    db,
    { kind: 'report_overdue', text: notice.text, urgency: 'high', to: { role: 'supervisor' }, dedupeKey: `report:${MONTHLY_COMPLAINTS}:${period}:${notice.key}`, deliverAfter: ctx.now },
    ctx,
  );
  return { result: 'done', check };
}

function noticeOf(check: Exclude<ReportCheck, { state: 'ok' }>, period: string, due: string, today: string): { text: string; key: string } {
  switch (check.state) {
    case 'missing':
      return { text: `The monthly complaint report for ${period} (due ${due}) has not been produced: ${check.error}. The check tries again daily at 16:30; see the job log.`, key: `missing:${today}` };
    case 'late':
      return { text: `The monthly complaint report for ${period} was due ${due} and was only produced now; it has been mailed to the supervisors.`, key: 'late' };
    case 'undelivered':
      return { text: `The monthly complaint report for ${period} (due ${due}) was produced, but its mail to ${check.addresses.join(', ')} has not gone out. See the outbox.`, key: 'undelivered' };
  }
}

async function findProblem(db: Db, ctx: ReportCheckContext, period: string): Promise<ReportCheck> {
  let report = await db.report.findUnique({ where: { kind_period: { kind: MONTHLY_COMPLAINTS, period } } });
  const madeNow = !report || (!report.mailedAt && ctx.supervisorEmails.length > 0);
  if (madeNow) {
    try {
      report = (await generateMonthlyComplaintReport(db, ctx, period)).report;
    } catch (error: unknown) {
      return { state: 'missing', error: error instanceof Error ? error.message : String(error) };
    }
  }
  if (!report) return { state: 'missing', error: 'no report was stored' };
  const due = complaintReportDue(period, ctx.timeZone);
  if (report.createdAt > due) {
    // A deployment that had no ticket by the deadline (a new install) could not have been late: no notice.
    const ticketBeforeDue = await db.ticket.findFirst({ where: { createdAt: { lt: due } }, select: { id: true } });
    return ticketBeforeDue ? { state: 'late', producedAt: report.createdAt } : { state: 'ok' };
  }
  // Made (or mailed) by this check before the deadline: its mail has only just been queued.
  if (madeNow) return { state: 'ok' };
  // Mailed means queued in the outbox; by 16:30 a mail queued at 09:00 has been handed to the mail server.
  const mails = await db.outboundMessage.findMany({ where: { purpose: 'report', idempotencyKey: { startsWith: `report:${MONTHLY_COMPLAINTS}:${period}:` } } });
  const notSent = mails.filter((m) => !['sent', 'delivered'].includes(m.status)).map((m) => m.to);
  return notSent.length > 0 ? { state: 'undelivered', addresses: notSent } : { state: 'ok' };
}
