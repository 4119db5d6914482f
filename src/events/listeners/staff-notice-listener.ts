import { ON_CALL_NOTICE, onCallRecipients } from '../../notifications/on-call.js';
import { notifyStaff, type PolicyContext } from '../../notifications/staff-notification-service.js';
import type { EventBus } from '../event-bus.js';

type Deps = Omit<PolicyContext, 'now'>;

/**
 * Staff hear about what needs a person: a dissatisfied survey goes to the supervisors; a new complaint or
 * high-urgency ticket to its assignee, else the agents on duty, else the supervisors; out of hours, a high-urgency
 * ticket goes to the policy's on-call people instead, at once and by e-mail.
 */
export function registerStaffNoticeListener(events: EventBus, deps: Deps): void {
  events.on('ticket.opened', async ({ ticketId, category, urgency }, tx, at) => {
    if (category !== 'complaint' && urgency !== 'high') return;
    const ticket = await tx.ticket.findUnique({ where: { id: ticketId } });
    if (!ticket) return;
    // A gas leak at 02:30 cannot wait for the morning: out of hours a high-urgency ticket pages the on-call people at once.
    const onCall = urgency === 'high' ? await onCallRecipients(tx, deps.policy, deps.calendar, at) : null;
    const what = category === 'complaint' ? 'complaint' : 'urgent ticket';
    await notifyStaff(
      tx,
      onCall
        ? { ticketId, kind: ON_CALL_NOTICE, urgency, to: onCall, deliverAfter: at, dedupeKey: `opened:${ticketId}`, text: `ON CALL: ${ticket.number}: new ${what} out of hours (${urgency}) — ${ticket.title}` }
        : { ticketId, kind: category === 'complaint' ? 'complaint' : 'urgent', urgency, to: { assigneeOf: ticketId }, dedupeKey: `opened:${ticketId}`, text: `${ticket.number}: new ${what} (${urgency}) — ${ticket.title}` },
      { ...deps, now: at },
    );
  });
  events.on('survey.answered', async ({ surveyId, ticketId, dissatisfied }, tx, at) => {
    if (!dissatisfied) return;
    const survey = await tx.survey.findUnique({ where: { id: surveyId }, include: { ticket: true } });
    if (!survey) return;
    const detail = [survey.overall !== null ? `overall ${survey.overall}/5` : null, survey.suggestion ? `"${survey.suggestion}"` : null].filter(Boolean).join(', ');
    await notifyStaff(
      tx,
      {
        ticketId,
        kind: 'dissatisfied',
        urgency: survey.ticket.urgency,
        to: { role: 'supervisor' },
        dedupeKey: `dissatisfied:${surveyId}`,
        text: `${survey.ticket.number}: customer dissatisfied in survey round ${survey.round}${detail ? ` (${detail})` : ''}; ticket reopened — ${survey.ticket.title}`,
      },
      { ...deps, now: at },
    );
  });
}
