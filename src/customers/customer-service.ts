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

export async function updateCustomerProfile(
  db: Db,
  customerId: string,
  data: Pick<Prisma.CustomerUpdateInput, 'name' | 'company' | 'language' | 'isProjectCustomer' | 'optOutSms' | 'optOutEmail' | 'optOutSurveys' | 'lastContactAt'>,
): Promise<Customer> {
  return db.customer.update({ where: { id: customerId }, data });
}

/**
 * Merges `fromId` into `intoId`: every contact point, asset, conversation, ticket, message, survey,
 * follow-up and call moves over, and the old record points at the survivor. Nothing is deleted.
 */
export async function mergeCustomers(db: Db, fromId: string, intoId: string, actor: string): Promise<Customer> {
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
      data: tickets.map((t) => ({ ticketId: t.id, actor, kind: 'customer_merged', from: fromId, to: intoId })),
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
