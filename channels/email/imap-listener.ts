import { setTimeout as sleep } from 'node:timers/promises';
import { ImapFlow } from 'imapflow';
import type { Logger } from '../../src/logger.js';
import type { ReceiptKey, ReceiptOutcome } from '../../src/email/mail-receipts.js';

export type ImapSettings = {
  host: string;
  port: number;
  /** Implicit TLS (993). */
  secure: boolean;
  user: string;
  password: string;
  mailbox: string;
  /** Move settled mail here; otherwise it is only flagged \Seen. */
  processedMailbox?: string;
  pollIntervalMs: number;
  /** imapflow waits this long before IDLE after a command (default 15 s; tests use less). */
  autoIdleDelayMs?: number;
  reconnect?: { initialMs: number; maxMs: number };
};

export type MailHandler = (source: Buffer, key: ReceiptKey) => Promise<{ outcome: ReceiptOutcome }>;

export type ImapListenerDeps = {
  settings: ImapSettings;
  handle: MailHandler;
  /** Highest UID already settled in this mailbox generation (from the receipts). */
  lastSettledUid: (mailbox: string, uidValidity: bigint) => Promise<number | null>;
  /** Records a mail that failed `maxAttempts` times, so it stops blocking the box. */
  giveUp: (key: ReceiptKey, error: string) => Promise<void>;
  logger: Logger;
  maxAttempts?: number;
};

/**
 * Watches one mailbox with imapflow: IDLE when the server has it (imapflow idles on its own between
 * commands), plus a poll every `pollIntervalMs` for servers without IDLE and as a safety net. Reconnects
 * with exponential backoff. Each mail is handed to `handle` and only flagged \Seen (or moved) after it
 * returns, i.e. after it is in the database.
 */
export class ImapListener {
  private client: ImapFlow | undefined;
  private stopped = false;
  private running: Promise<void> | undefined;
  private syncing: Promise<void> | undefined;
  private syncAgain = false;
  private readonly attempts = new Map<string, number>();
  private readonly stopSignal = new AbortController();
  private connectedOnce: (() => void) | undefined;
  /** Resolves once the first connection is up (tests wait on it). */
  readonly ready: Promise<void>;

  constructor(private readonly deps: ImapListenerDeps) {
    this.ready = new Promise((resolve) => (this.connectedOnce = resolve));
  }

  start(): void {
    this.running ??= this.run();
  }

  /** Fetches whatever is new now; runs after the current pass if one is under way. */
  async syncNow(): Promise<void> {
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      try {
        do {
          this.syncAgain = false;
          await this.syncOnce();
        } while (this.syncAgain && !this.stopped);
      } finally {
        this.syncing = undefined;
      }
    })();
    return this.syncing;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopSignal.abort();
    await this.syncing?.catch(() => undefined);
    const client = this.client;
    if (client?.usable) await client.logout().catch(() => client.close());
    else client?.close();
    await this.running?.catch(() => undefined);
  }

  private async run(): Promise<void> {
    const { settings, logger } = this.deps;
    const backoff = settings.reconnect ?? { initialMs: 1_000, maxMs: 60_000 };
    let delay = backoff.initialMs;
    while (!this.stopped) {
      let poll: NodeJS.Timeout | undefined;
      try {
        const client = new ImapFlow({
          host: settings.host,
          port: settings.port,
          secure: settings.secure,
          doSTARTTLS: settings.secure ? undefined : false,
          auth: { user: settings.user, pass: settings.password },
          logger: false,
          autoIdleDelay: settings.autoIdleDelayMs,
          missingIdleCommand: 'NOOP',
          connectionTimeout: 30_000,
        });
        this.client = client;
        const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
        client.on('error', (err: Error) => logger.warn({ err: err.message }, 'IMAP connection error'));
        client.on('exists', () => void this.syncNow().catch((err: unknown) => logger.error({ err }, 'IMAP sync failed')));
        await client.connect();
        await client.mailboxOpen(settings.mailbox);
        if (settings.processedMailbox) await this.ensureMailbox(client, settings.processedMailbox);
        logger.info({ host: settings.host, mailbox: settings.mailbox, idle: client.capabilities.has('IDLE') }, `IMAP connected to ${settings.mailbox} (${client.capabilities.has('IDLE') ? 'IDLE' : 'polling'})`);
        delay = backoff.initialMs;
        this.connectedOnce?.();
        await this.syncNow();
        poll = setInterval(() => void this.syncNow().catch((err: unknown) => logger.error({ err }, 'IMAP sync failed')), settings.pollIntervalMs);
        await closed;
        if (!this.stopped) logger.warn({ host: settings.host }, 'IMAP connection closed; reconnecting');
      } catch (err) {
        if (!this.stopped) logger.warn({ err: (err as Error).message, retryInMs: delay }, 'IMAP connection failed; retrying');
        this.client?.close();
      } finally {
        clearInterval(poll);
      }
      if (this.stopped) break;
      await sleep(delay, undefined, { signal: this.stopSignal.signal }).catch(() => undefined);
      delay = Math.min(delay * 2, backoff.maxMs);
    }
  }

  private async ensureMailbox(client: ImapFlow, path: string): Promise<void> {
    const list = await client.list();
    if (!list.some((m) => m.path === path)) await client.mailboxCreate(path);
  }

  /** Unseen mail, plus anything newer than the last settled UID (someone may have read it in a mail client first). */
  private async syncOnce(): Promise<void> {
    const client = this.client;
    if (!client?.usable || this.stopped) return;
    const { settings, logger } = this.deps;
    const lock = await client.getMailboxLock(settings.mailbox);
    try {
      const mailbox = client.mailbox;
      if (!mailbox) return;
      const uidValidity = BigInt(mailbox.uidValidity);
      const last = await this.deps.lastSettledUid(settings.mailbox, uidValidity);
      const unseen = (await client.search({ seen: false }, { uid: true })) || [];
      const newer = last === null ? [] : ((await client.search({ uid: `${last + 1}:*` }, { uid: true })) || []).filter((uid) => uid > last);
      const uids = [...new Set([...unseen, ...newer])].sort((a, b) => a - b);
      for (const uid of uids) {
        if (this.stopped) return;
        const key: ReceiptKey = { mailbox: settings.mailbox, uidValidity, uid };
        const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
        if (!message || !message.source) continue;
        let outcome: ReceiptOutcome;
        try {
          ({ outcome } = await this.deps.handle(message.source, key));
        } catch (err) {
          const attempts = (this.attempts.get(`${uidValidity}:${uid}`) ?? 0) + 1;
          this.attempts.set(`${uidValidity}:${uid}`, attempts);
          const error = (err as Error).message;
          if (attempts < (this.deps.maxAttempts ?? 3)) {
            logger.error({ uid, attempts, err }, `e-mail UID ${uid} failed (attempt ${attempts}); it stays unseen and is tried again`);
            continue;
          }
          logger.error({ uid, attempts, err }, `e-mail UID ${uid} failed ${attempts} times; recorded as failed and left in ${settings.mailbox}`);
          await this.deps.giveUp(key, error);
          outcome = 'failed';
        }
        await this.settle(client, uid, outcome);
      }
    } finally {
      lock.release();
    }
  }

  /** After the database has it: \Seen, and stored or ignored mail moves to the processed folder when one is set. */
  private async settle(client: ImapFlow, uid: number, outcome: ReceiptOutcome): Promise<void> {
    const { processedMailbox } = this.deps.settings;
    await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
    if (processedMailbox && (outcome === 'stored' || outcome === 'ignored')) {
      await client.messageMove(String(uid), processedMailbox, { uid: true });
    }
  }
}
