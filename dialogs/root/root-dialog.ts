import { Dialog, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Language } from '../../src/messages/channel-kind.js';
import type { ConversationalAct, Understanding } from '../../src/understanding/understanding-schema.js';
import { COMPLAINT_DIALOG, ComplaintDialog, type ComplaintOptions } from '../complaint/complaint-dialog.js';
import { FOLLOW_UP_DIALOG, FOLLOW_UP_QUESTIONS, FollowUpDialog, type FollowUpResult } from '../follow-up/follow-up-dialog.js';
import { HANDOFF_DIALOG, HandoffDialog, type HandoffOptions } from '../handoff/handoff-dialog.js';
import { INQUIRY_DIALOG, InquiryDialog, type InquiryOptions } from '../inquiry/inquiry-dialog.js';
import { INTAKE_DIALOG, IntakeDialog, reportInProgress, type IntakeOptions } from '../intake/intake-dialog.js';
import { hazardOf } from '../intake/safety-advice.js';
import { MAIL_INTAKE_DIALOG, MailIntakeDialog } from '../mail-intake/mail-intake-dialog.js';
import { contactOnly, parseTicketReference } from '../shared/answers.js';
import type { KnowledgeBase } from '../inquiry/knowledge-base.js';
import { sayKnowledgeAnswers } from '../inquiry/knowledge-answers.js';
import { topicsAsked } from '../inquiry/questions.js';
import { common, menuChoiceOf, type MenuChoice } from '../shared/common-texts.js';
import { givenUp, InterruptibleDialog, interruptionOf } from '../shared/interruptible-dialog.js';
import { say, sentences } from '../shared/say.js';
import type { BotServices } from '../shared/services.js';
import { channelProvesIdentity, turnInfo } from '../shared/turn-info.js';
import { STATUS_DIALOG, StatusDialog, type StatusOptions, type StatusResult } from '../status/status-dialog.js';
import { SURVEY_DIALOG, SurveyDialog, type SurveyResult } from '../survey/survey-dialog.js';
import { quits } from '../shared/quits.js';
import { mayBeVisitAnswer, VISIT_REPLY_DIALOG, VisitReplyDialog, visitReplyOf } from '../visit-reply/visit-reply-dialog.js';
import { reportsFault } from './reported-fault.js';
import { asksIfBot, smallTalkOf } from './small-talk.js';
import { asksAboutTheTicket, asksTicketStatus } from '../../src/understanding/status-question.js';

export const ROOT_DIALOG = 'root';
const ROUTE = 'root.route';

/** Dialogs a scheduled job may start proactively. */
export type ProactiveDialog = 'survey' | 'follow-up';

export type RootOptions = {
  /** A proactive start: run this dialog instead of routing a message. */
  start?: { dialog: ProactiveDialog; options: object };
  handoff?: string;
  /** A report the customer cut short by asking for a person: kept as a ticket before the handoff. */
  report?: IntakeOptions;
  /** Nothing to route this turn: wait for the next message. */
  idle?: boolean;
  /** Carried between messages: unclear messages in a row. */
  misunderstandings?: number;
  /** The customer picked a menu entry; the next message is that request. */
  expect?: MenuChoice;
  /** The message that made us ask "which service?": once a service is picked, it is the request. */
  unclear?: { text: string; understanding: Understanding };
};

const GREETING = /^\s*(?:hi|hello|hey|good (?:morning|afternoon|evening)|你好|您好|哈囉|哈啰|嗨|早安|午安|晚安|喂)\s*[!！.。,，~]*\s*$/i;
const QUESTION = /[?？]|[嗎吗呢未]\s*[。!！]?\s*$|^\s*(?:how|where|what|when|which|can|could|do|does|is|are|will)\b/i;
const THANKS = /\b(?:thanks?|thank you|thx|ty|cheers)\b|謝謝|谢谢|多謝|多谢|唔該|唔该|感謝|感谢/i;

const expectTexts: Record<Language, Record<'fault' | 'question' | 'complaint', string>> = {
  en: {
    fault: 'Please describe the problem, including the product model if you know it.',
    question: 'Please go ahead with your question.',
    complaint: 'Please tell me what happened.',
  },
  'zh-Hant': { fault: '請您描述發生的問題，若知道產品型號也請一併告訴我。', question: '請說出您的問題。', complaint: '請告訴我發生了什麼事。' },
  'zh-Hans': { fault: '请您描述遇到的问题，如果知道产品型号也请一并告诉我。', question: '请说出您的问题。', complaint: '请告诉我发生了什么事。' },
};

/** What the route step leaves for the next message (kept in the waterfall's values). */
function values(step: WaterfallStepContext<RootOptions>): { carry?: RootOptions } {
  return step.values as { carry?: RootOptions };
}

/** A message that says something beyond a word or two (urgency of "1" or "ok" means nothing). */
function substantive(text: string): boolean {
  const cjk = (text.match(/[\u3400-\u9fff]/g) ?? []).length;
  return cjk >= 4 || text.trim().split(/\s+/).length >= 3;
}

/**
 * Routes each new request by what the understanding found (category, ticket number, a person asked for),
 * runs the child dialog, then waits for the next message. Help, cancel and "agent" work everywhere
 * (InterruptibleDialog). Low confidence asks once which service is meant; repeated misunderstanding hands off.
 */
export class RootDialog extends InterruptibleDialog {
  constructor(private readonly services: BotServices) {
    super(ROOT_DIALOG);
    this.addDialog(new WaterfallDialog(ROUTE, [this.route.bind(this), this.wait.bind(this), this.again.bind(this)]));
    this.addDialog(new IntakeDialog(services));
    this.addDialog(new InquiryDialog(services));
    this.addDialog(new StatusDialog(services));
    this.addDialog(new ComplaintDialog(services));
    this.addDialog(new HandoffDialog(services));
    this.addDialog(new SurveyDialog(services));
    this.addDialog(new FollowUpDialog(services));
    this.addDialog(new MailIntakeDialog(services));
    this.addDialog(new VisitReplyDialog(services));
    this.initialDialogId = ROUTE;
  }

  protected override keptOnHandoff(innerDc: DialogContext): object | undefined {
    return reportInProgress(innerDc);
  }

  protected override reportOpen(innerDc: DialogContext): boolean {
    return this.onStack(innerDc, INTAKE_DIALOG);
  }

  /**
   * "取消", "算了" in a survey or at a follow-up's question quit it: the survey keeps the answers, the follow-up
   * is recorded as declined, and each says its own thanks and goodbye.
   */
  protected override cancelReadInside(innerDc: DialogContext, text: string): boolean {
    const asking = this.onStack(innerDc, SURVEY_DIALOG) || this.onStack(innerDc, FOLLOW_UP_QUESTIONS);
    return asking && quits(text, turnInfo(innerDc.context).channel);
  }

  private onStack(innerDc: DialogContext, id: string): boolean {
    for (let current: DialogContext | undefined = innerDc; current?.activeDialog; current = current.child) {
      if (current.stack.some((instance) => instance.id === id)) return true;
    }
    return false;
  }

  /** Only the route waiting for the next message: nothing to cancel (a picked menu entry is handled by the route). */
  protected override somethingOpen(innerDc: DialogContext): boolean {
    return innerDc.activeDialog?.id !== ROUTE || !!innerDc.child?.activeDialog;
  }

  /** Mid-report, only chatter that cannot be part of it ("the remote is useless" is a fault; smallTalkOf decides). */
  protected override chatter(text: string, u: Understanding | undefined): 'banter' | 'rude' | undefined {
    if (!u || this.services.knowledgeBase.match(text)) return undefined;
    return smallTalkOf(text, u);
  }

  protected override knowledgeBase(): KnowledgeBase {
    return this.services.knowledgeBase;
  }

  protected override onHumanRequested(innerDc: DialogContext, kept?: object): Promise<DialogTurnResult> {
    return innerDc.beginDialog(ROUTE, { handoff: 'customer_request', report: kept as IntakeOptions | undefined } satisfies RootOptions);
  }

  protected override onCancelled(innerDc: DialogContext): Promise<DialogTurnResult> {
    return innerDc.beginDialog(ROUTE, { idle: true } satisfies RootOptions);
  }

  private async route(step: WaterfallStepContext<RootOptions>): Promise<DialogTurnResult> {
    const o = step.options ?? {};
    values(step).carry = {} satisfies RootOptions;
    if (o.start) return step.beginDialog(o.start.dialog === 'survey' ? SURVEY_DIALOG : FOLLOW_UP_DIALOG, o.start.options);
    if (o.handoff && o.report) return step.beginDialog(INTAKE_DIALOG, o.report);
    if (o.handoff) return step.beginDialog(HANDOFF_DIALOG, { reason: o.handoff } satisfies HandoffOptions);
    const info = turnInfo(step.context);
    const u = info.understanding;
    if (o.idle || !u || step.context.activity.type !== 'message') return step.next();
    // E-mail is one-shot: each mail gets one complete answer (dialogs/mail-intake), not a chat question.
    if (info.channel === 'email') return step.beginDialog(MAIL_INTAKE_DIALOG);
    const text = step.context.activity.text ?? '';
    const texts = common(step.context);

    const interruption = interruptionOf(text, u.isHumanRequest || u.act === 'human', info.channel);
    if (interruption === 'agent') return step.beginDialog(HANDOFF_DIALOG, { reason: 'customer_request' } satisfies HandoffOptions);
    if (interruption === 'help') {
      await say(step.context, texts.help, { choices: texts.menu, expectInput: true });
      return step.next();
    }
    if (interruption === 'cancel') {
      // Only a menu entry picked or a "which service?" asked is open here; with nothing open, MENU means the menu.
      await say(step.context, o.expect || o.unclear ? texts.cancelled : texts.menuQuestion, { choices: texts.menu, expectInput: true });
      return step.next();
    }
    // Visit times or a quote staff sent are waiting for an answer (before "never mind": "太贵了，不修了" refuses a quote): "2", "週二下午可以", "同意" answer them.
    // Only a short message can be such an answer: a long one costs no lookup.
    const asked = info.awaitsVisitAnswer !== false && mayBeVisitAnswer(text) ? await this.services.pendingVisitQuestion(info.customer.id) : null;
    // A chat visitor answers only what was asked about this conversation's ticket (see channelProvesIdentity).
    const pending = asked && (channelProvesIdentity(info) || asked.ticketId === info.conversation.ticketId) ? asked : null;
    const visitReply = pending ? visitReplyOf(pending, text, info) : undefined;
    if (visitReply) return step.beginDialog(VISIT_REPLY_DIALOG, visitReply);
    // "算了不修了", "never mind, it works now" before the report got going: let the customer go, no ticket.
    // With a ticket on this conversation it may be news about that ticket, so it is routed as usual; a bare
    // "不用了 謝謝" is an act and gets its own polite closing below.
    const gaveUp = o.expect || (!info.conversation.ticketId && !u.act) ? givenUp(text) : undefined;
    if (gaveUp) {
      await say(step.context, gaveUp === 'solved' ? texts.givenUpSolved : texts.givenUpStopped);
      return step.next();
    }
    // A menu digit is a choice, not a "yes"; a ticket number is a status question.
    if (u.act && !menuChoiceOf(text) && !parseTicketReference(u.entities.ticketRef ?? '')) return this.answerAct(step, u.act, text);
    // Gas, smoke, sparks: whatever the category, safety advice first and a person at once.
    const hazard = hazardOf(text);
    if (hazard) return step.beginDialog(INTAKE_DIALOG, { ...this.faultReport(text, u, !!o.expect), urgent: true, urgency: 'high', hazard } satisfies IntakeOptions);
    // "1" again after "please describe the problem" picks the same entry again: the description is still to come.
    if (o.expect && menuChoiceOf(text) === o.expect) return this.dispatch(step, o.expect, text, u, true);
    if (o.expect && o.expect !== 'status' && o.expect !== 'agent') return this.dispatch(step, o.expect, text, u, false, true);
    // Only a phone number or address ("我的電話是 0955…"): noted, and the customer is asked what they need.
    const contact = contactOnly(text, { language: info.language });
    if (contact) {
      await this.services.rememberCustomer(info.customer.id, contact);
      await say(step.context, common(step.context).contactNoted(contact.phone ?? contact.email ?? ''), { choices: common(step.context).menu, expectInput: true });
      return step.next();
    }

    const choice = menuChoiceOf(text);
    if (choice && o.unclear && substantive(o.unclear.text) && (choice === 'fault' || choice === 'question' || choice === 'complaint')) {
      return this.dispatch(step, choice, o.unclear.text, o.unclear.understanding, false);
    }
    if (choice) return this.dispatch(step, choice, text, u, true);
    if (GREETING.test(text)) {
      await say(step.context, sentences(step.context, texts.greeting, texts.menuQuestion), { choices: texts.menu, expectInput: true });
      return step.next();
    }
    const reference = parseTicketReference(u.entities.ticketRef ?? '');
    // "修了三次還是壞的！SR-2026-000045 上個月才來過" reports again what a ticket was about: a new report linked to it, not a status check.
    const statusAsked = asksTicketStatus(text);
    if (reference && !statusAsked && !u.needsClarification && u.category !== 'inquiry' && substantive(text)) {
      const linkedTicketId = (await this.services.findTicket(reference, info.customer.id))?.id;
      return this.dispatch(step, u.category === 'complaint' ? 'complaint' : 'fault', text, u, false, false, linkedTicketId);
    }
    const kb = this.services.knowledgeBase;
    if (reference || (statusAsked && (await this.aboutATicket(step, text, u)))) return this.dispatch(step, 'status', text, u, false);
    // "兩台是開在同一張單嗎？" right after the ticket was opened: a note on that ticket for staff, never a second intake.
    if (info.conversation.ticketId && asksAboutTheTicket(text)) return this.questionAboutTicket(step, text, info.conversation.ticketId);
    // A fault report opens a ticket even when it asks something too, or holds an address that reads like a
    // question about ours: the questions asked are answered first, then the report goes on with everything said.
    if (reportsFault(text, u, kb, info.channel)) return this.dispatch(step, 'fault', text, u, false);
    // The weather, "are you a bot?", "ur bot sux": a short friendly answer and the offer of help, never a ticket.
    const chat = kb.match(text) ? undefined : smallTalkOf(text, u);
    if (chat === 'banter') return this.answerAct(step, 'smalltalk', text);
    if (chat === 'rude') {
      await say(step.context, sentences(step.context, texts.rude, texts.menuQuestion), { choices: texts.menu, expectInput: true });
      return step.next();
    }
    // An unsure category, but plainly a question the knowledge base answers: answer it rather than ask "which service?".
    if (!u.isEmpty && u.needsClarification && QUESTION.test(text) && this.services.knowledgeBase.match(text)) return this.dispatch(step, 'question', text, u, false);
    if (u.isEmpty || u.needsClarification) {
      const misunderstandings = (o.misunderstandings ?? 0) + 1;
      if (misunderstandings >= this.services.settings.maxMisunderstandings) {
        return step.beginDialog(HANDOFF_DIALOG, { reason: 'low_confidence' } satisfies HandoffOptions);
      }
      values(step).carry = { misunderstandings, unclear: u.isEmpty ? o.unclear : { text, understanding: u } } satisfies RootOptions;
      await say(step.context, texts.clarify, { choices: texts.menu, expectInput: true });
      return step.next();
    }
    const byCategory: Record<Understanding['category'], MenuChoice> = { fault: 'fault', inquiry: 'question', complaint: 'complaint' };
    return this.dispatch(step, byCategory[u.category], text, u, false);
  }

  /**
   * "師傅什麼時候來？" asks about a ticket when there is one to ask about (this conversation's, or, where the
   * channel proves who writes, one of the customer's), or when the message reports no new fault; a first
   * report that ends "when can the engineer come?" is that report.
   */
  private async aboutATicket(step: WaterfallStepContext<RootOptions>, text: string, u: Understanding): Promise<boolean> {
    const info = turnInfo(step.context);
    if (info.conversation.ticketId || !reportsFault(text, u, this.services.knowledgeBase, info.channel)) return true;
    return channelProvesIdentity(info) && (await this.services.openTicketsOf(info.customer.id)).length > 0;
  }

  /** The question goes on the ticket as a note, and a person answers it (the conversation waits for staff). */
  private async questionAboutTicket(step: WaterfallStepContext<RootOptions>, text: string, ticketId: string): Promise<DialogTurnResult> {
    await this.services.noteOnTicket(ticketId, text);
    const { number } = await this.services.ticketDetails(ticketId);
    return step.beginDialog(HANDOFF_DIALOG, { reason: 'ticket_question', ticketId, ticketNumber: number, question: true, note: `Customer asks about the ticket: ${text}` } satisfies HandoffOptions);
  }

  /** Thanks, goodbye, yes, no, small talk … with no question open: answered in kind, never a ticket. */
  private async answerAct(step: WaterfallStepContext<RootOptions>, act: ConversationalAct, text: string): Promise<DialogTurnResult> {
    const texts = common(step.context);
    switch (act) {
      case 'thanks':
        await say(step.context, texts.youAreWelcome);
        break;
      case 'goodbye':
      case 'deny':
        // "thanks, bye" is a goodbye that also thanks: it gets the "you are welcome" closing, which says goodbye too.
        await say(step.context, THANKS.test(text) ? texts.youAreWelcome : texts.farewell);
        break;
      case 'greeting':
        await say(step.context, sentences(step.context, texts.greeting, texts.menuQuestion), { choices: texts.menu, expectInput: true });
        break;
      case 'smalltalk':
        await say(step.context, sentences(step.context, asksIfBot(text) ? texts.botIdentity : texts.smalltalk, texts.menuQuestion), { choices: texts.menu, expectInput: true });
        break;
      case 'human':
        return step.beginDialog(HANDOFF_DIALOG, { reason: 'customer_request' } satisfies HandoffOptions);
      case 'affirm':
      case 'skip':
        await say(step.context, texts.anythingElse, { choices: texts.menu, expectInput: true });
        break;
    }
    return step.next();
  }

  /** `asked`: the message answers "please describe the problem", so it is the description however short. */
  private async dispatch(
    step: WaterfallStepContext<RootOptions>,
    choice: MenuChoice,
    text: string,
    u: Understanding,
    fromMenu: boolean,
    asked = false,
    linkedTicketId?: string,
  ): Promise<DialogTurnResult> {
    const { language } = turnInfo(step.context);
    if (fromMenu && (choice === 'fault' || choice === 'question' || choice === 'complaint')) {
      values(step).carry = { expect: choice } satisfies RootOptions;
      await say(step.context, expectTexts[language][choice], { expectInput: true });
      return step.next();
    }
    switch (choice) {
      case 'agent':
        return step.beginDialog(HANDOFF_DIALOG, { reason: 'customer_request' } satisfies HandoffOptions);
      case 'status':
        return step.beginDialog(STATUS_DIALOG, { reference: fromMenu ? undefined : (u.entities.ticketRef ?? text) } satisfies StatusOptions);
      case 'complaint':
        return step.beginDialog(COMPLAINT_DIALOG, { text, entities: u.entities, linkedTicketId } satisfies ComplaintOptions);
      case 'question':
        return step.beginDialog(INQUIRY_DIALOG, { text, entities: u.entities } satisfies InquiryOptions);
      case 'fault': {
        // "冰箱不制冷了，上门维修费多少钱？": the question is answered before the report's first question.
        const kb = this.services.knowledgeBase;
        await sayKnowledgeAnswers(step.context, topicsAsked(text, kb, { questionsOnly: true }), kb);
        return step.beginDialog(INTAKE_DIALOG, { ...this.faultReport(text, u, asked), linkedTicketId } satisfies IntakeOptions);
      }
    }
  }

  private faultReport(text: string, u: Understanding, asked: boolean): IntakeOptions {
    return {
      category: 'fault',
      problem: text,
      problemGiven: asked,
      entities: u.entities,
      urgency: u.urgency,
      complexity: u.complexity,
      urgent: u.urgency === 'high' && substantive(text),
    };
  }

  private async wait(step: WaterfallStepContext<RootOptions>): Promise<DialogTurnResult> {
    // The status question, a survey or a closed follow-up gave way to a new request: this same message is routed as that request.
    if ((step.result as StatusResult | SurveyResult | FollowUpResult | undefined)?.newRequest) return step.replaceDialog(ROUTE, {});
    return Dialog.EndOfTurn;
  }

  private async again(step: WaterfallStepContext<RootOptions>): Promise<DialogTurnResult> {
    return step.replaceDialog(ROUTE, values(step).carry ?? {});
  }
}
