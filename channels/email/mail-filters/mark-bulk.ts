import type { MailFilter } from '../mail-filter-chain.js';
import { header } from '../mail-parser.js';

/** Newsletters and mailing lists: Precedence bulk/junk/list, or list headers. */
export const markBulk: MailFilter = (mail, notes) => {
  if (notes.ignore) return notes;
  const precedence = header(mail, 'precedence')?.toLowerCase().trim();
  if (precedence && /^(bulk|junk|list)\b/.test(precedence)) return { ...notes, ignore: { kind: 'bulk', reason: `Precedence: ${precedence}` } };
  if (header(mail, 'list-id') !== undefined) return { ...notes, ignore: { kind: 'bulk', reason: 'mailing list (List-Id)' } };
  if (header(mail, 'list-unsubscribe') !== undefined) return { ...notes, ignore: { kind: 'bulk', reason: 'bulk mail (List-Unsubscribe)' } };
  return notes;
};
