import { hasOptedOut } from '../../follow-ups/customer-reach.js';
import { cancelScheduledFollowUps, closeOpenFollowUps, scheduleInstallationCall, scheduleRepairCheckIn } from '../../follow-ups/follow-up-service.js';
import type { PolicyContext } from '../../notifications/staff-notification-service.js';
import type { EventBus } from '../event-bus.js';

type Deps = Omit<PolicyContext, 'now'>;

/**
 * Follow-ups are scheduled by what happened (unit returned, installation recorded) and cancelled when they
 * no longer apply (ticket reopened, customer opted out of the channel, customer got in touch); opting out also
 * closes the ones sent on that channel and still waiting for an answer.
 */
export function registerFollowUpListener(events: EventBus, deps: Deps): void {
  const ctx = (now: Date): PolicyContext => ({ ...deps, now });
  events.on('unit.returned', async ({ ticketId }, tx, at) => {
    await scheduleRepairCheckIn(tx, ticketId, at, ctx(at));
  });
  events.on('asset.installed', async ({ assetId }, tx, at) => {
    await scheduleInstallationCall(tx, assetId, at, ctx(at));
  });
  events.on('ticket.status_changed', async ({ ticketId, to }, tx) => {
    if (to === 'reopened') await cancelScheduledFollowUps(tx, { ticketId, kind: 'repair_checkin' }, 'ticket reopened');
  });
  events.on('customer.opted_out', async ({ customerId, channel }, tx) => {
    const customer = await tx.customer.findUnique({ where: { id: customerId } });
    if (!customer || !hasOptedOut(customer, channel, 'follow_up')) return;
    await cancelScheduledFollowUps(tx, { customerId, channel }, 'customer opted out');
    await closeOpenFollowUps(tx, { customerId, channel }, 'customer opted out before answering');
  });
  events.on('customer.message_received', async ({ customerId }, tx, at) => {
    await tx.customer.updateMany({ where: { id: customerId, OR: [{ lastContactAt: null }, { lastContactAt: { lt: at } }] }, data: { lastContactAt: at } });
    await cancelScheduledFollowUps(tx, { customerId, kind: 'quarterly_contact' }, 'customer got in touch');
  });
}
