import type { MailFilter } from '../mail-filter-chain.js';

const DAEMON = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;

/** Delivery reports: multipart/report or mail from the mailer daemon / postmaster. */
export const markBounce: MailFilter = (mail, notes) => {
  if (notes.ignore) return notes;
  if (mail.contentType === 'multipart/report') return { ...notes, ignore: { kind: 'bounce', reason: 'multipart/report delivery report' } };
  if (mail.from && DAEMON.test(mail.from.address)) return { ...notes, ignore: { kind: 'bounce', reason: `sent by ${mail.from.address}` } };
  return notes;
};
