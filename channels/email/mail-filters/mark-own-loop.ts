import type { MailFilter } from '../mail-filter-chain.js';
import { header } from '../mail-parser.js';

/** Our own outbound mail coming back (a redirect to the support box, a customer's rule): never answered. */
export const markOwnLoop: MailFilter = (mail, notes, ctx) => {
  if (notes.ignore) return notes;
  const from = mail.from?.address;
  if (from && ctx.ownAddresses.includes(from)) return { ...notes, ignore: { kind: 'own-loop', reason: `sent from our own address ${from}` } };
  if (header(mail, 'x-aftercare-outbound')) return { ...notes, ignore: { kind: 'own-loop', reason: 'carries our X-Aftercare-Outbound header' } };
  return notes;
};
