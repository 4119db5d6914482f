/** Every background job and its payload. Each name has exactly one handler (src/jobs/handlers/). */
export type JobMap = {
  /** Deliver one outbound row through its channel; retried with backoff. */
  'message.send': { outboundId: string };
  /** Compare one ticket's stored deadlines with now; warn or escalate once per promise. */
  'sla.check': { ticketId: string };
  /** Sweep for due SLA warnings and breaches (cron, every minute). */
  'sla.sweep': Record<string, never>;
  'survey.send': { surveyId: string };
  'follow_up.send': { followUpId: string };
  /** Place the automated check-in call (Twilio) of one follow-up; a refused call becomes a staff call task. */
  'follow_up.call': { followUpId: string };
  /**
   * Scheduled when a check-in call is placed: if Twilio has reported no result for that call by then (a lost
   * webhook), the attempt counts as unanswered and staff get the call task.
   */
  'follow_up.call_timeout': { followUpId: string; callSid: string };
  /** Schedule the quarterly customer contacts that fell due (cron, daily). */
  'follow_up.sweep': Record<string, never>;
  /** Release staff notifications held until the working morning. */
  'notification.deliver': { notificationId: string };
  /** Warn before a complaint's investigation deadline, tell the supervisors when it passes (cron). */
  'complaint.sweep': Record<string, never>;
  'report.monthly_complaints': { period?: string };
  /** Before the report's deadline (17:00 on the 5th): make it if still missing, tell the supervisors if it is missing, late or unsent. */
  'report.monthly_complaints_check': { period?: string };
  /** Anonymise the personal data of tickets past the retention period (cron, daily). */
  'retention.run': Record<string, never>;
  'mail.poll': Record<string, never>;
  /** Run a conversation's stored but unprocessed inbound messages through the bot, in order. */
  'turn.process': { conversationId: string };
  /** Find inbound messages left unprocessed (a crash or stall mid-turn) and queue their conversations (cron). */
  'turn.sweep': Record<string, never>;
};

export type JobName = keyof JobMap;

export type JobResult = 'done' | 'skipped';
