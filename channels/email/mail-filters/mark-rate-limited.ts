import type { MailFilter } from '../mail-filter-chain.js';

/** Breaks mail loops with robots the other filters miss: at most N stored mails per sender per hour. */
export const markRateLimited: MailFilter = (mail, notes, ctx) => {
  if (notes.ignore || notes.quarantine || ctx.recentFromSender < ctx.maxPerSenderPerHour) return notes;
  return {
    ...notes,
    quarantine: { kind: 'rate-limited', reason: `${mail.from?.address ?? 'sender'} sent ${ctx.recentFromSender} mails in the last hour (limit ${ctx.maxPerSenderPerHour})` },
  };
};
