import type { ArchiveAccess, Staff } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';
import { AppError, NotFoundError } from '../errors/app-error.js';
import { isSupervisor } from './staff-auth.js';

/** Opening a customer archive needs a live approval: 403 with this code and what to do. */
export class ArchiveApprovalRequiredError extends AppError {
  readonly code = 'archive.approval_required';
  override readonly status = 403;
}

export class ArchiveRequestConflictError extends AppError {
  readonly code = 'archive.request_decided';
  override readonly status = 409;
}

/**
 * Asks to open a customer's archive, with a reason. Supervisors and admins are approved at once (their
 * reason is still recorded); agents and engineers wait for a supervisor. Asking again while a request is
 * open returns that request.
 */
export async function requestArchiveAccess(db: Db, input: { staff: Staff; customerId: string; reason: string }, ctx: { now: Date; minutes: number }): Promise<ArchiveAccess> {
  const customer = await db.customer.findUnique({ where: { id: input.customerId }, select: { id: true } });
  if (!customer) throw new NotFoundError(`No customer ${input.customerId}`);
  if (isSupervisor(input.staff)) {
    return db.archiveAccess.create({
      data: {
        staffId: input.staff.id,
        customerId: customer.id,
        reason: input.reason,
        status: 'approved',
        requestedAt: ctx.now,
        decidedBy: `staff:${input.staff.id}`,
        decidedAt: ctx.now,
        expiresAt: new Date(ctx.now.getTime() + ctx.minutes * 60_000),
      },
    });
  }
  const open = await db.archiveAccess.findFirst({ where: { staffId: input.staff.id, customerId: customer.id, status: 'requested' } });
  if (open) return open;
  return db.archiveAccess.create({ data: { staffId: input.staff.id, customerId: customer.id, reason: input.reason, status: 'requested', requestedAt: ctx.now } });
}

/** A supervisor approves (for `minutes` from now) or denies a request; a decided request stays decided. */
export async function decideArchiveAccess(
  db: Db,
  requestId: string,
  decision: { approve: boolean; minutes: number },
  ctx: { by: Staff; now: Date },
): Promise<ArchiveAccess> {
  const request = await db.archiveAccess.findUnique({ where: { id: requestId } });
  if (!request) throw new NotFoundError(`No archive access request ${requestId}`);
  if (request.status !== 'requested') throw new ArchiveRequestConflictError(`This request was ${request.status} already.`);
  return db.archiveAccess.update({
    where: { id: requestId },
    data: {
      status: decision.approve ? 'approved' : 'denied',
      decidedBy: `staff:${ctx.by.id}`,
      decidedAt: ctx.now,
      expiresAt: decision.approve ? new Date(ctx.now.getTime() + decision.minutes * 60_000) : null,
    },
  });
}

/** The approval that lets this staff member open this archive now, or 403 saying how to get one. */
export async function requireArchiveAccess(db: Db, staff: Staff, customerId: string, now: Date): Promise<ArchiveAccess> {
  const live = await db.archiveAccess.findFirst({
    where: { staffId: staff.id, customerId, status: 'approved', expiresAt: { gt: now } },
    orderBy: { expiresAt: 'desc' },
  });
  if (live) return live;
  const pending = await db.archiveAccess.findFirst({ where: { staffId: staff.id, customerId, status: 'requested' } });
  throw new ArchiveApprovalRequiredError(
    pending
      ? 'Your request to open this archive is waiting for a supervisor.'
      : isSupervisor(staff)
        ? 'Give a reason first: POST /console/api/customers/:id/access { reason }.'
        : 'Opening a customer archive needs a reason and a supervisor’s approval: POST /console/api/customers/:id/access { reason }.',
  );
}
