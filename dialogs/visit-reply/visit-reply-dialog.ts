import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogTurnResult, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import { formatVisitTime } from '../../src/visits/visit-texts.js';
import { HANDOFF_DIALOG, type HandoffOptions } from '../handoff/handoff-dialog.js';
import { reply, say } from '../shared/say.js';
import type { BotServices, PendingVisitQuestion } from '../shared/services.js';
import { turnInfo, type TurnInfo } from '../shared/turn-info.js';
import { readProposalAnswer, readQuoteAnswer, type ProposalAnswer } from './visit-reply-answer.js';
export { mayBeVisitAnswer } from './visit-reply-answer.js';
import { visitReplyTexts } from './visit-reply-texts.js';

export const VISIT_REPLY_DIALOG = 'visit-reply';
const WHICH_PROMPT = 'visit-reply.which';

/** The question the customer is answering and what their message said; plain data (kept in dialog state). */
export type VisitReplyOptions = { question: PendingVisitQuestion; text: string; proposal?: ProposalAnswer; accepted?: boolean };

/**
 * What a message means as an answer to the pending visit question, or undefined when it is not one (then
 * the message is routed as any other). Root asks this before it routes.
 */
export function visitReplyOf(question: PendingVisitQuestion, text: string, info: Pick<TurnInfo, 'now' | 'timeZone'>): VisitReplyOptions | undefined {
  if (question.kind === 'quote') {
    const accepted = readQuoteAnswer(text);
    return accepted === undefined ? undefined : { question, text, accepted };
  }
  const proposal = readProposalAnswer(text, question.proposals, info);
  return proposal ? { question, text, proposal } : undefined;
}

/**
 * The customer answers visit times or a quote staff sent on their channel: a time they picked is confirmed,
 * "none of them" and a refused quote go to staff as a task, an accepted quote lets the work start. When
 * several offered times fit what they said, they are asked once which one; still unclear, a person takes over.
 */
export class VisitReplyDialog extends ComponentDialog {
  constructor(private readonly services: Pick<BotServices, 'answerVisit' | 'requestHandoff' | 'staffReplyTime'>) {
    super(VISIT_REPLY_DIALOG);
    this.addDialog(new WaterfallDialog(VISIT_REPLY_DIALOG + '.steps', [this.answered.bind(this), this.clarified.bind(this)]));
    this.addDialog(
      new TextPrompt(WHICH_PROMPT, async (prompt: PromptValidatorContext<string>) => {
        const o = prompt.options.validations as VisitReplyOptions;
        const again = o.question.kind === 'proposal' ? readProposalAnswer(prompt.recognized.value ?? '', o.question.proposals, turnInfo(prompt.context)) : undefined;
        return (again !== undefined && again.kind !== 'which') || prompt.attemptCount >= 2;
      }),
    );
  }

  private async answered(step: WaterfallStepContext<VisitReplyOptions>): Promise<DialogTurnResult> {
    const o = step.options;
    const q = o.question;
    if (q.kind === 'quote') return this.quote(step, q, o.accepted === true, o.text);
    if (o.proposal && o.proposal.kind !== 'which') return this.proposal(step, q, o.proposal, o.text);
    const { language, timeZone } = turnInfo(step.context);
    const candidates = o.proposal?.candidates ?? q.proposals.map((_, i) => i);
    const list = candidates.map((i) => `${i + 1}. ${formatVisitTime(new Date(q.proposals[i]!), language, timeZone)}`).join('\n');
    const text = visitReplyTexts[language].which(q.ticketNumber, list);
    const choices = candidates.map((i) => String(i + 1));
    return step.prompt(WHICH_PROMPT, {
      prompt: reply(step.context, text, { choices, expectInput: true }),
      retryPrompt: reply(step.context, text, { choices, expectInput: true }),
      validations: o,
    });
  }

  private async clarified(step: WaterfallStepContext<VisitReplyOptions>): Promise<DialogTurnResult> {
    const o = step.options;
    const info = turnInfo(step.context);
    const text = typeof step.result === 'string' ? step.result : '';
    const again = o.question.kind === 'proposal' ? readProposalAnswer(text, o.question.proposals, info) : undefined;
    if (o.question.kind === 'proposal' && again && again.kind !== 'which') return this.proposal(step, o.question, again, text);
    await say(step.context, visitReplyTexts[info.language].notSure(o.question.ticketNumber));
    return step.replaceDialog(HANDOFF_DIALOG, { reason: 'visit_answer_unclear', ticketId: o.question.ticketId, ticketNumber: o.question.ticketNumber } satisfies HandoffOptions);
  }

  private async proposal(step: WaterfallStepContext<VisitReplyOptions>, q: Extract<PendingVisitQuestion, { kind: 'proposal' }>, answer: Exclude<ProposalAnswer, { kind: 'which' }>, text: string): Promise<DialogTurnResult> {
    const { language, timeZone } = turnInfo(step.context);
    const t = visitReplyTexts[language];
    if (answer.kind === 'none') {
      await this.services.answerVisit({ kind: 'no_time_fits', visitId: q.visitId, text });
      await say(step.context, t.noTimeFits(q.ticketNumber));
      return step.endDialog();
    }
    const at = q.proposals[answer.index]!;
    await this.services.answerVisit({ kind: 'time', visitId: q.visitId, at });
    await say(step.context, t.confirmed(q.ticketNumber, formatVisitTime(new Date(at), language, timeZone)), { meta: { ticketNumber: q.ticketNumber } });
    return step.endDialog();
  }

  private async quote(step: WaterfallStepContext<VisitReplyOptions>, q: PendingVisitQuestion, accepted: boolean, text: string): Promise<DialogTurnResult> {
    const t = visitReplyTexts[turnInfo(step.context).language];
    await this.services.answerVisit({ kind: 'quote', visitId: q.visitId, accepted, text });
    await say(step.context, accepted ? t.quoteAccepted(q.ticketNumber) : t.quoteRefused(q.ticketNumber), { meta: { ticketNumber: q.ticketNumber } });
    return step.endDialog();
  }
}
