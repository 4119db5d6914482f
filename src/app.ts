import type { Server } from 'restify';
import type { ChannelAdapter, Turn } from '../channels/channel-adapter.js';
import { WebchatAdapter } from '../channels/webchat/webchat-adapter.js';
import { TwilioSmsAdapter } from '../channels/twilio-sms/twilio-sms-adapter.js';
import { createCheckInCaller } from '../channels/twilio-voice/twilio-voice-caller.js';
import { TwilioVoiceLine } from '../channels/twilio-voice/twilio-voice-line.js';
import type { EmailChannel } from '../channels/email/email-channel.js';
import { SmtpAdapter } from '../channels/email/smtp-adapter.js';
import { hasTwilioSignature } from '../channels/twilio-shared/twilio-webhook.js';
import { mountConsole } from './console/console-routes.js';
import { mountConsoleVisitRoutes } from './console/console-visit-routes.js';
import { mountConsoleComplaintRoutes } from './console/console-complaint-routes.js';
import { mountConsoleCallTaskRoutes } from './console/console-call-task-routes.js';
import { bootstrapSupervisor } from './console/staff-auth.js';
import { handBack } from './handoff/handoff-service.js';
import { markResponded } from './sla/sla-service.js';
import type { ChannelKind } from './messages/channel-kind.js';
import { createMessageSendHandler } from './outbound/outbound-service.js';
import type { Clock } from './clock.js';
import type { Env } from './config/env.js';
import type { Database } from './db/db.js';
import { createEventBus, type EventBus } from './events/event-bus.js';
import { mountHealthRoutes } from './http/routes/health-routes.js';
import { TokenBucketLimiter } from './http/rate-limit.js';
import { rateRules } from './http/rate-limit-rules.js';
import { createHttpServer } from './http/server.js';
import { loadAppPolicy, registerScheduler, scheduleRecurringJobs } from './jobs/handlers/register-scheduler.js';
import { createJobQueue, type JobQueue } from './jobs/job-queue.js';
import type { Logger } from './logger.js';
import type { BusinessCalendar } from './sla/business-calendar.js';
import { calendarCoverage } from './sla/calendar-coverage.js';
import type { Policy } from './sla/policy-schema.js';
import { version } from './version.js';
import { createTurnProcessJob, createTurnSweepJob } from './jobs/handlers/turn-jobs.js';
import { lazyBot } from './bot/lazy-bot.js';

/** Everything a running aftercare holds; built once by createApp, the composition root. */
export interface App {
  readonly env: Env;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly database: Database;
  readonly events: EventBus;
  readonly jobs: JobQueue;
  readonly server: Server;
  /** Outbound adapters by channel; the `message.send` job delivers through them (or leaves rows in the outbox). */
  readonly channels: Map<ChannelKind, ChannelAdapter>;
  /** The service policy (POLICY_FILE, HOME_PROVINCE applied) and its business calendar. */
  readonly policy: Policy;
  readonly calendar: BusinessCalendar;
  /** The conversation pipeline every channel calls with an inbound message (src/bot/turn.ts). */
  readonly turn: Turn;
  /** Listens on env.PORT (0 picks a free port) and returns the base URL. */
  listen(): Promise<string>;
  /** Stops accepting, finishes in-flight requests and jobs, closes the database. */
  stop(): Promise<void>;
}

export type CreateAppOptions = {
  env: Env;
  logger: Logger;
  clock: Clock;
  /** The open database: main.ts opens it while the modules load; tests pass a private one. */
  database: Database;
  /** Close `database` on stop() (main.ts); tests close their own. */
  ownsDatabase?: boolean;
  /**
   * Start the job workers this long after listening (main.ts): their first polls, one per queue at once,
   * held up the first requests (on PGlite, /healthz by 0.4 s). Tests start them at once.
   */
  workersAfterMs?: number;
};

export async function createApp(options: CreateAppOptions): Promise<App> {
  const { env, logger, clock } = options;
  const { database } = options;
  const { policy, calendar } = loadAppPolicy(env);
  const events = createEventBus();
  const jobs = createJobQueue(database, logger);
  const server = createHttpServer(logger, { rateRules: rateRules(env, { isSignedTwilio: (req) => hasTwilioSignature(req, env) }) });

  const channels = new Map<ChannelKind, ChannelAdapter>();
  const botDeps = { database, events, jobs, clock, logger, env, policy, calendar };
  const bot = lazyBot(botDeps);
  const { turn } = bot;

  mountHealthRoutes(server, { database, version, calendar: () => calendarCoverage(policy, clock()) });
  // Web chat (/chat), SMS and voice all run customer messages through the one turn pipeline (src/bot/turn.ts).
  const webchat = new WebchatAdapter({ db: database.prisma, clock, logger });
  channels.set('chat', webchat);
  webchat.useTurn(turn);
  webchat.mount(server);
  // Twilio SMS (/twilio/sms, /twilio/sms/status) and the voice IVR (/twilio/voice/...): turns set with useTurn.
  const sms = new TwilioSmsAdapter({ env, db: database.prisma, logger });
  channels.set('sms', sms);
  sms.useTurn(turn);
  sms.mount(server, { env, clock, events, jobs });
  const voice = new TwilioVoiceLine({ env, db: database.prisma, clock, events, logger, policy, calendar, jobs });
  channels.set('voice', voice);
  voice.useTurn(turn);
  voice.mount(server);
  // E-mail: SMTP out (without SMTP_HOST mail stays in the outbox); IMAP in starts in listen() when IMAP_HOST is set.
  channels.set('email', new SmtpAdapter({ host: env.SMTP_HOST, port: env.SMTP_PORT, secure: env.SMTP_TLS, user: env.SMTP_USER, password: env.SMTP_PASSWORD, from: env.MAIL_FROM }, logger));
  let email: EmailChannel | undefined;
  jobs.handle('mail.poll', async () => {
    if (!email?.isLeader()) return 'skipped';
    await email.pollNow();
    return 'done';
  });
  // Staff console (/console): staff replies keep the first-response promise; hand-back goes through the handoff service.
  // Unknown bearer tokens are sign-in attempts too: the same allowance per address as POST /console/api/session.
  const unknownTokens = new TokenBucketLimiter(env.RATE_LIMIT_SIGN_IN_PER_MINUTE);
  const consoleDeps = { db: database.prisma, clock, logger, events, jobs, env, calendar, handBack, markResponded, unknownTokens };
  mountConsole(server, consoleDeps);
  // On-site visits (book, arrival) keep and start the on-site promises, so they need the policy.
  mountConsoleVisitRoutes(server, { ...consoleDeps, policy, calendar });
  mountConsoleComplaintRoutes(server, { ...consoleDeps, policy, calendar });
  mountConsoleCallTaskRoutes(server, { ...consoleDeps, calendar });
  if (env.STAFF_BOOTSTRAP_TOKEN) await bootstrapSupervisor(database.prisma, env.STAFF_BOOTSTRAP_TOKEN);
  jobs.handle('message.send', createMessageSendHandler({ db: database.prisma, adapters: channels, logger, clock }));
  // Store first, then think: turns whose caller stopped waiting, and messages a crash left unprocessed.
  jobs.handle('turn.process', createTurnProcessJob(bot.processor));
  jobs.handle('turn.sweep', createTurnSweepJob({ sql: database.sql, jobs, clock, afterSeconds: env.TURN_SWEEP_AFTER_SECONDS }));
  // Service promises: SLA clocks, surveys, follow-ups, staff notices, the monthly complaint report.
  registerScheduler({
    db: database.prisma,
    clock,
    events,
    jobs,
    policy,
    calendar,
    env,
    startSurveyDialog: bot.startSurveyDialog,
    startFollowUpDialog: bot.startFollowUpDialog,
    // Quarterly contacts by phone as automated IVR calls, when Twilio voice and PUBLIC_BASE_URL are set.
    checkInCaller: createCheckInCaller(env),
    logger,
  });

  let stopping: Promise<void> | undefined;
  const app: App = {
    env,
    logger,
    clock,
    database,
    events,
    jobs,
    server,
    channels,
    policy,
    calendar,
    turn,
    async listen() {
      await jobs.start({ work: env.JOBS_ENABLED, workAfterMs: options.workersAfterMs });
      // One instance polls the mailbox (advisory lock on a PostgreSQL server; channels/email/mailbox-leader.ts).
      if (env.IMAP_HOST && !email) {
        // Loaded only when a mailbox is configured: the IMAP and MIME libraries cost start-up time.
        const { startEmailChannel } = await import('../channels/email/email-channel.js');
        email = startEmailChannel({ env, database, jobs, turn, logger, clock });
      }
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(env.PORT, env.HOST, () => resolve());
      });
      // Now that /healthz answers: the cron schedules, and the bot (a message that comes sooner waits for it).
      if (env.JOBS_ENABLED) await scheduleRecurringJobs(jobs, env.BUSINESS_TZ);
      await bot.warmUp();
      const address = server.address();
      return `http://localhost:${address.port}`;
    },
    stop() {
      stopping ??= (async () => {
        // Open chat event streams would keep server.close() waiting forever.
        webchat.streams.closeAll();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Keep-alive sockets with no request in flight would hold close() open.
          server.server.closeIdleConnections();
        });
        await email?.stop();
        await jobs.stop();
        for (const adapter of channels.values()) await adapter.stop?.();
        if (options.ownsDatabase) await database.close();
      })();
      return stopping;
    },
  };
  return app;
}
