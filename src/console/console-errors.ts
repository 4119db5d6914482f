import { AppError } from '../errors/app-error.js';

/** The conversation is in a state that does not allow this (owned by someone else, nowhere to reply to). */
export class ConversationConflictError extends AppError {
  readonly code = 'conversation.conflict';
  override readonly status = 409;
}

/** An engineer asked for a ticket (or its conversation) that is neither assigned to them nor has a visit of theirs. */
export class TicketNotAssignedError extends AppError {
  readonly code = 'ticket.not_assigned';
  override readonly status = 403;
}
