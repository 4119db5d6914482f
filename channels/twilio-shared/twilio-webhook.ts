import type { Request } from 'restify';
// The webhook module alone: the package's index loads the whole REST client too (about 13 MB).
import { validateRequest } from 'twilio/lib/webhooks/webhooks.js';
import { z } from 'zod';
import type { Env } from '../../src/config/env.js';
import { AppError, ValidationError } from '../../src/errors/app-error.js';
import { normalisePhone } from '../../src/customers/contact-address.js';

type WebhookEnv = Pick<Env, 'TWILIO_AUTH_TOKEN' | 'PUBLIC_BASE_URL' | 'TRUST_PROXY'>;

/** Twilio posts flat form fields; we read them from the raw body so the signed values are exactly what was sent. */
export type TwilioParams = Record<string, string>;

/** Refused webhook: the reason is logged, and the body says only what the operator must fix. */
export class TwilioSignatureError extends AppError {
  readonly code = 'twilio.signature';
  override readonly status = 403;
}

export function readTwilioParams(req: Request): TwilioParams {
  const raw = (req as Request & { rawBody?: unknown }).rawBody;
  const text = typeof raw === 'string' ? raw : Buffer.isBuffer(raw) ? raw.toString('utf8') : '';
  const contentType = req.getContentType();
  if (text && contentType !== 'application/x-www-form-urlencoded') {
    throw new ValidationError(`Twilio webhooks are form-encoded; got ${contentType || 'no content type'}`);
  }
  const params: TwilioParams = {};
  for (const [key, value] of new URLSearchParams(text)) params[key] = value;
  return params;
}

function firstHeader(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  const first = (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim();
  return first || undefined;
}

/**
 * The URL Twilio called, as it signed it: PUBLIC_BASE_URL when set (the app sits behind a proxy that may
 * rewrite scheme and host), else the proxy's X-Forwarded-Proto/Host when TRUST_PROXY=true, else the Host header.
 * The path and query string are the request's own. Default ports are tried both ways by `validateRequest`.
 */
export function signedUrl(req: Request, env: WebhookEnv): string {
  const pathAndQuery = req.url ?? '/';
  if (env.PUBLIC_BASE_URL) return `${env.PUBLIC_BASE_URL.replace(/\/+$/, '')}${pathAndQuery}`;
  const proto = (env.TRUST_PROXY && firstHeader(req, 'x-forwarded-proto')) || 'http';
  const host = (env.TRUST_PROXY && firstHeader(req, 'x-forwarded-host')) || firstHeader(req, 'host') || 'localhost';
  return `${proto}://${host}${pathAndQuery}`;
}

/**
 * Reads the form body and checks `X-Twilio-Signature` (HMAC-SHA1 of URL + sorted params, compared in constant
 * time by twilio's own `validateRequest`, with and without the default port). Throws 403 before anything is
 * processed: without a configured auth token no webhook is trusted.
 */
export function verifiedTwilioParams(req: Request, env: WebhookEnv): TwilioParams {
  if (!env.TWILIO_AUTH_TOKEN) {
    req.logger.warn({ path: req.path() }, 'twilio webhook refused: TWILIO_AUTH_TOKEN is not configured');
    throw new TwilioSignatureError('Twilio webhooks are refused: TWILIO_AUTH_TOKEN is not configured');
  }
  const signature = firstHeader(req, 'x-twilio-signature');
  const url = signedUrl(req, env);
  if (!signature) {
    req.logger.warn({ path: req.path(), url }, 'twilio webhook refused: no X-Twilio-Signature');
    throw new TwilioSignatureError('Missing X-Twilio-Signature');
  }
  const params = readTwilioParams(req);
  if (!signatureMatches(req, env.TWILIO_AUTH_TOKEN, signature, url, params)) {
    req.logger.warn({ path: req.path(), url, remote: req.socket?.remoteAddress }, 'twilio webhook refused: signature does not match');
    throw new TwilioSignatureError('X-Twilio-Signature does not match this request');
  }
  return params;
}

/** A phone number Twilio sent, as E.164; anything else is a 400 naming the field. */
export const TwilioPhone = z
  .string({ error: 'required' })
  .trim()
  .min(1, { error: 'required' })
  .max(32, { error: 'too long for a phone number' })
  .transform((value, ctx) => {
    const e164 = normalisePhone(value);
    if (!e164) {
      ctx.addIssue({ code: 'custom', message: `not a valid phone number: ${value.slice(0, 32)}` });
      return z.NEVER;
    }
    return e164;
  });

/** Twilio SIDs: two letters and 32 hex digits (SM…, MM…, CA…, RE…, MG…). */
export const twilioSid = (prefixes: readonly string[]) =>
  z
    .string({ error: 'required' })
    .regex(new RegExp(`^(${prefixes.join('|')})[0-9a-fA-F]{32}$`), { error: `expected a Twilio SID starting ${prefixes.join(' or ')}` });

/** Whether the request carries a valid Twilio signature, without refusing or logging (the rate limiter asks). */
export function hasTwilioSignature(req: Request, env: WebhookEnv): boolean {
  const signature = firstHeader(req, 'x-twilio-signature');
  if (!env.TWILIO_AUTH_TOKEN || !signature) return false;
  try {
    return signatureMatches(req, env.TWILIO_AUTH_TOKEN, signature, signedUrl(req, env), readTwilioParams(req));
  } catch {
    return false;
  }
}

/** The verdict on each request's signature: the rate limiter asks first, then the route; the HMACs run once. */
const verdicts = new WeakMap<Request, { key: string; valid: boolean }>();

function signatureMatches(req: Request, token: string, signature: string, url: string, params: TwilioParams): boolean {
  // Keyed on what was checked, so a different question about the same request is answered afresh.
  const key = `${token}\u0000${signature}\u0000${url}`;
  const known = verdicts.get(req);
  if (known?.key === key) return known.valid;
  const valid = validateRequest(token, signature, url, params);
  verdicts.set(req, { key, valid });
  return valid;
}
