import type { Prisma, Customer } from '../generated/prisma/client.js';
import type { ContactKind } from '../generated/prisma/enums.js';
import type { Db } from '../db/db.js';
import { inTransaction } from '../db/transaction.js';
import { ValidationError, NotFoundError } from '../errors/app-error.js';
import type { ChannelKind } from '../messages/channel-kind.js';
import { normaliseAddress } from './contact-address.js';

export const contactKindOf: Record<ChannelKind, ContactKind> = { sms: 'phone', voice: 'phone', email: 'email', chat: 'chat' };

export type IdentifyInput = { kind: ContactKind; address: string; name?: string; language?: string };

/** Follows merges so a contact point always leads to the surviving customer. */
async function surviving(db: Db, customer: Customer): Promise<Customer> {
  let current = customer;
  for (let hops = 0; current.mergedIntoId && hops < 10; hops++) {
    const next = await db.customer.findUnique({ where: { id: current.mergedIntoId } });
    if (!next) break;
    current = next;
  }
  return current;
}

/** The id a customer record now lives under: itself, or the customer it was merged into. */
export async function survivingCustomerId(db: Db, customerId: string): Promise<string> {
  const customer = await db.customer.findUnique({ where: { id: customerId } });
  return customer ? (await surviving(db, customer)).id : customerId;
}

export async function findCustomerByContact(db: Db, kind: ContactKind, rawAddress: string): Promise<Customer | null> {
  const address = normaliseAddress(kind, rawAddress);
  if (!address) return null;
  const point = await db.contactPoint.findUnique({ where: { kind_address: { kind, address } }, include: { customer: true } });
  return point ? surviving(db, point.customer) : null;
}

/**
 * One address, one customer: finds the owner of the contact point or creates both.
 * Two first messages racing from the same new number end with one customer (the unique key decides).
 */
export async function identifyCustomer(db: Db, input: IdentifyInput): Promise<{ customer: Customer; created: boolean }> {
  const address = normaliseAddress(input.kind, input.address);
  if (!address) throw new ValidationError(`Not a valid ${input.kind} address: ${input.address}`);
  const existing = await findCustomerByContact(db, input.kind, address);
  if (existing) return { customer: existing, created: false };
  // The contact point is inserted ON CONFLICT DO NOTHING: a sender racing us to the same address makes our
  // new customer row pointless, and it goes again in the same transaction. No unique-key error is raised,
  // so a caller's transaction stays usable.
  const created = await inTransaction(db, async (tx) => {
    const customer = await tx.customer.create({ data: { name: input.name, language: input.language } });
    const { count } = await tx.contactPoint.createMany({ data: [{ customerId: customer.id, kind: input.kind, address }], skipDuplicates: true });
    if (count === 1) return customer;
    await tx.customer.delete({ where: { id: customer.id } });
    return null;
  });
  if (created) return { customer: created, created: true };
  const winner = await findCustomerByContact(db, input.kind, address);
  if (!winner) throw new Error(`The ${input.kind} contact ${address} was taken and then vanished`);
  return { customer: winner, created: false };
}

/** Adds another address (the e-mail a caller gives on the phone) to a customer, unless someone else owns it. */
export async function addContactPoint(
  db: Db,
  customerId: string,
  kind: ContactKind,
  rawAddress: string,
): Promise<{ added: boolean; ownerId: string }> {
  const address = normaliseAddress(kind, rawAddress);
  if (!address) throw new ValidationError(`Not a valid ${kind} address: ${rawAddress}`);
  const owner = await db.contactPoint.findUnique({ where: { kind_address: { kind, address } } });
  if (owner) return { added: false, ownerId: owner.customerId };
  const { count } = await db.contactPoint.createMany({ data: [{ customerId, kind, address }], skipDuplicates: true });
  if (count === 1) return { added: true, ownerId: customerId };
  const winner = await db.contactPoint.findUniqueOrThrow({ where: { kind_address: { kind, address } } });
  return { added: false, ownerId: winner.customerId };
}

/**
 * Records a phone number or e-mail a customer gave (to the bot, or to staff). One person is one customer on
 * every channel: when the address already belongs to another customer, this customer (say, a new web-chat
 * session) is merged into that one, so its conversations, tickets, contacts and assets join the record the
 * address leads to. Returns the customer the address now belongs to.
 */
export async function recordContact(
  db: Db,
  customerId: string,
  kind: 'phone' | 'email',
  rawAddress: string,
  ctx: { actor: string; now?: Date },
): Promise<{ customerId: string; added: boolean; merged: boolean }> {
  const current = await survivingCustomerId(db, customerId);
  const { added, ownerId } = await addContactPoint(db, current, kind, rawAddress);
  if (added) return { customerId: current, added, merged: false };
  const owner = await survivingCustomerId(db, ownerId);
  if (owner === current) return { customerId: current, added: false, merged: false };
  await mergeCustomers(db, current, owner, ctx.actor, { reason: `same ${kind} ${normaliseAddress(kind, rawAddress)}`, now: ctx.now });
  return { customerId: owner, added: false, merged: true };
}

export async function updateCustomerProfile(
  db: Db,
  customerId: string,
  data: Pick<Prisma.CustomerUpdateInput, 'name' | 'company' | 'language' | 'isProjectCustomer' | 'optOutSms' | 'optOutEmail' | 'optOutSurveys' | 'lastContactAt'>,
): Promise<Customer> {
  return db.customer.update({ where: { id: customerId }, data });
}

/**
 * Merges `fromId` into `intoId`: every contact point, asset, conversation, ticket, message, survey,
 * follow-up and call moves over, and the old record points at the survivor. Nothing is deleted. Each moved
 * ticket's timeline and the access audit say who merged which records and why.
 */
export async function mergeCustomers(
  db: Db,
  fromId: string,
  intoId: string,
  actor: string,
  more: { reason?: string; now?: Date } = {},
): Promise<Customer> {
  const { reason, now } = more;
  if (fromId === intoId) throw new ValidationError('Cannot merge a customer into itself');
  return inTransaction(db, async (tx) => {
    const [from, into] = await Promise.all([
      tx.customer.findUnique({ where: { id: fromId } }),
      tx.customer.findUnique({ where: { id: intoId } }),
    ]);
    if (!from || !into) throw new NotFoundError('Both customers must exist to merge them');
    const where = { customerId: fromId };
    const data = { customerId: intoId };
    await tx.contactPoint.updateMany({ where, data });
    await tx.asset.updateMany({ where, data });
    await tx.conversation.updateMany({ where, data });
    await tx.message.updateMany({ where, data });
    await tx.survey.updateMany({ where, data });
    await tx.followUp.updateMany({ where, data });
    await tx.callLog.updateMany({ where, data });
    const tickets = await tx.ticket.findMany({ where, select: { id: true } });
    await tx.ticket.updateMany({ where, data });
    await tx.ticketEvent.createMany({
      data: tickets.map((t) => ({ ticketId: t.id, actor, kind: 'customer_merged', from: fromId, to: intoId, reason: reason ?? null, at: now })),
    });
    await tx.accessAudit.create({
      data: {
        actor,
        staffId: actor.startsWith('staff:') ? actor.slice('staff:'.length) : null,
        action: 'customer_merged',
        customerId: intoId,
        reason: reason ?? null,
        detail: { from: fromId, into: intoId, tickets: tickets.map((t) => t.id) },
        at: now,
      },
    });
    await tx.customer.update({ where: { id: fromId }, data: { mergedIntoId: intoId } });
    return tx.customer.update({
      where: { id: intoId },
      data: {
        name: into.name ?? from.name,
        company: into.company ?? from.company,
        language: into.language ?? from.language,
        isProjectCustomer: into.isProjectCustomer || from.isProjectCustomer,
        optOutSms: into.optOutSms || from.optOutSms,
        optOutEmail: into.optOutEmail || from.optOutEmail,
        optOutSurveys: into.optOutSurveys || from.optOutSurveys,
      },
    });
  });
}
