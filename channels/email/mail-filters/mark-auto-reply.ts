import type { MailFilter } from '../mail-filter-chain.js';
import { header, type InboundMail } from '../mail-parser.js';

const AUTO_SUBJECT = /^\s*(auto(matic)?[ -]?(reply|response)|out of (the )?office|abwesenheitsnotiz|自動回覆|自动回复|自動回复|休假通知)\s*[:：]/i;

/** Each check returns the reason it matched, or nothing. */
const checks: readonly ((mail: InboundMail) => string | undefined)[] = [
  (mail) => {
    const value = header(mail, 'auto-submitted')?.toLowerCase().trim();
    return value && !value.startsWith('no') ? `Auto-Submitted: ${value}` : undefined;
  },
  (mail) => (header(mail, 'precedence')?.toLowerCase().trim().startsWith('auto_reply') ? 'Precedence: auto_reply' : undefined),
  (mail) => (header(mail, 'x-autoreply') !== undefined ? 'X-Autoreply header' : undefined),
  (mail) => (header(mail, 'x-autorespond') !== undefined ? 'X-Autorespond header' : undefined),
  (mail) => (header(mail, 'x-loop') !== undefined ? 'X-Loop header' : undefined),
  (mail) => (header(mail, 'return-path')?.trim() === '<>' ? 'null Return-Path' : undefined),
  (mail) => (AUTO_SUBJECT.test(mail.subject) ? `automatic-reply subject "${mail.subject.slice(0, 60)}"` : undefined),
];

/** Vacation notices and other automatic answers (RFC 3834 and the common vendor headers). */
export const markAutoReply: MailFilter = (mail, notes) => {
  if (notes.ignore) return notes;
  for (const check of checks) {
    const reason = check(mail);
    if (reason) return { ...notes, ignore: { kind: 'auto-reply', reason } };
  }
  return notes;
};
