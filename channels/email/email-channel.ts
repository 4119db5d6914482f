import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../../src/db/db.js';
import type { Env } from '../../src/config/env.js';
import { lastReceiptUid, recordReceipt } from '../../src/email/mail-receipts.js';
import type { JobQueue } from '../../src/jobs/job-queue.js';
import type { Logger } from '../../src/logger.js';
import type { Turn } from '../channel-adapter.js';
import { ImapListener, type ImapSettings } from './imap-listener.js';
import { addressOf } from './message-id.js';
import { advisoryLockLeadership, soleLeadership, type MailboxLeadership } from './mailbox-leader.js';
import { processMail, type MailProcessorHooks } from './mail-processor.js';

export type EmailChannelOptions = {
  env: Env;
  database: Database;
  jobs: Pick<JobQueue, 'send'>;
  turn: Turn;
  logger: Logger;
  clock: () => Date;
  hooks?: MailProcessorHooks;
  /** Overrides for tests (IDLE delay, reconnect backoff). */
  imap?: Partial<Pick<ImapSettings, 'autoIdleDelayMs' | 'reconnect' | 'pollIntervalMs'>>;
};

export interface EmailChannel {
  /** Resolves when this instance leads the mailbox and its first IMAP connection is up. */
  readonly ready: Promise<void>;
  isLeader(): boolean;
  /** Fetch new mail now (the `mail.poll` job; tests). Does nothing on a standby instance. */
  pollNow(): Promise<void>;
  stop(): Promise<void>;
}

/** The IMAP settings from the environment; undefined when e-mail in is off (no IMAP_HOST). */
export function imapSettingsFrom(env: Env): ImapSettings | undefined {
  if (!env.IMAP_HOST) return undefined;
  return {
    host: env.IMAP_HOST,
    port: env.IMAP_PORT,
    secure: env.IMAP_TLS,
    user: env.IMAP_USER ?? '',
    password: env.IMAP_PASSWORD ?? '',
    mailbox: env.IMAP_MAILBOX,
    processedMailbox: env.IMAP_PROCESSED_MAILBOX,
    pollIntervalMs: env.IMAP_POLL_INTERVAL_SECONDS * 1000,
  };
}

/**
 * E-mail in: leads the mailbox (advisory lock on a PostgreSQL server, always on embedded PGlite), then
 * runs the IMAP listener, handing each mail to processMail. A standby instance retries the lock every
 * poll interval and takes over when the leader goes away.
 */
export function startEmailChannel(options: EmailChannelOptions): EmailChannel {
  const { env, database, logger } = options;
  const base = imapSettingsFrom(env);
  if (!base) throw new Error('startEmailChannel needs IMAP_HOST');
  const settings: ImapSettings = { ...base, ...options.imap };
  const db = database.prisma;
  const ownAddresses = [env.MAIL_FROM, env.SMTP_USER, env.IMAP_USER].map(addressOf).filter((a): a is string => !!a);
  const lockName = `${settings.user}@${settings.host}:${settings.port}/${settings.mailbox}`;
  const leadership: MailboxLeadership =
    database.kind === 'postgresql' && database.connectionString ? advisoryLockLeadership(database.connectionString, lockName, logger) : soleLeadership();

  let listener: ImapListener | undefined;
  let stopped = false;
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const stopSignal = new AbortController();

  const newListener = () =>
    new ImapListener({
      settings,
      logger,
      handle: (source, key) =>
        processMail(
          {
            db,
            jobs: options.jobs,
            turn: options.turn,
            logger,
            clock: options.clock,
            hooks: options.hooks,
            settings: { ownAddresses, maxAttachmentBytes: env.MAIL_MAX_ATTACHMENT_BYTES, maxPerSenderPerHour: env.MAIL_MAX_PER_SENDER_PER_HOUR, mailFrom: env.MAIL_FROM },
          },
          source,
          key,
        ),
      lastSettledUid: (mailbox, uidValidity) => lastReceiptUid(db, mailbox, uidValidity),
      giveUp: async (key, error) => {
        await recordReceipt(db, key, { messageId: `uid-${key.uidValidity}-${key.uid}@failed.invalid`, outcome: 'failed', reason: error, at: options.clock() });
      },
    });

  leadership.onLost(() => {
    logger.warn({ mailbox: lockName }, 'lost the mailbox lock; IMAP listener stops until it is won again');
    const current = listener;
    listener = undefined;
    void current?.stop();
    void lead();
  });

  async function lead(): Promise<void> {
    let standbyLogged = false;
    while (!stopped) {
      try {
        if (await leadership.tryAcquire()) {
          if (stopped) return;
          logger.info({ mailbox: lockName }, 'this instance polls the mailbox');
          listener = newListener();
          listener.start();
          await listener.ready;
          resolveReady();
          return;
        }
        if (!standbyLogged) logger.info({ mailbox: lockName }, 'another instance polls the mailbox; standing by');
        standbyLogged = true;
      } catch (err) {
        logger.warn({ err: (err as Error).message }, 'could not take the mailbox lock; retrying');
      }
      await sleep(settings.pollIntervalMs, undefined, { signal: stopSignal.signal }).catch(() => undefined);
    }
  }

  void lead();
  return {
    ready,
    isLeader: () => listener !== undefined,
    pollNow: async () => listener?.syncNow(),
    async stop() {
      stopped = true;
      stopSignal.abort();
      await listener?.stop();
      listener = undefined;
      await leadership.release();
    },
  };
}
