import { randomBytes } from 'node:crypto';

/** A fresh Twilio auth token per run: the load generator signs each webhook with it, the app checks it. */
export const TWILIO_TOKEN = randomBytes(16).toString('hex');
/** The public URL the signatures are computed over (the app's PUBLIC_BASE_URL). */
export const PUBLIC_BASE_URL = 'https://bench.example.test';
/** Console token of the bench apps (a bootstrap token, so no admin is created and printed). */
export const STAFF_TOKEN = 'bench-only-token-not-secret-0000';

/**
 * What every signed-SMS bench gives its app: the token and URL the load generator signs for, and no
 * per-sender or per-address rate limits — the benches measure throughput, not the limits (and each instance
 * counts on its own, which would skew one instance against two).
 */
export const benchAppEnv = {
  TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
  PUBLIC_BASE_URL,
  RATE_LIMIT_SENDER_PER_MINUTE: '0',
  RATE_LIMIT_WEBHOOK_IP_PER_MINUTE: '0',
  STAFF_BOOTSTRAP_TOKEN: STAFF_TOKEN,
};
