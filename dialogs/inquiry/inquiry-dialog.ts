import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Language } from '../../src/messages/channel-kind.js';
import type { Entities } from '../../src/understanding/understanding-schema.js';
import { INTAKE_DIALOG, type IntakeOptions } from '../intake/intake-dialog.js';
import { say, sentences } from '../shared/say.js';
import type { BotServices } from '../shared/services.js';
import { turnInfo } from '../shared/turn-info.js';

export const INQUIRY_DIALOG = 'inquiry';

export type InquiryOptions = { text: string; entities?: Entities };

const more: Record<Language, string> = {
  en: 'Is there anything else I can help you with?',
  'zh-Hant': '請問還有其他需要為您服務的地方嗎？',
  'zh-Hans': '请问还有其他需要为您服务的地方吗？',
};

/**
 * Answers simple questions at once from the knowledge base. The answer is logged on the bot's reply
 * (`meta.kbTopic`, kept in Message.raw), so staff see it in the transcript and reports can count topics
 * without a ticket per question. A question the knowledge base cannot answer becomes an inquiry ticket.
 */
export class InquiryDialog extends Dialog<InquiryOptions> {
  constructor(private readonly services: Pick<BotServices, 'knowledgeBase'>) {
    super(INQUIRY_DIALOG);
  }

  override async beginDialog(dc: DialogContext, options?: InquiryOptions): Promise<DialogTurnResult> {
    const text = options?.text ?? dc.context.activity.text ?? '';
    const topic = this.services.knowledgeBase.match(text);
    if (!topic) {
      const intake: IntakeOptions = { category: 'inquiry', problem: text, entities: options?.entities };
      return dc.replaceDialog(INTAKE_DIALOG, intake);
    }
    const { language } = turnInfo(dc.context);
    const answer = this.services.knowledgeBase.answer(topic, language);
    await say(dc.context, sentences(dc.context, answer, more[language]), { meta: { kbTopic: topic.id, answeredBy: 'knowledge-base' }, expectInput: true });
    return dc.endDialog({ answered: topic.id });
  }
}
