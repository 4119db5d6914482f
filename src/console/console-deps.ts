import type { Clock } from '../clock.js';
import type { Env } from '../config/env.js';
import type { Db } from '../db/db.js';
import type { EventBus } from '../events/event-bus.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { TokenBucketLimiter } from '../http/rate-limit.js';
import type { Logger } from '../logger.js';
import type { ChannelKind } from '../messages/channel-kind.js';
import type { BusinessCalendar } from '../sla/business-calendar.js';

/** What the dialog engine's handoff service does when staff give a conversation back to the bot. */
export type HandBack = (db: Db, conversationId: string, ctx: { now: Date; actor: string; events?: EventBus }) => Promise<unknown>;
/** The scheduler's first-response hook: a staff reply meets the ticket's first_response promise. */
export type MarkResponded = (db: Db, ticketId: string, ctx: { now: Date; actor: string; events?: EventBus; channel?: ChannelKind }) => Promise<unknown>;

export type ConsoleEnv = Pick<
  Env,
  | 'BUSINESS_TZ'
  | 'TRUST_PROXY'
  | 'CONSOLE_SESSION_HOURS'
  | 'CONSOLE_SIGNIN_MAX_FAILURES'
  | 'CONSOLE_SIGNIN_LOCK_MINUTES'
  | 'CONSOLE_ARCHIVE_APPROVAL_MINUTES'
>;

export type ConsoleDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  events: EventBus;
  jobs: Pick<JobQueue, 'send'>;
  env: ConsoleEnv;
  /** The service calendar: first response in business hours (KPIs). */
  calendar?: Pick<BusinessCalendar, 'businessMinutesBetween' | 'timeZone'>;
  /** Unknown bearer tokens per client address (RATE_LIMIT_SIGN_IN_PER_MINUTE); none: not limited. */
  unknownTokens?: Pick<TokenBucketLimiter, 'take' | 'waitSeconds'>;
  handBack?: HandBack;
  markResponded?: MarkResponded;
};
