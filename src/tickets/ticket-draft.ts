import type { Db } from '../db/db.js';
import { NotFoundError } from '../errors/app-error.js';
import type { Complexity, TicketCategory, Urgency } from '../generated/prisma/enums.js';

/** A new ticket's fields as far as the bot collected them; staff correct and submit. */
export type TicketDraft = {
  category: TicketCategory;
  urgency: Urgency;
  complexity: Complexity;
  title?: string;
  problem: string;
  contactName?: string;
  company?: string;
  contactPhone?: string;
  contactEmail?: string;
  productModel?: string;
  serial?: string;
  purchaseDate?: string;
  siteAddress?: string;
  /** Where each value came from: the intake dialog's answers, the understanding of messages, the customer record. */
  sources: Record<string, 'intake' | 'understanding' | 'customer'>;
};

type Understood = {
  category?: TicketCategory;
  urgency?: Urgency;
  complexity?: Complexity;
  act?: string | null;
  entities?: Record<string, string | undefined>;
};

type IntakeValues = Partial<Record<'name' | 'company' | 'productModel' | 'serial' | 'purchaseDate' | 'problem' | 'siteAddress' | 'phone' | 'email', string>>;

/** The intake dialog's answers (`values`) in the conversation's saved bot state, if it got that far. */
function intakeValues(state: unknown, depth = 0): { values: IntakeValues; category?: TicketCategory } | null {
  if (!state || typeof state !== 'object' || depth > 12) return null;
  const o = state as Record<string, unknown>;
  const options = o.options as { category?: TicketCategory } | undefined;
  if (o.values && typeof o.values === 'object' && options?.category) return { values: o.values as IntakeValues, category: options.category };
  for (const child of Object.values(o)) {
    const found = intakeValues(child, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Prefills a ticket for a conversation from what the bot collected: the intake dialog's answers when it
 * was interrupted, else the understanding of the customer's messages (category, urgency, complexity,
 * product, serial, contact), and the customer record for name and company.
 */
export async function ticketDraft(db: Db, conversationId: string): Promise<TicketDraft> {
  const conversation = await db.conversation.findUnique({ where: { id: conversationId }, include: { customer: { include: { contacts: true } } } });
  if (!conversation) throw new NotFoundError(`No conversation ${conversationId}`);
  const inbound = await db.message.findMany({ where: { conversationId, direction: 'inbound' }, orderBy: [{ seq: 'asc' }], take: 200 });
  const sources: TicketDraft['sources'] = {};
  const draft: Partial<TicketDraft> = {};
  const set = <K extends keyof TicketDraft>(key: K, value: TicketDraft[K] | undefined | null, source: TicketDraft['sources'][string]) => {
    if (value === undefined || value === null || value === '' || draft[key] !== undefined) return;
    draft[key] = value;
    sources[key] = source;
  };

  // The thread key finds the conversation's bot state; it is read here and never returned.
  const states = await db.botState.findMany({ where: { key: { contains: conversation.threadKey } }, select: { data: true } });
  for (const s of states) {
    const intake = intakeValues(s.data);
    if (!intake) continue;
    const v = intake.values;
    set('category', intake.category, 'intake');
    set('problem', v.problem, 'intake');
    set('contactName', v.name, 'intake');
    set('company', v.company, 'intake');
    set('productModel', v.productModel, 'intake');
    set('serial', v.serial, 'intake');
    set('purchaseDate', v.purchaseDate, 'intake');
    set('siteAddress', v.siteAddress, 'intake');
    set('contactPhone', v.phone, 'intake');
    set('contactEmail', v.email, 'intake');
  }

  // Newest understanding first: what the customer said last counts most.
  const service = inbound.filter((m) => {
    const u = m.understanding as Understood | null;
    return !u?.act;
  });
  for (const m of [...inbound].reverse()) {
    const u = (m.understanding ?? {}) as Understood;
    if (!u.act) {
      set('category', u.category, 'understanding');
      set('urgency', u.urgency, 'understanding');
      set('complexity', u.complexity, 'understanding');
    }
    const e = u.entities ?? {};
    set('productModel', e.productModel, 'understanding');
    set('serial', e.serial, 'understanding');
    set('purchaseDate', e.purchaseDate, 'understanding');
    set('contactPhone', e.phone, 'understanding');
    set('contactEmail', e.email, 'understanding');
  }
  set('problem', service.map((m) => m.text.trim()).filter(Boolean).slice(0, 5).join('\n'), 'understanding');

  const customer = conversation.customer;
  set('contactName', customer?.name, 'customer');
  set('company', customer?.company, 'customer');
  set('contactPhone', customer?.contacts.find((c) => c.kind === 'phone')?.address, 'customer');
  set('contactEmail', customer?.contacts.find((c) => c.kind === 'email')?.address, 'customer');

  return {
    ...draft,
    category: draft.category ?? 'inquiry',
    urgency: draft.urgency ?? 'normal',
    complexity: draft.complexity ?? 'general',
    problem: draft.problem ?? '',
    sources,
  };
}
