import { ComponentDialog, DialogTurnStatus, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Language } from '../../src/messages/channel-kind.js';
import { INTAKE_DIALOG, type IntakeOptions } from '../intake/intake-dialog.js';
import { ask, AskPrompt } from '../shared/ask-prompt.js';
import { quits } from '../shared/quits.js';
import { reply, say } from '../shared/say.js';
import type { BotServices } from '../shared/services.js';
import { turnInfo } from '../shared/turn-info.js';
import { FOLLOW_UP_ANSWER_PROMPT, FollowUpAnswerPrompt, readFollowUpAnswer } from './follow-up-answer.js';

export const FOLLOW_UP_DIALOG = 'follow-up';
/** The follow-up's own questions; once a problem report or a handoff takes over, they are off the stack. */
export const FOLLOW_UP_QUESTIONS = FOLLOW_UP_DIALOG + '.steps';

export type FollowUpKind = 'repair_checkin' | 'installation_call' | 'quarterly_contact';
export type FollowUpOptions = { followUpId: string; kind: FollowUpKind; ticketId?: string; ticketNumber?: string };

type FollowUpTexts = {
  ask: Record<FollowUpKind, (n?: string) => string>;
  retry: string;
  glad: string;
  describe: string;
  /** The customer would rather not answer ("no thanks", "不用了", "算了"): thanks and goodbye, nothing asked. */
  declined: string;
  yesNo: string[];
};

/**
 * What the follow-up dialog returns to the root: `declined` when the customer quit instead of answering,
 * `newRequest` when the follow-up was closed meanwhile and this message is to be routed as a new one.
 */
export type FollowUpResult = { fine?: boolean; declined?: boolean; newRequest?: boolean };

const texts: Record<Language, FollowUpTexts> = {
  en: {
    ask: {
      repair_checkin: (n) => `Hello, this is after-sales service. Is your repaired unit${n ? ` (ticket ${n})` : ''} working well? Please answer yes or no.`,
      installation_call: () => 'Hello, this is after-sales service. Is your newly installed equipment working well? Please answer yes or no.',
      quarterly_contact: () => 'Hello, this is after-sales service checking in. Is all your equipment working well? Please answer yes or no.',
    },
    retry: 'Sorry, please answer yes or no: is everything working well?',
    glad: 'We are glad to hear that. Thank you, and goodbye.',
    describe: 'I am sorry to hear that. Could you briefly describe the problem?',
    declined: 'All right. Thank you for your time; if anything is wrong with it later, just send us a message. Goodbye.',
    yesNo: ['Yes', 'No'],
  },
  'zh-Hant': {
    ask: {
      repair_checkin: (n) => `您好，這裡是售後服務。請問您送修${n ? `（工單 ${n}）` : ''}的設備使用正常嗎？請回覆「是」或「否」。`,
      installation_call: () => '您好，這裡是售後服務。請問新安裝的設備使用正常嗎？請回覆「是」或「否」。',
      quarterly_contact: () => '您好，這裡是售後服務定期關懷。請問您的設備都使用正常嗎？請回覆「是」或「否」。',
    },
    retry: '不好意思，請回覆「是」或「否」：設備使用正常嗎？',
    glad: '很高興聽到一切正常，感謝您，再見。',
    describe: '很抱歉造成您的不便，請您簡單描述一下發生的問題。',
    declined: '好的，感謝您撥冗回覆，之後如有任何問題，直接傳訊息給我們即可。再見。',
    yesNo: ['是', '否'],
  },
  'zh-Hans': {
    ask: {
      repair_checkin: (n) => `您好，这里是售后服务。请问您送修${n ? `（工单 ${n}）` : ''}的设备使用正常吗？请回复“是”或“否”。`,
      installation_call: () => '您好，这里是售后服务。请问新安装的设备使用正常吗？请回复“是”或“否”。',
      quarterly_contact: () => '您好，这里是售后服务定期回访。请问您的设备都使用正常吗？请回复“是”或“否”。',
    },
    retry: '不好意思，请回复“是”或“否”：设备使用正常吗？',
    glad: '很高兴听到一切正常，感谢您，再见。',
    describe: '很抱歉给您带来不便，请您简单描述一下遇到的问题。',
    declined: '好的，感谢您抽空回复，之后如有任何问题，直接发消息给我们即可。再见。',
    yesNo: ['是', '否'],
  },
};

/**
 * A follow-up a scheduled job starts proactively: "is it working?". The answer is read loosely ("yes, all
 * fine", "no, it's broken again"); a problem becomes a new fault ticket linked to the old one. A customer who
 * quits instead of answering ("no thanks", "cancel", "不用了", "算了") is thanked and told goodbye, like in the
 * survey: the follow-up is recorded as declined and no ticket is opened.
 */
export class FollowUpDialog extends ComponentDialog {
  constructor(private readonly services: Pick<BotServices, 'recordFollowUp' | 'followUpCancelled' | 'settings'>) {
    super(FOLLOW_UP_DIALOG);
    this.addDialog(new WaterfallDialog(FOLLOW_UP_QUESTIONS, [this.askHow.bind(this), this.answered.bind(this), this.described.bind(this)]));
    this.addDialog(new AskPrompt());
    this.addDialog(new FollowUpAnswerPrompt(services.settings.maxMisunderstandings + 1));
  }

  /**
   * Read before the open question sees the message. A follow-up closed meanwhile (an opt-out) lets go. A quit is
   * read here, since the question would take "no thanks" for "no, it is not working" and the root "cancel" for
   * a cancel with its menu; only at the follow-up's own questions: once a problem report has started, "cancel"
   * is the report's.
   */
  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const activity = innerDc.context.activity;
    const asking = innerDc.stack.find((instance) => instance.id === FOLLOW_UP_QUESTIONS);
    if (activity.type !== 'message' || !asking) return super.onContinueDialog(innerDc);
    const options = asking.state.options as FollowUpOptions;
    // At "please describe the problem" the answer (a problem) is already recorded and stays as it is.
    const unanswered = innerDc.activeDialog?.id === FOLLOW_UP_ANSWER_PROMPT;
    // Closed before an answer came (the customer texted STOP, then START): this "no" answers nothing; routed as new.
    if (unanswered && (await this.services.followUpCancelled(options.followUpId))) {
      await innerDc.cancelAllDialogs();
      return { status: DialogTurnStatus.complete, result: { newRequest: true } satisfies FollowUpResult };
    }
    if (!quits(activity.text ?? '', turnInfo(innerDc.context).channel)) return super.onContinueDialog(innerDc);
    await innerDc.cancelAllDialogs();
    if (unanswered) await this.services.recordFollowUp(options.followUpId, { outcome: 'declined' });
    await say(innerDc.context, texts[turnInfo(innerDc.context).language].declined, { meta: { hangUp: true } });
    return { status: DialogTurnStatus.complete, result: { declined: true } satisfies FollowUpResult };
  }

  private async askHow(step: WaterfallStepContext<FollowUpOptions>): Promise<DialogTurnResult> {
    const t = texts[turnInfo(step.context).language];
    return step.prompt(FOLLOW_UP_ANSWER_PROMPT, {
      prompt: reply(step.context, t.ask[step.options.kind](step.options.ticketNumber), { choices: t.yesNo, expectInput: true }),
      retryPrompt: reply(step.context, t.retry, { choices: t.yesNo, expectInput: true }),
    });
  }

  private async answered(step: WaterfallStepContext<FollowUpOptions>): Promise<DialogTurnResult> {
    const t = texts[turnInfo(step.context).language];
    const fine = readFollowUpAnswer(typeof step.result === 'string' ? step.result : '');
    if (fine === undefined) {
      await this.services.recordFollowUp(step.options.followUpId, { outcome: 'problem', notes: `unclear answer: ${String(step.result)}` });
      return step.replaceDialog('handoff', { reason: 'misunderstood', ticketId: step.options.ticketId });
    }
    if (fine) {
      await this.services.recordFollowUp(step.options.followUpId, { outcome: 'fine' });
      await say(step.context, t.glad, { meta: { hangUp: true } });
      return step.endDialog({ fine: true } satisfies FollowUpResult);
    }
    await this.services.recordFollowUp(step.options.followUpId, { outcome: 'problem', notes: 'customer reports a problem' });
    return ask(step, t.describe, t.describe, { kind: 'text', maxAttempts: 1 });
  }

  private async described(step: WaterfallStepContext<FollowUpOptions>): Promise<DialogTurnResult> {
    const problem = typeof step.result === 'string' ? step.result.trim() : '';
    const intake: IntakeOptions = { category: 'fault', problem, problemGiven: true, linkedTicketId: step.options.ticketId };
    return step.replaceDialog(INTAKE_DIALOG, intake);
  }
}
