import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { say } from '../shared/say.js';
import type { BotServices } from '../shared/services.js';
import { turnInfo } from '../shared/turn-info.js';
import { handoffTexts, whenStaffReply } from './handoff-texts.js';

export const HANDOFF_DIALOG = 'handoff';

export type HandoffOptions = {
  reason: string;
  ticketId?: string | null;
  ticketNumber?: string;
  /** The ticket holds a report the customer did not finish; `note` tells staff what is missing. */
  keptReport?: boolean;
  /** The customer asked about the ticket: their question is noted on it for staff. */
  question?: boolean;
  note?: string;
};

/**
 * Records the handoff (conversation waiting for staff, notices to on-duty staff, event) and tells the
 * customer when a person will answer (business hours); until staff hand the conversation back, each
 * further message only gets an acknowledgement (waiting-reply.ts).
 */
export class HandoffDialog extends Dialog<HandoffOptions> {
  constructor(private readonly services: Pick<BotServices, 'requestHandoff' | 'staffReplyTime'>) {
    super(HANDOFF_DIALOG);
  }

  override async beginDialog(dc: DialogContext, options?: HandoffOptions): Promise<DialogTurnResult> {
    const info = turnInfo(dc.context);
    const reason = options?.reason ?? 'customer_request';
    const ticketId = options?.ticketId ?? info.conversation.ticketId;
    await this.services.requestHandoff({ conversationId: info.conversation.id, ticketId, reason, note: options?.note });
    const t = handoffTexts(info.language);
    const when = whenStaffReply(info.language, await this.services.staffReplyTime(ticketId), info.timeZone);
    const n = options?.ticketNumber;
    const text = n ? (options?.question ? t.question(n, when) : options?.keptReport ? t.keptReport(n, when) : t.withTicket(n, when)) : t.connecting(when);
    await say(dc.context, text, { meta: { handoff: true, handoffReason: reason, ...(n ? { ticketNumber: n } : {}) } });
    return dc.endDialog({ handedOff: true });
  }
}
