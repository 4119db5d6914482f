import type { MailFilter } from '../mail-filter-chain.js';

/** Fwd:, Fw:, FW:, WG: (German), TR: (French), 轉寄:, 转发:, 轉發:, after any number of Re: prefixes. */
const FORWARD = /^\s*(?:(?:re|aw|回覆|回复)\s*[:：]\s*)*(?:fwd?|wg|tr|轉寄|转发|轉發)\s*[:：]/i;

/** A forward starts a new conversation, even when its headers point at an old one. */
export const markForward: MailFilter = (mail, notes) => (FORWARD.test(mail.subject) ? { ...notes, forward: true } : notes);
