import type { MailReceipt } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';
import { isUniqueViolation } from '../db/transaction.js';
import { findCustomerByContact } from '../customers/customer-service.js';

/** Where a mail sits on the server: (mailbox, UIDVALIDITY, UID) names it until the mailbox is rebuilt. */
export type ReceiptKey = { mailbox: string; uidValidity: bigint; uid: number };

export type ReceiptOutcome = 'stored' | 'ignored' | 'quarantined' | 'failed';

function whereKey(key: ReceiptKey) {
  return { mailbox_uidValidity_uid: { mailbox: key.mailbox, uidValidity: key.uidValidity, uid: key.uid } };
}

export function findReceipt(db: Db, key: ReceiptKey): Promise<MailReceipt | null> {
  return db.mailReceipt.findUnique({ where: whereKey(key) });
}

/** Records what became of a mail; a second record for the same key keeps the first (a racing reprocess). */
export async function recordReceipt(
  db: Db,
  key: ReceiptKey,
  data: { messageId: string; outcome: ReceiptOutcome; reason?: string; at: Date },
): Promise<MailReceipt> {
  try {
    return await db.mailReceipt.create({
      data: { ...key, messageId: data.messageId, outcome: data.outcome, reason: data.reason?.slice(0, 1000), createdAt: data.at },
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return db.mailReceipt.findUniqueOrThrow({ where: whereKey(key) });
  }
}

/** The highest UID already settled in this mailbox generation: newer UIDs are fetched even if someone read them. */
export async function lastReceiptUid(db: Db, mailbox: string, uidValidity: bigint): Promise<number | null> {
  const top = await db.mailReceipt.findFirst({ where: { mailbox, uidValidity }, orderBy: { uid: 'desc' }, select: { uid: true } });
  return top?.uid ?? null;
}

/** Inbound e-mails stored from this address since `since` (the per-sender rate limit). */
export async function countRecentMailFrom(db: Db, address: string, since: Date): Promise<number> {
  const customer = await findCustomerByContact(db, 'email', address);
  if (!customer) return 0;
  return db.message.count({ where: { customerId: customer.id, channel: 'email', direction: 'inbound', createdAt: { gte: since } } });
}
