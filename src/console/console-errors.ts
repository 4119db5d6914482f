import { AppError } from '../errors/app-error.js';

/** The conversation is in a state that does not allow this (owned by someone else, nowhere to reply to). */
export class ConversationConflictError extends AppError {
  readonly code = 'conversation.conflict';
  override readonly status = 409;
}
