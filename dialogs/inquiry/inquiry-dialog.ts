import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Language } from '../../src/messages/channel-kind.js';
import type { Entities } from '../../src/understanding/understanding-schema.js';
import { INTAKE_DIALOG, type IntakeOptions } from '../intake/intake-dialog.js';
import { sayKnowledgeAnswers } from './knowledge-answers.js';
import { topicsAsked } from './questions.js';
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
 * Answers simple questions at once from the knowledge base, each question of the message ("保修期多久？配件在哪里买？"
 * gets both answers, up to a few). Each answer is logged on its reply (`meta.kbTopic`, kept in Message.raw), so
 * staff see it in the transcript and reports can count topics without a ticket per question. A question the
 * knowledge base cannot answer becomes an inquiry ticket.
 */
export class InquiryDialog extends Dialog<InquiryOptions> {
  constructor(private readonly services: Pick<BotServices, 'knowledgeBase'>) {
    super(INQUIRY_DIALOG);
  }

  override async beginDialog(dc: DialogContext, options?: InquiryOptions): Promise<DialogTurnResult> {
    const text = options?.text ?? dc.context.activity.text ?? '';
    const kb = this.services.knowledgeBase;
    // What the clauses that ask are about; a request without a question form ("I need the manual for RF-450") otherwise.
    const asked = topicsAsked(text, kb, { questionsOnly: true });
    const topics = asked.length > 0 ? asked : topicsAsked(text, kb);
    if (topics.length === 0) {
      const intake: IntakeOptions = { category: 'inquiry', problem: text, entities: options?.entities };
      return dc.replaceDialog(INTAKE_DIALOG, intake);
    }
    await sayKnowledgeAnswers(dc.context, topics, kb, more[turnInfo(dc.context).language]);
    return dc.endDialog({ answered: topics.map((t) => t.id) });
  }
}
