import type { MailFilterContext } from '../../../../channels/email/mail-filter-chain.js';

export const ctx: MailFilterContext = { ownAddresses: ['service@aftercare.test'], recentFromSender: 0, maxPerSenderPerHour: 20 };
