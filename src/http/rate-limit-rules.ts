import type { Request } from 'restify';
import type { Env } from '../config/env.js';
import { clientIp } from './client-ip.js';
import { TokenBucketLimiter, type RateRule } from './rate-limit.js';

type RateEnv = Pick<
  Env,
  | 'TRUST_PROXY'
  | 'RATE_LIMIT_CHAT_MESSAGES_PER_MINUTE'
  | 'RATE_LIMIT_CHAT_IP_PER_MINUTE'
  | 'RATE_LIMIT_CHAT_SESSIONS_PER_MINUTE'
  | 'RATE_LIMIT_SIGN_IN_PER_MINUTE'
  | 'RATE_LIMIT_SENDER_PER_MINUTE'
  | 'RATE_LIMIT_WEBHOOK_IP_PER_MINUTE'
>;

export type RateRuleDeps = {
  /**
   * Whether a Twilio webhook carries a valid signature. Only signed webhooks count against their sender:
   * otherwise anyone could forge a customer's number and use up that customer's allowance.
   */
  isSignedTwilio: (req: Request) => boolean;
};

const field = (req: Request, name: string): string | undefined => {
  const body = req.body as Record<string, unknown> | undefined;
  const value = typeof body === 'object' && body !== null ? body[name] : undefined;
  return typeof value === 'string' && value ? value.slice(0, 100) : undefined;
};

/** The limits of the public routes, from the RATE_LIMIT_* settings (0 turns one off). */
export function rateRules(env: RateEnv, deps: RateRuleDeps): RateRule[] {
  const ip = (req: Request) => clientIp(req, env.TRUST_PROXY) ?? 'unknown';
  const perMinute = (n: number) => new TokenBucketLimiter(n);
  const chatIp = perMinute(env.RATE_LIMIT_CHAT_IP_PER_MINUTE);
  const webhookIp = perMinute(env.RATE_LIMIT_WEBHOOK_IP_PER_MINUTE);
  const sender = perMinute(env.RATE_LIMIT_SENDER_PER_MINUTE);
  const signedSender = (req: Request) => {
    const from = field(req, 'From');
    return from && deps.isSignedTwilio(req) ? from : undefined;
  };
  return [
    { method: 'POST', path: '/chat/api/messages', limiter: chatIp, key: ip, what: 'chat requests from this address' },
    { method: 'POST', path: '/chat/api/messages', limiter: perMinute(env.RATE_LIMIT_CHAT_MESSAGES_PER_MINUTE), key: (req) => field(req, 'sessionId'), what: 'messages from this chat session' },
    { method: 'POST', path: '/chat/api/sessions', limiter: chatIp, key: ip, what: 'chat requests from this address' },
    { method: 'POST', path: '/chat/api/sessions', limiter: perMinute(env.RATE_LIMIT_CHAT_SESSIONS_PER_MINUTE), key: ip, what: 'new chat sessions from this address' },
    // The console's sign-in (owned by the console; counted here whether or not it exists yet).
    { method: 'POST', path: '/console/api/session', limiter: perMinute(env.RATE_LIMIT_SIGN_IN_PER_MINUTE), key: ip, what: 'sign-in attempts from this address' },
    { method: 'POST', path: '/twilio/*', limiter: webhookIp, key: ip, what: 'webhook requests from this address' },
    { method: 'POST', path: '/twilio/sms', limiter: sender, key: signedSender, what: 'messages from this number' },
    { method: 'POST', path: '/twilio/voice', limiter: sender, key: signedSender, what: 'calls from this number' },
  ];
}
