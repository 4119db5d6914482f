import type { PolicyContext } from '../../notifications/staff-notification-service.js';
import {
  checkTicketPromises,
  markPromiseMet,
  pausePromises,
  rearmPromises,
  rearmProgressUpdate,
  resumePromises,
  retargetPromises,
  setOnSiteRequired,
  settlePromises,
  storePromises,
} from '../../sla/sla-service.js';
import type { EventBus } from '../event-bus.js';

type Deps = Omit<PolicyContext, 'now'>;

/**
 * SLA clocks follow the ticket: deadlines stored when it opens, paused while waiting on the customer,
 * resumed (shifted) when it leaves that state, settled (met or closed off) when resolved or closed, and
 * re-armed from the reopen time when reopened. Resolving finishes an on-site repair (met, late or not); every
 * other promise still open is breached or not applicable (settlePromises). Scheduling a visit means a visit on
 * site is needed: the on-site arrival promise applies. A staff reply re-arms the progress-update promise.
 */
export function registerSlaListener(events: EventBus, deps: Deps): void {
  const ctx = (now: Date): PolicyContext => ({ ...deps, now });
  events.on('ticket.opened', async ({ ticketId }, tx, at) => {
    await storePromises(tx, ticketId, ctx(at));
  });
  events.on('ticket.status_changed', async ({ ticketId, from, to, actor }, tx, at) => {
    if (to === 'waiting_customer') {
      await pausePromises(tx, ticketId, { now: at });
    } else if (to === 'resolved' || to === 'closed') {
      // Raise what is already overdue before closing the books.
      await checkTicketPromises(tx, ticketId, ctx(at));
      if (to === 'resolved') await markPromiseMet(tx, ticketId, 'on_site_repair', { now: at, actor });
      await settlePromises(tx, ticketId, { now: at });
    } else if (to === 'reopened') {
      await rearmPromises(tx, ticketId, { ...ctx(at), actor });
    } else if (from === 'waiting_customer') {
      await resumePromises(tx, ticketId, ctx(at));
    }
    if (to === 'scheduled') await setOnSiteRequired(tx, ticketId, true, { ...ctx(at), actor });
  });
  // Triage can change the urgency (its own targets) and say whether a visit on site is needed.
  events.on('ticket.triaged', async ({ ticketId, onSite, actor }, tx, at) => {
    if (onSite !== undefined) await setOnSiteRequired(tx, ticketId, onSite, { ...ctx(at), actor });
    await retargetPromises(tx, ticketId, { ...ctx(at), actor });
  });
  events.on('ticket.responded', async ({ ticketId }, tx, at) => {
    await rearmProgressUpdate(tx, ticketId, ctx(at));
  });
}
