import type { Request } from 'restify';

/** The caller's address; X-Forwarded-For only counts behind a proxy we trust (TRUST_PROXY). */
export function clientIp(req: Request, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = String(req.headers['x-forwarded-for'] ?? '').split(',')[0]?.trim();
    if (forwarded) return forwarded.slice(0, 100);
  }
  return req.socket?.remoteAddress ?? null;
}
