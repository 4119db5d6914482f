import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Language } from '../../src/messages/channel-kind.js';
import { say } from '../shared/say.js';
import type { BotServices } from '../shared/services.js';
import { turnInfo } from '../shared/turn-info.js';

export const HANDOFF_DIALOG = 'handoff';

export type HandoffOptions = { reason: string; ticketId?: string | null; ticketNumber?: string };

const texts: Record<Language, { connecting: string; withTicket: (n: string) => string }> = {
  en: {
    connecting: 'I am passing you to a colleague, who will reply here as soon as possible. Thank you for your patience.',
    withTicket: (n) => `Your ticket number is ${n}. I am passing you to a colleague, who will reply here as soon as possible. Thank you for your patience.`,
  },
  'zh-Hant': {
    connecting: '我將為您轉接專人服務，同仁會儘快在此回覆您，感謝您的耐心等候。',
    withTicket: (n) => `您的工單編號是 ${n}。我將為您轉接專人服務，同仁會儘快在此回覆您，感謝您的耐心等候。`,
  },
  'zh-Hans': {
    connecting: '我将为您转接人工客服，同事会尽快在此回复您，感谢您的耐心等待。',
    withTicket: (n) => `您的工单编号是 ${n}。我将为您转接人工客服，同事会尽快在此回复您，感谢您的耐心等待。`,
  },
};

/**
 * Records the handoff (conversation waiting for staff, notices to on-duty staff, event) and tells the
 * customer; from the next message on the bot stays quiet until staff hand the conversation back.
 */
export class HandoffDialog extends Dialog<HandoffOptions> {
  constructor(private readonly services: Pick<BotServices, 'requestHandoff'>) {
    super(HANDOFF_DIALOG);
  }

  override async beginDialog(dc: DialogContext, options?: HandoffOptions): Promise<DialogTurnResult> {
    const info = turnInfo(dc.context);
    const reason = options?.reason ?? 'customer_request';
    await this.services.requestHandoff({ conversationId: info.conversation.id, ticketId: options?.ticketId ?? info.conversation.ticketId, reason });
    const t = texts[info.language];
    await say(dc.context, options?.ticketNumber ? t.withTicket(options.ticketNumber) : t.connecting, { meta: { handoff: true, handoffReason: reason } });
    return dc.endDialog({ handedOff: true });
  }
}
