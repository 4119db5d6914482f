import type { Request, Response } from 'restify';
import { ZodError } from 'zod';
import { isDatabaseUnavailable } from '../db/db-errors.js';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logger.js';
import { RateLimitedError } from './http-errors.js';

export type ErrorBody = { error: { code: string; message: string; issues?: { path: string; message: string }[] } };

/** Seconds a client (Twilio, a load balancer, the chat page) is told to wait before retrying a 503. */
export const retryAfterSeconds = 5;

/**
 * Translates any error into a status and a body the caller can act on. A database that is unreachable or
 * too slow is a 503 with `Retry-After` (providers retry those; a 500 says the request itself is broken).
 * Unknown errors are 500 and logged.
 */
export function errorResponse(err: unknown): { status: number; body: ErrorBody; retryAfter?: number } {
  if (err instanceof ZodError) {
    const issues = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return {
      status: 400,
      body: { error: { code: 'input.invalid', message: issues.map((i) => `${i.path || '(body)'}: ${i.message}`).join('; '), issues } },
    };
  }
  if (err instanceof RateLimitedError) {
    return { status: 429, body: { error: { code: err.code, message: err.message } }, retryAfter: err.retryAfterSeconds };
  }
  if (err instanceof AppError) {
    return { status: err.status, body: { error: { code: err.code, message: err.message } }, retryAfter: err.status === 503 ? retryAfterSeconds : undefined };
  }
  if (isDatabaseUnavailable(err)) {
    return {
      status: 503,
      body: { error: { code: 'database.unavailable', message: 'The database is not answering right now; please retry shortly.' } },
      retryAfter: retryAfterSeconds,
    };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'Something went wrong on our side; it has been logged.' } } };
}

export function sendError(res: Response, err: unknown, log: Logger, req?: Request): void {
  const { status, body, retryAfter } = errorResponse(err);
  if (status === 503) log.warn({ code: body.error.code, reason: (err as Error)?.message, path: req?.path() }, 'request refused: unavailable');
  else if (status >= 500) log.error({ err, path: req?.path(), status }, 'request failed');
  else log.info({ code: body.error.code, path: req?.path(), status }, 'request refused');
  if (res.headersSent) {
    // A stream (chat events) already answered 200: all that is left is to end it.
    res.end();
    return;
  }
  if (retryAfter !== undefined) res.header('retry-after', String(retryAfter));
  res.status(status);
  res.json(body);
}
