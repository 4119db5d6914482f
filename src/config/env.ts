import { z } from 'zod';
import { Language } from '../messages/channel-kind.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));
const port = z.coerce.number().int().min(0).max(65535);
const emailList = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.email()));

/** Every setting aftercare reads. `.env.example` documents each one. */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3978),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_BASE_URL: z.url().optional().or(z.literal('').transform(() => undefined)),
  TRUST_PROXY: bool.default(false),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'expected a postgresql:// URL')
      .optional(),
  ),
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** Longest one statement may take (PostgreSQL statement_timeout; on PGlite the wait for its connection). */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Longest a request waits for a free pooled connection, or for a new one to open (PostgreSQL). */
  DB_POOL_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  /** Rate limits, per minute (0 turns one off); each instance counts on its own. */
  RATE_LIMIT_CHAT_MESSAGES_PER_MINUTE: z.coerce.number().int().min(0).default(30),
  RATE_LIMIT_CHAT_IP_PER_MINUTE: z.coerce.number().int().min(0).default(300),
  RATE_LIMIT_CHAT_SESSIONS_PER_MINUTE: z.coerce.number().int().min(0).default(20),
  RATE_LIMIT_SIGN_IN_PER_MINUTE: z.coerce.number().int().min(0).default(10),
  RATE_LIMIT_SENDER_PER_MINUTE: z.coerce.number().int().min(0).default(30),
  RATE_LIMIT_WEBHOOK_IP_PER_MINUTE: z.coerce.number().int().min(0).default(6_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BUSINESS_TZ: z.string().default('Asia/Taipei'),
  POLICY_FILE: z.string().default('config/policy.yaml'),
  HOME_PROVINCE: optionalString,
  KNOWLEDGE_BASE_FILE: z.string().default('config/knowledge-base.yaml'),

  CLASSIFIER_CONFIDENCE_THRESHOLD: z.coerce.number().min(0).max(1).default(0.55),
  HANDOFF_MAX_MISUNDERSTANDINGS: z.coerce.number().int().min(1).default(2),
  DEFAULT_LANGUAGE: Language.default('zh-Hant'),

  TWILIO_ACCOUNT_SID: optionalString,
  TWILIO_AUTH_TOKEN: optionalString,
  TWILIO_FROM_NUMBER: optionalString,
  /** Caller ID of automated check-in calls (E.164); TWILIO_FROM_NUMBER when empty. */
  TWILIO_VOICE_FROM_NUMBER: optionalString,
  TWILIO_MESSAGING_SERVICE_SID: optionalString,
  TWILIO_API_BASE_URL: optionalString,
  /** On-duty staff phone (E.164): rung first in business hours (about three rings) and dialled for "a person". */
  STAFF_PHONE_NUMBER: optionalString,
  /**
   * Minutes after placing an automated check-in call by which Twilio must have reported its result (the key
   * pressed or how the call ended); past it the attempt counts as unanswered and staff get a call task.
   */
  CHECK_IN_CALL_RESULT_TIMEOUT_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(30),
  /** How long an SMS webhook waits for the dialog before replying through the REST API instead (Twilio waits 15 s). */
  TWILIO_SMS_REPLY_BUDGET_MS: z.coerce.number().int().min(1).max(14_000).default(10_000),
  /**
   * An inbound message stored but still unprocessed after this many seconds (a crash or a stall mid-turn)
   * is processed by the sweeper job; its replies go out through the outbox.
   */
  TURN_SWEEP_AFTER_SECONDS: z.coerce.number().int().min(5).max(86_400).default(60),

  IMAP_HOST: optionalString,
  IMAP_PORT: port.default(993),
  IMAP_USER: optionalString,
  IMAP_PASSWORD: optionalString,
  IMAP_TLS: bool.default(true),
  IMAP_MAILBOX: z.string().default('INBOX'),
  IMAP_PROCESSED_MAILBOX: optionalString,
  IMAP_POLL_INTERVAL_SECONDS: z.coerce.number().int().positive().default(60),
  SMTP_HOST: optionalString,
  SMTP_PORT: port.default(587),
  SMTP_USER: optionalString,
  SMTP_PASSWORD: optionalString,
  SMTP_TLS: bool.default(false),
  MAIL_FROM: optionalString,
  MAIL_MAX_ATTACHMENT_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  MAIL_MAX_PER_SENDER_PER_HOUR: z.coerce.number().int().positive().default(20),

  SUPERVISOR_EMAILS: emailList,
  /** Years after closing before a ticket's personal data is anonymised; 0 keeps it forever. Unset: the policy's retention.years. */
  RETENTION_YEARS: optionalString.pipe(z.coerce.number<string | undefined>().int().min(0).max(100).optional()),
  STAFF_BOOTSTRAP_TOKEN: optionalString,
  CONSOLE_ADMIN_EMAIL: z.email().default('admin@localhost.localdomain'),
  CONSOLE_SESSION_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  CONSOLE_SIGNIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  CONSOLE_SIGNIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  CONSOLE_ARCHIVE_APPROVAL_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(60),
  JOBS_ENABLED: bool.default(true),
});

export type Env = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; a bad value names the variable and what is expected. */
/**
 * Settings that no longer do anything, and what took their place. Start-up warns when one is still set, so an
 * old .env keeps working and its owner learns what to change.
 */
export const RETIRED_SETTINGS: Record<string, string> = {
  CONSOLE_SIGNIN_MAX_PER_IP: 'sign-in attempts per client address are limited by RATE_LIMIT_SIGN_IN_PER_MINUTE alone (accounts still lock after CONSOLE_SIGNIN_MAX_FAILURES)',
};

/** The retired settings present in `source`, each with what to use instead. */
export function retiredSettingsIn(source: NodeJS.ProcessEnv = process.env): { name: string; instead: string }[] {
  return Object.entries(RETIRED_SETTINGS)
    .filter(([name]) => source[name] !== undefined && source[name] !== '')
    .map(([name, instead]) => ({ name, instead }));
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.') || '(environment)';
        const value = source[String(issue.path[0])];
        return `${name}: ${issue.message}${value === undefined ? '' : ` (got ${JSON.stringify(value)})`}`;
      }),
    );
  }
  return parsed.data;
}
