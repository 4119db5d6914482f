import type { TicketCategory, TicketStatus } from '../../src/generated/prisma/enums.js';
import type { StaffReplyTime } from '../../src/handoff/staff-reply-time.js';
import type { TicketDetailField, TicketDetails, TicketDetailsView } from '../../src/tickets/ticket-details.js';
import type { ContactProof } from '../../src/tickets/ticket-contact.js';
import type { OpenTicketInput } from '../../src/tickets/ticket-service.js';
import type { PendingVisitQuestion } from '../../src/visits/visit-answers.js';
import type { KnowledgeBase } from '../inquiry/knowledge-base.js';

/** A deadline we promised, for telling the customer what happens next and by when. */
export type PromiseView = { kind: string; dueAt: Date };

export type TicketView = {
  id: string;
  number: string;
  status: TicketStatus;
  category: TicketCategory;
  assigneeName: string | null;
  createdAt: Date;
  /** The earliest promise not yet met. */
  nextPromise: PromiseView | null;
};

/** A ticket a dialog opens: the domain's input, with what a conversation always knows made required. */
export type NewTicket = OpenTicketInput & { conversationId: string; language: string };

export type { ContactProof, PendingVisitQuestion };

/** The customer's answer to a pending visit question, as the visit-reply dialog read it. */
export type VisitAnswer =
  | { kind: 'time'; visitId: string; at: string }
  | { kind: 'no_time_fits'; visitId: string; text: string }
  | { kind: 'quote'; visitId: string; accepted: boolean; text: string };

export type SurveyAnswers = { attitude?: number; skill?: number; punctuality?: number; itemsCompleted?: number; overall?: number; suggestion?: string };

/**
 * What dialogs may do to the domain, bound to the database, clock and events by the bot runtime.
 * Each dialog takes only the commands it uses (constructor injection), so tests can swap them.
 */
export interface BotServices {
  readonly settings: { maxMisunderstandings: number };
  readonly knowledgeBase: KnowledgeBase;
  /** Opens a ticket and returns the promises the SLA rules make for it, earliest first. */
  openTicket(input: NewTicket): Promise<{ id: string; number: string; promises: PromiseView[] }>;
  /** A ticket by its number, only when `customerId` owns it. */
  findTicket(reference: string, customerId: string): Promise<TicketView | null>;
  openTicketsOf(customerId: string): Promise<TicketView[]>;
  /** A ticket by its number whoever owns it, with the language its customer uses: show it only to someone proven to be its contact. */
  ticketByNumber(reference: string): Promise<(TicketView & { language: string }) | null>;
  /** Whether a phone, e-mail or last 4 digits is the contact on the ticket (the second factor for its status). */
  ticketContactMatches(ticketId: string, proof: ContactProof): Promise<boolean>;
  /** Queues `text` to the contact on the ticket (out of quiet hours), once per `key`; false when it has none. */
  sendToTicketContact(ticketId: string, text: string, key: string): Promise<boolean>;
  /** Adds the customer's words to the ticket as a note staff see on its timeline. */
  noteOnTicket(ticketId: string, text: string): Promise<void>;
  /** `note` is added to the staff notice (e.g. which details of a cut-short report are missing). */
  requestHandoff(input: { conversationId: string; ticketId?: string | null; reason: string; note?: string }): Promise<void>;
  /** When a person can answer a customer handed over now: business hours, and the ticket's own first-response deadline when there is a ticket. */
  staffReplyTime(ticketId?: string | null): Promise<StaffReplyTime>;
  rememberCustomer(customerId: string, data: { name?: string; company?: string; phone?: string; email?: string }): Promise<void>;
  recordSurveyAnswer(input: { surveyId: string; answers: SurveyAnswers; complete: boolean }): Promise<{ dissatisfied: boolean }>;
  /** Whether the survey was closed while the customer was in it (they opted out): their next message is no score. */
  surveyCancelled(surveyId: string): Promise<boolean>;
  /** Whether the follow-up was closed before the customer answered it (they opted out). */
  followUpCancelled(followUpId: string): Promise<boolean>;
  /** The customer's answer to a follow-up: all working, a problem, or no answer wanted (`declined`). */
  recordFollowUp(followUpId: string, answer: { outcome: 'fine' | 'problem' | 'declined'; notes?: string }): Promise<void>;
  /** Visit times or a quote sent to this customer and not answered yet (the latest one). */
  pendingVisitQuestion(customerId: string): Promise<PendingVisitQuestion | null>;
  /** Records the customer's answer on the visit; staff see it on the visit and in the ticket's timeline. */
  answerVisit(answer: VisitAnswer): Promise<void>;
  /** What a ticket already records, and which details were last asked of the customer (e-mail intake). */
  ticketDetails(ticketId: string): Promise<TicketDetailsView>;
  /** Fills the ticket's empty detail fields from a later message; returns the fields filled. */
  fillTicketDetails(ticketId: string, values: TicketDetails): Promise<TicketDetailField[]>;
  recordDetailsRequested(ticketId: string, fields: readonly TicketDetailField[]): Promise<void>;
}
