import { AppError } from './app-error.js';

export class InvalidTransitionError extends AppError {
  readonly code = 'ticket.invalid_transition';
  override readonly status = 409;
  constructor(
    readonly from: string,
    readonly to: string,
    /** The moves the lifecycle allows from `from`, so the message says what to do instead. */
    allowed: readonly string[],
  ) {
    super(`A ticket cannot go from ${from} to ${to}; from ${from} it can go to: ${allowed.join(', ')}.`);
  }
}

export class TicketNotFoundError extends AppError {
  readonly code = 'ticket.not_found';
  override readonly status = 404;
  constructor(reference: string) {
    super(`No ticket ${reference} for this customer`);
  }
}
