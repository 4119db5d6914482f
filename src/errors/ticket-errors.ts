import { AppError } from './app-error.js';

export class InvalidTransitionError extends AppError {
  readonly code = 'ticket.invalid_transition';
  override readonly status = 409;
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(`A ticket cannot go from ${from} to ${to}`);
  }
}

export class TicketNotFoundError extends AppError {
  readonly code = 'ticket.not_found';
  override readonly status = 404;
  constructor(reference: string) {
    super(`No ticket ${reference} for this customer`);
  }
}
