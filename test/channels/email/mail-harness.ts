import type { Turn } from '../../../channels/channel-adapter.js';
import { startEmailChannel, type EmailChannel } from '../../../channels/email/email-channel.js';
import type { MailProcessorHooks } from '../../../channels/email/mail-processor.js';
import { SmtpAdapter } from '../../../channels/email/smtp-adapter.js';
import { loadEnv, type Env } from '../../../src/config/env.js';
import type { DatabaseKind } from '../../../src/db/db.js';
import type { ReceiptKey } from '../../../src/email/mail-receipts.js';
import { createJobQueue, type JobQueue } from '../../../src/jobs/job-queue.js';
import { createMessageSendHandler } from '../../../src/outbound/outbound-service.js';
import { createEmailTestTurn } from '../../fixtures/email-test-turn.js';
import { startImapServer, type ImapFixture } from '../../fixtures/imap-server.js';
import { startSmtpServer, type SmtpFixture } from '../../fixtures/smtp-server.js';
import { openTestDatabase, type TestDatabase } from '../../support/test-database.js';
import { captureLogger, eventually } from './mail-test-helpers.js';

export type MailHarness = {
  db: TestDatabase;
  env: Env;
  imap: ImapFixture;
  smtp: SmtpFixture;
  jobs: JobQueue;
  channel: EmailChannel;
  turn: Turn & { seen: unknown[] };
  lines: ReturnType<typeof captureLogger>['lines'];
  /** Waits until the mail with this UID has a receipt, and returns it. */
  settled(uid: number): Promise<{ outcome: string; reason: string | null; messageId: string }>;
  stop(): Promise<void>;
};

/**
 * The e-mail channel against real servers: hoodiecrow IMAP and smtp-server on free ports, a private
 * database, pg-boss delivering `message.send` through the SMTP adapter, and the test turn.
 */
export async function startMailHarness(
  kind: DatabaseKind,
  options: { idle?: boolean; env?: Record<string, string>; hooks?: MailProcessorHooks; now?: Date } = {},
): Promise<MailHarness> {
  const db = await openTestDatabase(kind);
  const imap = await startImapServer({ idle: options.idle });
  const smtp = await startSmtpServer();
  const env = loadEnv({ DATA_DIR: db.dataDir, LOG_LEVEL: 'silent', IMAP_POLL_INTERVAL_SECONDS: '1', ...imap.env(), ...smtp.env(), ...options.env });
  const { logger, lines } = captureLogger();
  const now = options.now ?? new Date('2026-11-25T02:00:00Z');
  const clock = () => now;
  const jobs = createJobQueue(db, logger);
  const adapter = new SmtpAdapter({ host: env.SMTP_HOST, port: env.SMTP_PORT, secure: env.SMTP_TLS, from: env.MAIL_FROM }, logger);
  jobs.handle('message.send', createMessageSendHandler({ db: db.prisma, adapters: new Map([['email', adapter]]), logger, clock }), { pollingIntervalSeconds: 0.5 });
  await jobs.start({ work: true, requireAllHandlers: false });
  const turn = createEmailTestTurn(db.prisma, clock);
  const channel = startEmailChannel({ env, database: db, jobs, turn, logger, clock, hooks: options.hooks, imap: { autoIdleDelayMs: 50, reconnect: { initialMs: 100, maxMs: 500 } } });
  await channel.ready;
  return {
    db,
    env,
    imap,
    smtp,
    jobs,
    channel,
    turn,
    lines,
    settled: (uid) => {
      const key: Omit<ReceiptKey, 'uidValidity'> = { mailbox: env.IMAP_MAILBOX, uid };
      return eventually(() => db.prisma.mailReceipt.findFirst({ where: key }));
    },
    async stop() {
      await channel.stop();
      await jobs.stop();
      await adapter.stop();
      await imap.stop();
      await smtp.stop();
      await db.close();
    },
  };
}
