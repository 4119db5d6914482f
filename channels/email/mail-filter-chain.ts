import type { InboundMail } from './mail-parser.js';
import { findTicketNumber } from './mail-filters/find-ticket-number.js';
import { markAutoReply } from './mail-filters/mark-auto-reply.js';
import { markBounce } from './mail-filters/mark-bounce.js';
import { markBulk } from './mail-filters/mark-bulk.js';
import { markForward } from './mail-filters/mark-forward.js';
import { markNoSender } from './mail-filters/mark-no-sender.js';
import { markOwnLoop } from './mail-filters/mark-own-loop.js';
import { markRateLimited } from './mail-filters/mark-rate-limited.js';
import { markSuppressAutoReply } from './mail-filters/mark-suppress-auto-reply.js';

export type IgnoreKind = 'own-loop' | 'bounce' | 'auto-reply' | 'bulk';
export type QuarantineKind = 'no-sender' | 'rate-limited';

/** What the filters noticed about one mail. Filters only annotate; decideMail acts once at the end (zammad style). */
export type MailNotes = {
  ignore?: { kind: IgnoreKind; reason: string };
  quarantine?: { kind: QuarantineKind; reason: string };
  /** The sender asked for no automatic answers (X-Auto-Response-Suppress): store it, send nothing automatic. */
  suppressAutoReply?: boolean;
  /** A forward (Fwd:, FW:, WG:, 轉寄:, 转发:): starts a new conversation whatever its headers say. */
  forward?: boolean;
  /** A ticket number in the subject, canonical form; whether it may be followed is the threading's call. */
  ticketNumber?: string;
};

export type MailFilterContext = {
  /** Our own addresses (MAIL_FROM, the mailbox user), lower case: mail from them is a loop. */
  ownAddresses: readonly string[];
  /** Mails stored from this sender in the last hour. */
  recentFromSender: number;
  maxPerSenderPerHour: number;
};

export type MailFilter = (mail: InboundMail, notes: MailNotes, ctx: MailFilterContext) => MailNotes;

/** The order matters only for which reason is reported first; every filter sees every mail. */
export const mailFilters: readonly MailFilter[] = [
  markNoSender,
  markOwnLoop,
  markBounce,
  markAutoReply,
  markBulk,
  markSuppressAutoReply,
  markRateLimited,
  markForward,
  findTicketNumber,
];

export type MailDecision =
  | { action: 'process'; notes: MailNotes }
  | { action: 'ignore'; kind: IgnoreKind; reason: string; notes: MailNotes }
  | { action: 'quarantine'; kind: QuarantineKind; reason: string; notes: MailNotes };

/** Runs the chain and decides once: an unusable sender first, then robots, then the rate limit. */
export function decideMail(mail: InboundMail, ctx: MailFilterContext, filters: readonly MailFilter[] = mailFilters): MailDecision {
  const notes = filters.reduce<MailNotes>((acc, filter) => filter(mail, acc, ctx), {});
  if (notes.quarantine?.kind === 'no-sender') return { action: 'quarantine', ...notes.quarantine, notes };
  if (notes.ignore) return { action: 'ignore', ...notes.ignore, notes };
  if (notes.quarantine) return { action: 'quarantine', ...notes.quarantine, notes };
  return { action: 'process', notes };
}
