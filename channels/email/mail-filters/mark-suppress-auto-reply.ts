import type { MailFilter } from '../mail-filter-chain.js';
import { header } from '../mail-parser.js';

/**
 * `X-Auto-Response-Suppress` (Exchange) asks receivers not to answer automatically. It does not prove a
 * robot wrote the mail (some people's clients and ticket systems set it), so the mail is still stored on
 * a ticket, but no automatic acknowledgement goes back: staff answer it.
 */
export const markSuppressAutoReply: MailFilter = (mail, notes) => {
  const value = header(mail, 'x-auto-response-suppress')?.toLowerCase();
  if (!value || value.trim() === 'none') return notes;
  return /\b(all|autoreply|oof)\b/.test(value) ? { ...notes, suppressAutoReply: true } : notes;
};
