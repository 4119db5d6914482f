import type { Ticket } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';
import { inTransaction } from '../db/transaction.js';
import { getTicket } from './ticket-service.js';

/** Details a customer can add to their own ticket after it is opened (the e-mail intake asks for them in one list). */
export type TicketDetails = {
  contactName?: string;
  contactPhone?: string;
  productModel?: string;
  serial?: string;
  /** As precise as the customer gave it: YYYY-MM-DD, YYYY-MM or YYYY. */
  purchaseDate?: string;
  siteAddress?: string;
  province?: string;
};
export type TicketDetailField = keyof Omit<TicketDetails, 'province'>;

export type TicketDetailsView = {
  id: string;
  number: string;
  category: Ticket['category'];
  details: TicketDetails;
  /** The fields last asked of the customer, in the order they were listed (numbered answers refer to it). */
  requested: TicketDetailField[];
};

export type DatePrecision = 'day' | 'month' | 'year';

/** "2024-05" → its first day with precision month, for the ticket's date and precision columns. */
export function storedDate(value: string): { date: Date; precision: DatePrecision } {
  const [y, m, d] = value.split('-');
  const precision = d ? 'day' : m ? 'month' : 'year';
  return { date: new Date(`${y}-${m ?? '01'}-${d ?? '01'}T00:00:00Z`), precision };
}

/** The stored date back as the customer gave it: a month stays "2024-05", never the 1st. */
function shownDate(date: Date, precision: DatePrecision | null): string {
  const iso = date.toISOString();
  return precision === 'year' ? iso.slice(0, 4) : precision === 'month' ? iso.slice(0, 7) : iso.slice(0, 10);
}

const FIELDS: readonly TicketDetailField[] = ['contactName', 'contactPhone', 'productModel', 'serial', 'purchaseDate', 'siteAddress'];

function detailsOf(ticket: Ticket): TicketDetails {
  return {
    contactName: ticket.contactName ?? undefined,
    contactPhone: ticket.contactPhone ?? undefined,
    productModel: ticket.productModel ?? undefined,
    serial: ticket.serial ?? undefined,
    purchaseDate: ticket.purchaseDate ? shownDate(ticket.purchaseDate, ticket.purchaseDatePrecision) : undefined,
    siteAddress: ticket.siteAddress ?? undefined,
    province: ticket.province ?? undefined,
  };
}

export async function ticketDetails(db: Db, ticketId: string): Promise<TicketDetailsView> {
  const ticket = await getTicket(db, ticketId);
  const asked = await db.ticketEvent.findFirst({ where: { ticketId, kind: 'details_requested' }, orderBy: { seq: 'desc' } });
  const fields = (asked?.data as { fields?: unknown } | null)?.fields;
  const requested = Array.isArray(fields) ? fields.filter((f): f is TicketDetailField => FIELDS.includes(f as TicketDetailField)) : [];
  return { id: ticket.id, number: ticket.number, category: ticket.category, details: detailsOf(ticket), requested };
}

/** Notes on the ticket which details were asked of the customer, so their numbered answer can be read. */
export async function recordDetailsRequested(db: Db, ticketId: string, fields: readonly TicketDetailField[], ctx: { now: Date; actor: string }): Promise<void> {
  await db.ticketEvent.create({ data: { ticketId, at: ctx.now, actor: ctx.actor, kind: 'details_requested', data: { fields: [...fields] } } });
}

/**
 * Adds details the customer sent later. Only empty fields are filled: what the customer or staff already
 * recorded is never overwritten by a later message. One `details_added` event lists what was filled.
 */
export async function fillTicketDetails(db: Db, ticketId: string, values: TicketDetails, ctx: { now: Date; actor: string }): Promise<TicketDetailField[]> {
  return inTransaction(db, async (tx) => {
    const current = detailsOf(await getTicket(tx, ticketId));
    const filled = FIELDS.filter((f) => values[f] && !current[f]);
    if (filled.length === 0) return [];
    const data: Record<string, unknown> = {};
    for (const f of filled) data[f] = values[f];
    if (filled.includes('purchaseDate')) {
      const stored = storedDate(values.purchaseDate!);
      data.purchaseDate = stored.date;
      data.purchaseDatePrecision = stored.precision;
    }
    if (filled.includes('siteAddress') && values.province && !current.province) data.province = values.province;
    await tx.ticket.update({ where: { id: ticketId }, data });
    await tx.ticketEvent.create({
      data: { ticketId, at: ctx.now, actor: ctx.actor, kind: 'details_added', data: Object.fromEntries(filled.map((f) => [f, values[f]!])) },
    });
    return filled;
  });
}

/**
 * Replaces details the customer corrected ("sorry, the model is actually RAS-50NK"), filled or not. One
 * `details_corrected` event keeps each old and new value, so staff see what changed and from what.
 */
export async function correctTicketDetails(db: Db, ticketId: string, values: TicketDetails, ctx: { now: Date; actor: string }): Promise<TicketDetailField[]> {
  return inTransaction(db, async (tx) => {
    const current = detailsOf(await getTicket(tx, ticketId));
    const changed = FIELDS.filter((f) => values[f] && values[f] !== current[f]);
    if (changed.length === 0) return [];
    const data: Record<string, unknown> = {};
    for (const f of changed) data[f] = values[f];
    if (changed.includes('purchaseDate')) {
      const stored = storedDate(values.purchaseDate!);
      data.purchaseDate = stored.date;
      data.purchaseDatePrecision = stored.precision;
    }
    if (changed.includes('siteAddress')) data.province = values.province ?? null;
    await tx.ticket.update({ where: { id: ticketId }, data });
    await tx.ticketEvent.create({
      data: { ticketId, at: ctx.now, actor: ctx.actor, kind: 'details_corrected', data: Object.fromEntries(changed.map((f) => [f, { from: current[f] ?? null, to: values[f]! }])) },
    });
    return changed;
  });
}
