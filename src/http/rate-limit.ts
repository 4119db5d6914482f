import type { Request, Response } from 'restify';
import { sendError } from './error-response.js';
import { RateLimitedError } from './http-errors.js';

/**
 * A token bucket per key, in this process's memory: `perMinute` requests at once, refilled evenly over a
 * minute. No library: the one in the registry worth having (rate-limiter-flexible) is not installed, and
 * this is forty lines. The price is that each instance counts alone: with N instances behind a balancer a
 * sender gets up to N times the limit. At most `maxKeys` keys are held; the least recently seen go first.
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly perMinute: number,
    private readonly options: { maxKeys?: number; now?: () => number } = {},
  ) {}

  /** Seconds until `key` has a token again (0: it has one now), without taking it. */
  waitSeconds(key: string): number {
    const bucket = this.buckets.get(key);
    if (this.perMinute <= 0 || !bucket) return 0;
    const perMs = this.perMinute / 60_000;
    const tokens = Math.min(this.perMinute, bucket.tokens + ((this.options.now?.() ?? Date.now()) - bucket.at) * perMs);
    return tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
  }

  /** Takes one token for `key`; when none is left, how many seconds until one is. A limit of 0 allows all. */
  take(key: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    if (this.perMinute <= 0) return { allowed: true };
    const now = this.options.now?.() ?? Date.now();
    const perMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(key);
    const tokens = bucket ? Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * perMs) : this.perMinute;
    // Re-inserted on every take, so the Map's order is least recently seen first.
    this.buckets.delete(key);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    const maxKeys = this.options.maxKeys ?? 50_000;
    while (this.buckets.size > maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    return { allowed: true };
  }
}

/** One limit on one route: requests are counted per key (an address, a sender); no key, not counted. */
export type RateRule = {
  method: string;
  path: string;
  limiter: TokenBucketLimiter;
  key: (req: Request) => string | undefined;
  /** Said in the 429 body: what was limited, e.g. "messages from this chat session". */
  what: string;
};

/**
 * restify middleware (after the body is read, so a rule can key on a field of it): the first rule of the
 * route that runs out answers 429 with `Retry-After` and the handler never runs.
 */
export function rateLimit(rules: readonly RateRule[]) {
  return (req: Request, res: Response, next: (err?: false) => void) => {
    const path = req.path();
    for (const rule of rules) {
      // A limit of 0 is off: its key (a signature check, for a sender) is not worth working out.
      if (rule.limiter.perMinute <= 0 || rule.method !== req.method || !matches(rule.path, path)) continue;
      const key = rule.key(req);
      if (key === undefined) continue;
      const verdict = rule.limiter.take(`${rule.what}\u0000${key}`);
      if (!verdict.allowed) {
        req.logger.warn({ path, limit: rule.what, perMinute: rule.limiter.perMinute }, 'rate limited');
        const err = new RateLimitedError(
          `Too many ${rule.what} (at most ${rule.limiter.perMinute} a minute); retry in ${verdict.retryAfterSeconds} s`,
          verdict.retryAfterSeconds,
        );
        sendError(res, err, req.logger, req);
        return next(false);
      }
    }
    next();
  };
}

/** `/twilio/*` matches every path under /twilio/; anything else must be equal. */
function matches(pattern: string, path: string): boolean {
  return pattern.endsWith('/*') ? path.startsWith(pattern.slice(0, -1)) : pattern === path;
}
