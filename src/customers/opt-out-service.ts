import type { Customer } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';
import { inTransaction } from '../db/transaction.js';
import { silentEvents, type EventBus } from '../events/event-bus.js';
import type { ChannelKind } from '../messages/channel-kind.js';
import { identifyCustomer } from './customer-service.js';

export type SmsKeyword = 'stop' | 'start' | 'help';

/**
 * Twilio's own opt-out keywords (it blocks or unblocks the number itself on STOP/START for long codes),
 * mirrored so our flags agree with what the carrier will deliver, plus the Chinese words customers use.
 * A keyword counts only as the whole message, case and surrounding punctuation ignored.
 */
const KEYWORDS: Record<SmsKeyword, readonly string[]> = {
  stop: ['stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit', 'optout', 'revoke', '退訂', '退订', '取消訂閱', '取消订阅'],
  start: ['start', 'unstop', 'yes', '訂閱', '订阅', '恢復訂閱', '恢复订阅'],
  help: ['help', 'info', '說明', '说明'],
};

export function smsKeyword(text: string): SmsKeyword | null {
  const word = text
    .normalize('NFKC')
    .trim()
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '')
    .toLowerCase();
  if (!word || word.length > 20) return null;
  for (const [keyword, words] of Object.entries(KEYWORDS) as [SmsKeyword, readonly string[]][]) {
    if (words.includes(word)) return keyword;
  }
  return null;
}

export type OptOutContext = { now: Date; events?: EventBus; channel?: ChannelKind };

/**
 * STOP: no more proactive SMS and no surveys (a customer who tells us to stop texting does not want to be
 * surveyed elsewhere either); emits `customer.opted_out`. START: SMS allowed again; surveys stay off until
 * the customer or staff turn them back on, since that wish may predate the STOP.
 */
export async function applySmsKeyword(
  db: Db,
  input: { phone: string; keyword: Exclude<SmsKeyword, 'help'> },
  ctx: OptOutContext,
): Promise<{ customer: Customer; changed: boolean }> {
  const events = ctx.events ?? silentEvents;
  return inTransaction(db, async (tx) => {
    const { customer } = await identifyCustomer(tx, { kind: 'phone', address: input.phone });
    if (input.keyword === 'stop') {
      if (customer.optOutSms && customer.optOutSurveys) return { customer, changed: false };
      const updated = await tx.customer.update({ where: { id: customer.id }, data: { optOutSms: true, optOutSurveys: true } });
      await events.emit(tx, 'customer.opted_out', { customerId: customer.id, channel: ctx.channel ?? 'sms' }, ctx.now);
      return { customer: updated, changed: true };
    }
    if (!customer.optOutSms) return { customer, changed: false };
    const updated = await tx.customer.update({ where: { id: customer.id }, data: { optOutSms: false } });
    return { customer: updated, changed: true };
  });
}

/** Whether a proactive message of this purpose may go to the customer by SMS. Replies to their own message always may. */
export function maySendSms(customer: Pick<Customer, 'optOutSms' | 'optOutSurveys'>, purpose: string): boolean {
  if (purpose === 'reply') return true;
  if (customer.optOutSms) return false;
  return !(purpose === 'survey' && customer.optOutSurveys);
}
