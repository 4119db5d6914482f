import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { TicketStatus } from '../../src/generated/prisma/enums.js';
import type { Language } from '../../src/messages/channel-kind.js';
import { parseTicketReference } from '../shared/answers.js';
import { answerOrRequestOf, ask, AskPrompt, type AnswerSpec } from '../shared/ask-prompt.js';
import { formatTime } from '../shared/format-time.js';
import { say, sentences } from '../shared/say.js';
import type { BotServices, TicketView } from '../shared/services.js';
import { channelProvesIdentity, turnInfo } from '../shared/turn-info.js';

export const STATUS_DIALOG = 'status';

export type StatusOptions = { reference?: string };
/** `newRequest`: the customer sent a new request instead of the number; the caller routes this message afresh. */
export type StatusResult = { found?: boolean; newRequest?: boolean };

type StatusTexts = {
  status: Record<TicketStatus, string>;
  report: (number: string, status: string) => string;
  assignee: (name: string | null) => string;
  next: (time: string) => string;
  askNumber: string;
  retryNumber: string;
  /** The customer does not have the number: staff find tickets by phone, or a person or a new report helps now. */
  noNumber: string;
  notFound: (number: string) => string;
  others: (n: number) => string;
};

const texts: Record<Language, StatusTexts> = {
  en: {
    status: { new: 'received', triaged: 'being reviewed', assigned: 'assigned', scheduled: 'scheduled for a visit', in_progress: 'in progress', waiting_customer: 'waiting for your reply', resolved: 'resolved', closed: 'closed', reopened: 'reopened' },
    report: (n, s) => `Ticket ${n} is ${s}.`,
    assignee: (name) => (name ? `It is handled by ${name}.` : 'It has not been assigned to an engineer yet.'),
    next: (time) => `Our next step is due by ${time}.`,
    askNumber: 'Could you tell me the ticket number? It looks like SR-2026-000123.',
    retryNumber: 'Sorry, I could not read a ticket number. Please send it like SR-2026-000123.',
    noNumber: 'No problem: our team can find your ticket by your phone number. Reply 0 to speak to a person, or just describe the problem.',
    notFound: (n) => `I am sorry, I could not find ticket ${n} under your contact details. Please check the number.`,
    others: (n) => `You have ${n} other open tickets; send a number to check one.`,
  },
  'zh-Hant': {
    status: { new: '已受理', triaged: '審核中', assigned: '已指派', scheduled: '已安排到場', in_progress: '處理中', waiting_customer: '等待您的回覆', resolved: '已解決', closed: '已結案', reopened: '已重新處理' },
    report: (n, s) => `工單 ${n} 目前狀態：${s}。`,
    assignee: (name) => (name ? `負責同仁：${name}。` : '目前尚未指派工程師。'),
    next: (time) => `下一步預計於 ${time} 前完成。`,
    askNumber: '請問您的工單編號是？格式如 SR-2026-000123。',
    retryNumber: '不好意思，我無法辨識工單編號，請以 SR-2026-000123 的格式提供。',
    noNumber: '沒關係，同仁可以用您的電話號碼查到工單。請回覆 0 由專人協助，或直接描述您遇到的問題。',
    notFound: (n) => `很抱歉，在您的聯絡資料下找不到工單 ${n}，請您確認編號。`,
    others: (n) => `您另有 ${n} 張處理中的工單，傳送編號即可查詢。`,
  },
  'zh-Hans': {
    status: { new: '已受理', triaged: '审核中', assigned: '已指派', scheduled: '已安排上门', in_progress: '处理中', waiting_customer: '等待您的回复', resolved: '已解决', closed: '已结案', reopened: '已重新处理' },
    report: (n, s) => `工单 ${n} 当前状态：${s}。`,
    assignee: (name) => (name ? `负责同事：${name}。` : '目前尚未指派工程师。'),
    next: (time) => `下一步预计在 ${time} 前完成。`,
    askNumber: '请问您的工单编号是？格式如 SR-2026-000123。',
    retryNumber: '不好意思，我无法识别工单编号，请按 SR-2026-000123 的格式提供。',
    noNumber: '没关系，同事可以用您的电话号码查到工单。请回复 0 转人工客服，或直接描述您遇到的问题。',
    notFound: (n) => `很抱歉，在您的联系信息下找不到工单 ${n}，请您确认编号。`,
    others: (n) => `您另有 ${n} 张处理中的工单，发送编号即可查询。`,
  },
};

/** Ticket state, assignee and next promised time, only for the customer who owns the ticket. */
export class StatusDialog extends ComponentDialog {
  constructor(private readonly services: Pick<BotServices, 'findTicket' | 'openTicketsOf' | 'settings'>) {
    super(STATUS_DIALOG);
    this.addDialog(new WaterfallDialog(STATUS_DIALOG + '.steps', [this.lookUp.bind(this), this.received.bind(this)]));
    this.addDialog(new AskPrompt());
  }

  private spec(): AnswerSpec {
    return { kind: 'ticket', maxAttempts: this.services.settings.maxMisunderstandings + 1, givesWay: true };
  }

  private async lookUp(step: WaterfallStepContext<StatusOptions>): Promise<DialogTurnResult> {
    const info = turnInfo(step.context);
    const t = texts[info.language];
    const number = step.options.reference ? parseTicketReference(step.options.reference) : null;
    if (number) return this.report(step, number);
    // A chat visitor hears only of this conversation's ticket; others need their number (see channelProvesIdentity).
    const all = await this.services.openTicketsOf(info.customer.id);
    // "My ticket" in a conversation that opened one means that one, whatever else the customer has open.
    const mine = (t: TicketView) => (t.id === info.conversation.ticketId ? 0 : 1);
    const open = (channelProvesIdentity(info) ? all : all.filter((t) => t.id === info.conversation.ticketId)).sort((a, b) => mine(a) - mine(b));
    if (open.length > 0) {
      await say(step.context, sentences(step.context, this.describe(open[0]!, t, info.language, info.timeZone), open.length > 1 ? t.others(open.length - 1) : ''));
      return step.endDialog();
    }
    return ask(step, t.askNumber, t.retryNumber, this.spec());
  }

  private async received(step: WaterfallStepContext<StatusOptions>): Promise<DialogTurnResult> {
    const answer = answerOrRequestOf(step, step.result, this.spec());
    if (answer.status === 'request') return step.endDialog({ newRequest: true } satisfies StatusResult);
    if (answer.status === 'skipped') {
      await say(step.context, texts[turnInfo(step.context).language].noNumber, { expectInput: true });
      return step.endDialog({ found: false } satisfies StatusResult);
    }
    const number = answer.status === 'ok' ? (answer.value as string) : null;
    if (!number) {
      await say(step.context, texts[turnInfo(step.context).language].retryNumber);
      return step.endDialog();
    }
    return this.report(step, number);
  }

  private async report(step: WaterfallStepContext<StatusOptions>, number: string): Promise<DialogTurnResult> {
    const info = turnInfo(step.context);
    const t = texts[info.language];
    const ticket = await this.services.findTicket(number, info.customer.id);
    await say(step.context, ticket ? this.describe(ticket, t, info.language, info.timeZone) : t.notFound(number));
    return step.endDialog({ found: ticket !== null } satisfies StatusResult);
  }

  private describe(ticket: TicketView, t: StatusTexts, language: Language, timeZone: string): string {
    const parts = [t.report(ticket.number, t.status[ticket.status]), t.assignee(ticket.assigneeName)];
    if (ticket.nextPromise) parts.push(t.next(formatTime(ticket.nextPromise.dueAt, language, timeZone)));
    return parts.join(language === 'en' ? ' ' : '');
  }
}
