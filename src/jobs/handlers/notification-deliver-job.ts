import { deliverNotification } from '../../notifications/staff-notification-service.js';
import type { JobHandler } from '../job-queue.js';
import type { SchedulerDeps } from './scheduler-deps.js';

/** `notification.deliver`: releases one staff notification at its time (and e-mails supervisors). */
export function createNotificationDeliverJob(deps: SchedulerDeps): JobHandler<'notification.deliver'> {
  return ({ notificationId }) => deliverNotification(deps.db, notificationId, { now: deps.clock(), jobs: deps.jobs, supervisorEmails: deps.supervisorEmails });
}
