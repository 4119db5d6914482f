import type { MailFilter } from '../mail-filter-chain.js';

/** Without a readable From address there is nobody to answer or to file the mail under. */
export const markNoSender: MailFilter = (mail, notes) =>
  mail.from ? notes : { ...notes, quarantine: { kind: 'no-sender', reason: 'no readable From address' } };
