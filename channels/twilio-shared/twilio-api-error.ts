import { AppError } from '../../src/errors/app-error.js';

/** Twilio refused a request or could not be reached; 4xx answers (a bad number, an unsubscribed or blocked one) are not worth a retry. */
export abstract class TwilioApiError extends AppError {
  override readonly retryable: boolean;
  constructor(message: string, readonly twilioStatus: number | undefined, readonly twilioCode: number | undefined, options?: { cause?: unknown }) {
    super(message, options);
    this.retryable = twilioStatus === undefined || twilioStatus === 429 || twilioStatus >= 500;
  }
}

/** What the REST client threw, as TwilioApiError's arguments: "Twilio refused the call (error 21211): …". */
export function twilioRefusal(what: string, err: unknown): [string, number | undefined, number | undefined, { cause: unknown }] {
  const e = err as { status?: number; code?: number; message?: string };
  return [`Twilio refused ${what}${e.code ? ` (error ${e.code})` : ''}: ${e.message ?? String(err)}`, e.status, e.code, { cause: err }];
}
