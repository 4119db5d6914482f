import { AppError } from '../errors/app-error.js';

/** A body over the route's limit: refused while reading, before anything is parsed. */
export class PayloadTooLargeError extends AppError {
  readonly code = 'input.too_large';
  override readonly status = 413;
}

/** A body in a format the route does not read (or compressed, which we never accept). */
export class UnsupportedMediaTypeError extends AppError {
  readonly code = 'input.unsupported_media_type';
  override readonly status = 415;
}

/** Too many requests from one sender or address; `retryAfterSeconds` goes into `Retry-After`. */
export class RateLimitedError extends AppError {
  readonly code = 'rate_limited';
  override readonly status = 429;
  override readonly retryable = true;

  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
