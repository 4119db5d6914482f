import type { PolicyContext } from '../../notifications/staff-notification-service.js';
import { cancelScheduledSurveys, closeOpenSurveys, scheduleSurvey } from '../../surveys/survey-service.js';
import type { EventBus } from '../event-bus.js';

type Deps = Omit<PolicyContext, 'now'>;

/**
 * A resolved ticket gets its satisfaction survey; a reopened ticket or an opted-out customer loses the unsent
 * one, and an opted-out customer also leaves the one they are answering.
 */
export function registerSurveyListener(events: EventBus, deps: Deps): void {
  events.on('ticket.status_changed', async ({ ticketId, to }, tx, at) => {
    if (to === 'resolved') await scheduleSurvey(tx, ticketId, { ...deps, now: at });
    if (to === 'reopened') await cancelScheduledSurveys(tx, { ticketId });
  });
  events.on('customer.opted_out', async ({ customerId, channel }, tx) => {
    const customer = await tx.customer.findUnique({ where: { id: customerId } });
    if (!customer) return;
    const scope = customer.optOutSurveys ? { customerId } : { customerId, channel };
    await cancelScheduledSurveys(tx, scope);
    await closeOpenSurveys(tx, scope);
  });
}
