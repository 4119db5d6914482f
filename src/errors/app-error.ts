/** Every error we raise on purpose carries a stable code; edges (HTTP, bot, jobs) translate it once. */
export abstract class AppError extends Error {
  abstract readonly code: string;
  /** HTTP status at the web edge. */
  readonly status: number = 400;
  /** Whether a job that hit this error should be retried. */
  readonly retryable: boolean = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  readonly code = 'input.invalid';
}

export class NotFoundError extends AppError {
  readonly code = 'not_found';
  override readonly status = 404;
}

export class ForbiddenError extends AppError {
  readonly code = 'forbidden';
  override readonly status = 403;
}

export class UnauthorizedError extends AppError {
  readonly code = 'unauthorized';
  override readonly status = 401;
}

export class DatabaseUnavailableError extends AppError {
  readonly code = 'database.unavailable';
  override readonly status = 503;
  override readonly retryable = true;
}
