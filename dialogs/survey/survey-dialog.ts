import { ComponentDialog, DialogTurnStatus, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { answerOf, ask, AskPrompt, type AnswerSpec } from '../shared/ask-prompt.js';
import { wayGiven } from '../shared/gives-way.js';
import { say } from '../shared/say.js';
import type { BotServices } from '../shared/services.js';
import { turnInfo } from '../shared/turn-info.js';
import { quits } from '../shared/quits.js';
import { surveyTexts, type SurveyQuestion } from './survey-texts.js';

export const SURVEY_DIALOG = 'survey';
const LOOP = 'survey.loop';

export type SurveyOptions = { surveyId: string; ticketNumber?: string };

/** `startedAt` (ISO): when the survey was sent; states stored before it was kept have none. */
type SurveyState = SurveyOptions & { index: number; dissatisfied: boolean; startedAt?: string };

/**
 * A survey left unanswered this long no longer holds the conversation: a "hi" a month later is a new
 * conversation, not a wrong answer to "how would you rate our attitude?". The policy gives no number; a week
 * covers a customer who answers after a weekend or a holiday block.
 */
const SURVEY_OPEN_MS = 7 * 24 * 60 * 60 * 1000;

/** What the survey dialog returns to the root: `quit` when the customer stopped it, `newRequest` when this message is a new request to route. */
export type SurveyResult = { completed: boolean; dissatisfied: boolean; quit?: boolean; newRequest?: boolean };

const QUESTIONS: SurveyQuestion[] = ['attitude', 'skill', 'punctuality', 'itemsCompleted', 'overall', 'suggestion'];

/**
 * The satisfaction survey a scheduled job starts proactively: five 1–5 scores and a free-text suggestion.
 * Every answer is stored as it comes (partial answers are kept); a wrong answer is asked again, and after
 * repeated wrong answers the question is left unanswered rather than handing the customer to staff.
 * Every ending thanks the customer and says goodbye in their language: the last answer, and a quit
 * ("cancel", "不要了", "算了" …) at any question, which keeps what was answered so far. A new request instead
 * of a score thanks and hands that request to the root.
 */
export class SurveyDialog extends ComponentDialog {
  constructor(private readonly services: Pick<BotServices, 'recordSurveyAnswer' | 'surveyCancelled' | 'settings'>) {
    super(SURVEY_DIALOG);
    this.addDialog(new WaterfallDialog(SURVEY_DIALOG + '.start', [this.start.bind(this)]));
    this.addDialog(new WaterfallDialog(LOOP, [this.askNext.bind(this), this.receive.bind(this)]));
    this.addDialog(new AskPrompt());
    this.initialDialogId = SURVEY_DIALOG + '.start';
  }

  /**
   * Read before the open question sees the message: a survey sent over a week ago, or closed because the customer
   * opted out, lets go; a new request sent
   * instead of a score ("the washer leaks again, please send someone") ends the survey with thanks and goes on to
   * the root as that request (the conversation goes on, so no goodbye yet); a quit ("stop" is no score, "算了" no
   * suggestion) ends it with thanks and goodbye.
   */
  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const activity = innerDc.context.activity;
    const state = innerDc.stack.find((instance) => instance.id === LOOP)?.state.options as SurveyState | undefined;
    if (activity.type !== 'message' || !state) return super.onContinueDialog(innerDc);
    const text = activity.text ?? '';
    const info = turnInfo(innerDc.context);
    // Let go without a word: what was answered is kept, and the message is routed as the new request it is.
    if (state.startedAt && info.now.getTime() - Date.parse(state.startedAt) > SURVEY_OPEN_MS) return this.giveWay(innerDc, state);
    // Closed meanwhile (the customer texted STOP, then START): the "5" that follows is no score.
    if (await this.services.surveyCancelled(state.surveyId)) return this.giveWay(innerDc, state);
    if (this.requestInstead(innerDc, state, text)) return this.giveWay(innerDc, state, surveyTexts[info.language].movedOn);
    if (quits(text, info.channel)) return this.quit(innerDc, state);
    return super.onContinueDialog(innerDc);
  }

  /** A message that is no score and reads as a new request of its own. */
  private requestInstead(innerDc: DialogContext, state: SurveyState, text: string): boolean {
    const question = QUESTIONS[state.index];
    if (!question || question === 'suggestion') return false;
    return answerOf(innerDc, text, this.spec(question)).status === 'invalid' && wayGiven(text, turnInfo(innerDc.context).understanding) === 'request';
  }

  private async giveWay(innerDc: DialogContext, state: SurveyState, saying?: string): Promise<DialogTurnResult> {
    await innerDc.cancelAllDialogs();
    if (saying) await say(innerDc.context, saying);
    return { status: DialogTurnStatus.complete, result: { completed: false, dissatisfied: state.dissatisfied, newRequest: true } satisfies SurveyResult };
  }

  private async quit(innerDc: DialogContext, state: SurveyState): Promise<DialogTurnResult> {
    await innerDc.cancelAllDialogs();
    // Quitting at the suggestion, the last question, is the same as skipping it: every score is in.
    const last = state.index === QUESTIONS.length - 1;
    const recorded = last ? await this.services.recordSurveyAnswer({ surveyId: state.surveyId, answers: {}, complete: true }) : undefined;
    const dissatisfied = state.dissatisfied || (recorded?.dissatisfied ?? false);
    const t = surveyTexts[turnInfo(innerDc.context).language];
    await say(innerDc.context, last ? (dissatisfied ? t.sorry : t.thanks) : dissatisfied ? t.stoppedUnhappy : t.stopped, { meta: { hangUp: true } });
    return { status: DialogTurnStatus.complete, result: { completed: last, dissatisfied, quit: !last } satisfies SurveyResult };
  }

  private spec(question: SurveyQuestion): AnswerSpec {
    return { kind: question === 'suggestion' ? 'text' : 'rating', optional: true, maxAttempts: this.services.settings.maxMisunderstandings + 1 };
  }

  private async start(step: WaterfallStepContext<SurveyOptions>): Promise<DialogTurnResult> {
    await say(step.context, surveyTexts[turnInfo(step.context).language].intro(step.options.ticketNumber));
    const state: SurveyState = { ...step.options, index: 0, dissatisfied: false, startedAt: turnInfo(step.context).now.toISOString() };
    return step.replaceDialog(LOOP, state);
  }

  private async askNext(step: WaterfallStepContext<SurveyState>): Promise<DialogTurnResult> {
    const state = step.options;
    const t = surveyTexts[turnInfo(step.context).language];
    const question = QUESTIONS[state.index];
    if (!question) {
      const result = await this.services.recordSurveyAnswer({ surveyId: state.surveyId, answers: {}, complete: true });
      const unhappy = result.dissatisfied || state.dissatisfied;
      await say(step.context, unhappy ? t.sorry : t.thanks, { meta: { hangUp: true } });
      return step.endDialog({ completed: true, dissatisfied: unhappy } satisfies SurveyResult);
    }
    const text = question === 'suggestion' ? t.questions[question] : t.questions[question] + t.scale;
    return ask(step, text, t.retry, this.spec(question), question === 'suggestion' ? undefined : ['1', '2', '3', '4', '5']);
  }

  private async receive(step: WaterfallStepContext<SurveyState>): Promise<DialogTurnResult> {
    const state = step.options;
    const question = QUESTIONS[state.index]!;
    const answer = answerOf(step, step.result, this.spec(question));
    if (answer.status === 'ok') {
      const last = state.index === QUESTIONS.length - 1;
      const result = await this.services.recordSurveyAnswer({ surveyId: state.surveyId, answers: { [question]: answer.value }, complete: last });
      state.dissatisfied ||= result.dissatisfied;
      if (last) {
        const t = surveyTexts[turnInfo(step.context).language];
        await say(step.context, state.dissatisfied ? t.sorry : t.thanks, { meta: { hangUp: true } });
        return step.endDialog({ completed: true, dissatisfied: state.dissatisfied } satisfies SurveyResult);
      }
    }
    state.index += 1;
    return step.replaceDialog(LOOP, state);
  }
}
