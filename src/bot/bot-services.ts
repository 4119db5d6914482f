import { loadKnowledgeBase } from '../../dialogs/inquiry/knowledge-base.js';
import type { BotServices, PromiseView, TicketView } from '../../dialogs/shared/services.js';
import type { Ticket } from '../generated/prisma/client.js';
import type { Clock } from '../clock.js';
import type { Env } from '../config/env.js';
import { recordContact, survivingCustomerId, updateCustomerProfile } from '../customers/customer-service.js';
import type { Db } from '../db/db.js';
import { TicketNotFoundError } from '../errors/ticket-errors.js';
import type { EventBus } from '../events/event-bus.js';
import { requestHandoff } from '../handoff/handoff-service.js';
import { ticketReplyTime } from '../handoff/staff-reply-time.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { BusinessCalendar } from '../sla/business-calendar.js';
import type { Policy } from '../sla/policy-schema.js';
import { deadlines, slaInputOf } from '../sla/sla-rules.js';
import { recordSurveyAnswer } from '../surveys/survey-service.js';
import { openStatuses } from '../tickets/ticket-rules.js';
import { fillTicketDetails, recordDetailsRequested, ticketDetails } from '../tickets/ticket-details.js';
import { sendToTicketContact, ticketContactMatches } from '../tickets/ticket-contact.js';
import { addNote, findTicketForCustomer, openTicket, parseTicketNumber } from '../tickets/ticket-service.js';
import { chooseVisitTime, declineVisitTimes, pendingVisitQuestion, refuseQuote } from '../visits/visit-answers.js';
import type { VisitContext } from '../visits/visit-service.js';
import { acceptQuote } from '../visits/visit-work.js';

export type BotSettings = Pick<Env, 'CLASSIFIER_CONFIDENCE_THRESHOLD' | 'HANDOFF_MAX_MISUNDERSTANDINGS' | 'DEFAULT_LANGUAGE' | 'KNOWLEDGE_BASE_FILE'>;

/** Promises the rules make for a ticket (what the customer is told), earliest first. */
function promisesFor(ticket: Ticket, policy: Policy, calendar: BusinessCalendar): PromiseView[] {
  return deadlines(policy, calendar, slaInputOf(ticket, ticket.createdAt))
    .map((p) => ({ kind: p.kind, dueAt: p.dueAt }))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** What the customer may see of a ticket: state, assignee, and the earliest promise not yet met (stored, else computed). */
export async function ticketView(db: Db, ticket: Ticket, policy: Policy, calendar: BusinessCalendar, now: Date): Promise<TicketView> {
  const assignee = ticket.assigneeId ? await db.staff.findUnique({ where: { id: ticket.assigneeId }, select: { name: true } }) : null;
  const stored = await db.slaPromise.findFirst({
    where: { ticketId: ticket.id, metAt: null, cancelledAt: null, pausedAt: null },
    orderBy: { dueAt: 'asc' },
  });
  const computed = openStatuses.includes(ticket.status) && !ticket.firstRespondedAt ? promisesFor(ticket, policy, calendar).find((p) => p.dueAt > now) : undefined;
  const nextPromise = stored ? { kind: stored.kind, dueAt: stored.dueAt } : (computed ?? null);
  return {
    id: ticket.id,
    number: ticket.number,
    status: ticket.status,
    category: ticket.category,
    assigneeName: assignee?.name ?? null,
    createdAt: ticket.createdAt,
    nextPromise: openStatuses.includes(ticket.status) ? nextPromise : null,
  };
}

export type BotServiceDeps = {
  db: Db;
  events: EventBus;
  jobs: JobQueue;
  clock: Clock;
  settings: BotSettings;
  policy: Policy;
  calendar: BusinessCalendar;
};

/**
 * Binds the dialogs' commands to the database, the clock, events and jobs. `deps.db` is read at every call,
 * not once: a bot built once serves turn after turn, each over its own transaction (src/bot/bot-runtime.ts
 * points `db` at the turn's before the turn runs).
 */
export function createBotServices(deps: BotServiceDeps): BotServices {
  const { events, jobs, clock, settings, policy, calendar } = deps;
  const ctx = () => ({ now: clock(), actor: 'bot', events, timeZone: policy.calendar.timeZone });

  const view = (ticket: Ticket) => ticketView(deps.db, ticket, policy, calendar, clock());

  return {
    settings: { maxMisunderstandings: settings.HANDOFF_MAX_MISUNDERSTANDINGS },
    knowledgeBase: loadKnowledgeBase(settings.KNOWLEDGE_BASE_FILE),

    async openTicket(input) {
      const ticket = await openTicket(deps.db, input, ctx());
      return { id: ticket.id, number: ticket.number, promises: promisesFor(ticket, policy, calendar) };
    },

    async findTicket(reference, customerId) {
      try {
        return await view(await findTicketForCustomer(deps.db, reference, await survivingCustomerId(deps.db, customerId)));
      } catch (err) {
        if (err instanceof TicketNotFoundError) return null;
        throw err;
      }
    },

    async openTicketsOf(customerId) {
      const owner = await survivingCustomerId(deps.db, customerId);
      const tickets = await deps.db.ticket.findMany({ where: { customerId: owner, status: { in: [...openStatuses] } }, orderBy: { createdAt: 'desc' }, take: 5 });
      return Promise.all(tickets.map(view));
    },

    async ticketByNumber(reference) {
      const number = parseTicketNumber(reference);
      const ticket = number ? await deps.db.ticket.findUnique({ where: { number } }) : null;
      return ticket ? { ...(await view(ticket)), language: ticket.language } : null;
    },

    ticketContactMatches: (ticketId, proof) => ticketContactMatches(deps.db, ticketId, proof),

    sendToTicketContact: (ticketId, text, key) => sendToTicketContact(deps.db, ticketId, text, key, { now: clock(), jobs, policy, calendar }),

    async noteOnTicket(ticketId, text) {
      await addNote(deps.db, ticketId, `Customer asked: ${text}`, { now: clock(), actor: 'customer' });
    },

    async requestHandoff(input) {
      await requestHandoff(deps.db, input, { now: clock(), events });
    },

    staffReplyTime: (ticketId) => ticketReplyTime(deps.db, policy, calendar, clock(), ticketId),

    async rememberCustomer(customerId, data) {
      // An address another customer already has makes this customer that one (records merged, see recordContact).
      let owner = customerId;
      if (data.phone) owner = (await recordContact(deps.db, owner, 'phone', data.phone, { actor: 'bot', now: clock() })).customerId;
      if (data.email) owner = (await recordContact(deps.db, owner, 'email', data.email, { actor: 'bot', now: clock() })).customerId;
      if (data.name || data.company) await updateCustomerProfile(deps.db, await survivingCustomerId(deps.db, owner), { name: data.name, company: data.company });
    },

    recordSurveyAnswer(input) {
      return recordSurveyAnswer(deps.db, input, { now: clock(), events, jobs });
    },

    async surveyCancelled(surveyId) {
      return (await deps.db.survey.count({ where: { id: surveyId, status: 'cancelled' } })) > 0;
    },

    async followUpCancelled(followUpId) {
      return (await deps.db.followUp.count({ where: { id: followUpId, status: 'cancelled' } })) > 0;
    },

    async recordFollowUp(followUpId, answer) {
      const notes = { fine: 'customer: all working', problem: 'customer reports a problem', declined: 'customer declined to answer' }[answer.outcome];
      await deps.db.followUp.updateMany({
        // A follow-up closed meanwhile (the customer opted out) stays closed.
        where: { id: followUpId, status: 'sent' },
        data: { status: 'done', doneAt: clock(), outcome: answer.outcome, notes: answer.outcome === 'problem' ? (answer.notes ?? notes) : notes },
      });
    },

    pendingVisitQuestion: (customerId) => pendingVisitQuestion(deps.db, customerId, clock()),

    async answerVisit(answer) {
      const visitCtx: VisitContext = { now: clock(), actor: 'customer', events, jobs, policy, calendar, timeZone: policy.calendar.timeZone };
      if (answer.kind === 'time') await chooseVisitTime(deps.db, answer.visitId, new Date(answer.at), visitCtx);
      else if (answer.kind === 'no_time_fits') await declineVisitTimes(deps.db, answer.visitId, answer.text, visitCtx);
      else if (answer.accepted) await acceptQuote(deps.db, answer.visitId, visitCtx);
      else await refuseQuote(deps.db, answer.visitId, answer.text, visitCtx);
    },

    ticketDetails: (ticketId) => ticketDetails(deps.db, ticketId),
    fillTicketDetails: (ticketId, values) => fillTicketDetails(deps.db, ticketId, values, { now: clock(), actor: 'customer' }),
    recordDetailsRequested: (ticketId, fields) => recordDetailsRequested(deps.db, ticketId, fields, { now: clock(), actor: 'bot' }),
  };
}
