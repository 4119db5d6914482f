import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { ComplaintType } from '../../src/generated/prisma/enums.js';
import type { Language } from '../../src/messages/channel-kind.js';
import type { Entities } from '../../src/understanding/understanding-schema.js';
import { INTAKE_DIALOG, type IntakeOptions } from '../intake/intake-dialog.js';
import { answerOf, ask, AskPrompt, type AnswerSpec } from '../shared/ask-prompt.js';
import { say } from '../shared/say.js';
import type { BotServices } from '../shared/services.js';
import { turnInfo } from '../shared/turn-info.js';

export const COMPLAINT_DIALOG = 'complaint';

/** `linkedTicketId`: the earlier ticket the complaint is about, when the customer quoted its number. */
export type ComplaintOptions = { text: string; entities?: Entities; linkedTicketId?: string };

type ComplaintState = ComplaintOptions & { complaintType?: ComplaintType };

const TYPES: { value: ComplaintType; labels: string[]; cues: RegExp }[] = [
  { value: 'product_quality', labels: ['product quality', 'quality', '產品品質', '产品质量', '品質', '质量'], cues: /quality|defect|broken? again|keeps (?:breaking|failing)|still (?:broken|not working)|(?:third|fourth|fifth|\d+(?:rd|th)) time|品質|质量|瑕疵|又壞|又坏|一直壞|一直坏|還是壞|还是坏|修了.{0,4}[二兩两三四五六幾几多\d]次/i },
  { value: 'service_attitude', labels: ['service attitude', 'attitude', '服務態度', '服务态度', '態度', '态度'], cues: /attitude|rude|impolite|unfriendly|態度|态度|不禮貌|不礼貌|兇|凶/i },
  { value: 'lateness', labels: ['lateness', 'late', 'delay', '遲到', '迟到', '延誤', '延误', '拖延'], cues: /\blate\b|lateness|delay|no[- ]show|never came|遲到|迟到|延誤|延误|拖延|沒來|没来|等了/i },
  { value: 'other', labels: ['other', '其他'], cues: /$^/ },
];

const texts: Record<Language, { apology: string; askType: string; retryType: string; choices: string[] }> = {
  en: {
    apology: 'I am very sorry about your experience, and thank you for telling us.',
    askType: 'What is your complaint about?',
    retryType: 'Please choose one: product quality, service attitude, lateness or other.',
    choices: ['1 Product quality', '2 Service attitude', '3 Lateness', '4 Other'],
  },
  'zh-Hant': {
    apology: '對於這次不好的經驗，我們深感抱歉，也謝謝您告訴我們。',
    askType: '請問您要投訴的是哪一方面？',
    retryType: '請選擇：產品品質、服務態度、遲到延誤或其他。',
    choices: ['1 產品品質', '2 服務態度', '3 遲到延誤', '4 其他'],
  },
  'zh-Hans': {
    apology: '对于这次不好的体验，我们深感抱歉，也谢谢您告诉我们。',
    askType: '请问您要投诉的是哪一方面？',
    retryType: '请选择：产品质量、服务态度、迟到延误或其他。',
    choices: ['1 产品质量', '2 服务态度', '3 迟到延误', '4 其他'],
  },
};

/** Apologises, records the complaint type, opens a high-priority complaint ticket and hands off to staff. */
export class ComplaintDialog extends ComponentDialog {
  constructor(private readonly services: Pick<BotServices, 'settings'>) {
    super(COMPLAINT_DIALOG);
    this.addDialog(new WaterfallDialog(COMPLAINT_DIALOG + '.steps', [this.apologise.bind(this), this.typed.bind(this)]));
    this.addDialog(new AskPrompt());
  }

  /** Asked once: an upset customer who answers something else is not made to classify the complaint (it stays "other"). */
  private spec(): AnswerSpec {
    return { kind: 'choice', choices: TYPES.map(({ value, labels }) => ({ value, labels })), maxAttempts: 1 };
  }

  private async apologise(step: WaterfallStepContext<ComplaintState>): Promise<DialogTurnResult> {
    const t = texts[turnInfo(step.context).language];
    await say(step.context, t.apology);
    const evident = TYPES.filter((type) => type.cues.test(step.options.text));
    if (evident.length === 1) return step.next({ evident: evident[0]!.value });
    return ask(step, t.askType, t.retryType, this.spec(), t.choices);
  }

  private async typed(step: WaterfallStepContext<ComplaintState>): Promise<DialogTurnResult> {
    const evident = (step.result as { evident?: ComplaintType } | undefined)?.evident;
    let complaintType: ComplaintType = evident ?? 'other';
    if (!evident) {
      const answer = answerOf(step, step.result, this.spec());
      if (answer.status === 'ok') complaintType = answer.value as ComplaintType;
    }
    const intake: IntakeOptions = {
      category: 'complaint',
      complaintType,
      urgency: 'high',
      problem: step.options.text,
      entities: step.options.entities,
      handoffAfter: 'complaint',
      linkedTicketId: step.options.linkedTicketId,
    };
    return step.replaceDialog(INTAKE_DIALOG, intake);
  }
}
