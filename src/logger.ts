import { pino, type Logger } from 'pino';

export type { Logger };

const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*(@[A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;
const PHONE = /(\+?\d[\d\s-]{4,}?)(\d{3})\b/g;

/** Keeps enough of a phone number or e-mail to tell people apart in logs, not enough to contact them. */
export function maskPii(text: string): string {
  return text
    .replace(EMAIL, (_m, first: string, domain: string) => `${first}***${domain}`)
    .replace(PHONE, (_m, head: string, tail: string) => `${head.replace(/\d/g, '*')}${tail}`);
}

function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPii(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  if (value instanceof Error) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v, depth + 1)]));
}

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'aftercare' },
    redact: {
      paths: [
        '*.password',
        '*.authToken',
        '*.token',
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-twilio-signature"]',
        '*.TWILIO_AUTH_TOKEN',
        '*.SMTP_PASSWORD',
        '*.IMAP_PASSWORD',
      ],
      censor: '[redacted]',
    },
    formatters: {
      log: (object) => maskDeep(object) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        // Mask PII in the message string as well as in the merged object.
        const masked = args.map((a) => (typeof a === 'string' ? maskPii(a) : a)) as Parameters<typeof method>;
        return method.apply(this, masked);
      },
    },
  });
}
