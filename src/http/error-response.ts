import type { Request, Response } from 'restify';
import { ZodError } from 'zod';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logger.js';

export type ErrorBody = { error: { code: string; message: string; issues?: { path: string; message: string }[] } };

/** Translates any error into a status and a body the caller can act on; unknown errors are 500 and logged. */
export function errorResponse(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof ZodError) {
    const issues = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return {
      status: 400,
      body: { error: { code: 'input.invalid', message: issues.map((i) => `${i.path || '(body)'}: ${i.message}`).join('; '), issues } },
    };
  }
  if (err instanceof AppError) return { status: err.status, body: { error: { code: err.code, message: err.message } } };
  return { status: 500, body: { error: { code: 'internal', message: 'Something went wrong on our side; it has been logged.' } } };
}

export function sendError(res: Response, err: unknown, log: Logger, req?: Request): void {
  const { status, body } = errorResponse(err);
  if (status >= 500) log.error({ err, path: req?.path() }, 'request failed');
  else log.info({ code: body.error.code, path: req?.path(), status }, 'request refused');
  res.status(status);
  res.json(body);
}
