import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { TicketStatus } from '../../src/generated/prisma/enums.js';
import { Language } from '../../src/messages/channel-kind.js';
import { parseContact, parseTicketReference } from '../shared/answers.js';
import { answerOrRequestOf, ask, AskPrompt, type AnswerSpec } from '../shared/ask-prompt.js';
import { formatTime } from '../shared/format-time.js';
import { say, sentences } from '../shared/say.js';
import type { BotServices, ContactProof, TicketView } from '../shared/services.js';
import { channelProvesIdentity, turnInfo } from '../shared/turn-info.js';

export const STATUS_DIALOG = 'status';

export type StatusOptions = { reference?: string };
/** `newRequest`: the customer sent a new request instead of the number; the caller routes this message afresh. */
export type StatusResult = { found?: boolean; newRequest?: boolean };
/** The number came with the request: the second step checks it without asking. */
type Named = { number: string };
/** The number whose contact is being proved (kept in the waterfall's values). */
type Proving = { number?: string };

type StatusTexts = {
  status: Record<TicketStatus, string>;
  report: (number: string, status: string) => string;
  assignee: (name: string | null) => string;
  next: (time: string) => string;
  askNumber: string;
  retryNumber: string;
  /** The customer does not have the number: staff find tickets by phone, or a person or a new report helps now. */
  noNumber: string;
  others: (n: number) => string;
  /** The number of a ticket this conversation or sender is not known to own: the second factor is asked for. */
  proveContact: (number: string) => string;
  /** No matching second factor: the status goes to the contact on the ticket, if it is one of ours (nothing said either way). */
  sentToContact: (number: string) => string;
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
    proveContact: (n) => `For your privacy, I can give the status of ${n} only to the person who reported it. Please send the phone number or e-mail address on the ticket (the last 4 digits of the phone are enough).`,
    sentToContact: (n) => `Thank you. For privacy I cannot show it here: if ${n} is one of our tickets, I have sent its status to the phone number or e-mail on the ticket.`,
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
    proveContact: (n) => `為保護您的隱私，工單 ${n} 的進度只能提供給報修時留下的聯絡人。請傳送工單上的電話號碼或電子郵件（電話末四碼即可）。`,
    sentToContact: (n) => `謝謝您。為保護隱私，無法在此顯示：若 ${n} 是我們的工單，進度已傳送到工單上的電話或電子郵件。`,
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
    proveContact: (n) => `为保护您的隐私，工单 ${n} 的进度只能提供给报修时留下的联系人。请发送工单上的电话号码或电子邮件（电话后四位即可）。`,
    sentToContact: (n) => `谢谢您。为保护隐私，无法在此显示：若 ${n} 是我们的工单，进度已发送到工单上的电话或电子邮件。`,
    others: (n) => `您另有 ${n} 张处理中的工单，发送编号即可查询。`,
  },
};

/** The phone's last 4 digits, alone or with a few words ("末四碼 8476", "last 4: 8476"). */
const LAST_FOUR = /^\D{0,12}(\d{4})\D{0,6}$/;

/**
 * Ticket state, assignee and next promised time, only for its contact. The channel proves who writes on SMS,
 * voice and e-mail, and a chat visitor owns the ticket their chat opened; for any other ticket named by number
 * (a new chat, another phone, a visitor who typed someone's phone number) the phone or e-mail on the ticket, or
 * its last 4 digits, is asked for as a second factor, as help desks do. Without it the status goes to the
 * contact on the ticket, and the visitor is told so in words that do not say whether the number exists.
 */
export class StatusDialog extends ComponentDialog {
  constructor(private readonly services: Pick<BotServices, 'findTicket' | 'openTicketsOf' | 'settings' | 'ticketByNumber' | 'ticketContactMatches' | 'sendToTicketContact'>) {
    super(STATUS_DIALOG);
    this.addDialog(new WaterfallDialog(STATUS_DIALOG + '.steps', [this.lookUp.bind(this), this.received.bind(this), this.proved.bind(this)]));
    this.addDialog(new AskPrompt());
  }

  private spec(): AnswerSpec {
    return { kind: 'ticket', maxAttempts: this.services.settings.maxMisunderstandings + 1, givesWay: true };
  }

  private async lookUp(step: WaterfallStepContext<StatusOptions>): Promise<DialogTurnResult> {
    const info = turnInfo(step.context);
    const t = texts[info.language];
    const number = step.options.reference ? parseTicketReference(step.options.reference) : null;
    if (number) return step.next({ number } satisfies Named);
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
    const named = step.result as Named | undefined;
    if (named && typeof named === 'object' && 'number' in named) return this.report(step, named.number);
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
    const owned = await this.services.findTicket(number, info.customer.id);
    if (owned && (channelProvesIdentity(info) || owned.id === info.conversation.ticketId)) {
      await say(step.context, this.describe(owned, t, info.language, info.timeZone));
      return step.endDialog({ found: true } satisfies StatusResult);
    }
    // "SR-… 進度如何？電話 0935…": the phone or e-mail on the ticket, written with the number, proves it at once.
    const entities = info.understanding?.entities;
    const proof = { phone: entities?.phoneE164, email: entities?.email };
    const ticket = await this.services.ticketByNumber(number);
    if (ticket && (proof.phone || proof.email) && (await this.services.ticketContactMatches(ticket.id, proof))) {
      await say(step.context, this.describe(ticket, t, info.language, info.timeZone));
      return step.endDialog({ found: true } satisfies StatusResult);
    }
    // An e-mail gets one complete answer (dialogs/mail-intake): no question waits for a second mail.
    if (info.channel === 'email') return this.sendInstead(step, number, ticket);
    (step.values as Proving).number = number;
    return ask(step, t.proveContact(number), t.proveContact(number), { kind: 'text', optional: true, maxAttempts: 1, givesWay: true });
  }

  private async proved(step: WaterfallStepContext<StatusOptions>): Promise<DialogTurnResult> {
    const info = turnInfo(step.context);
    const t = texts[info.language];
    const { number } = step.values as Proving;
    if (!number) return step.endDialog();
    const answer = answerOrRequestOf(step, step.result, { kind: 'text', optional: true, maxAttempts: 1, givesWay: true });
    if (answer.status === 'request') return step.endDialog({ newRequest: true } satisfies StatusResult);
    const text = answer.status === 'ok' ? String(answer.value) : '';
    const contact = parseContact(text, { language: info.language });
    const proof: ContactProof = contact.ok ? contact.value : { last4: LAST_FOUR.exec(text)?.[1] };
    const ticket = await this.services.ticketByNumber(number);
    if (ticket && (await this.services.ticketContactMatches(ticket.id, proof))) {
      await say(step.context, this.describe(ticket, t, info.language, info.timeZone));
      return step.endDialog({ found: true } satisfies StatusResult);
    }
    return this.sendInstead(step, number, ticket);
  }

  /** The status goes to the contact on the ticket (if the number is ours); the one asking hears only that. */
  private async sendInstead(step: WaterfallStepContext<StatusOptions>, number: string, ticket: (TicketView & { language: string }) | null): Promise<DialogTurnResult> {
    const info = turnInfo(step.context);
    if (ticket) {
      const language = Language.safeParse(ticket.language).data ?? info.language;
      await this.services.sendToTicketContact(ticket.id, this.describe(ticket, texts[language], language, info.timeZone), `${ticket.id}:${info.inboundMessageId ?? info.now.toISOString()}`);
    }
    await say(step.context, texts[info.language].sentToContact(number));
    return step.endDialog({ found: false } satisfies StatusResult);
  }
  private describe(ticket: TicketView, _t: StatusTexts, language: Language, timeZone: string): string {
    return describeTicket(ticket, language, timeZone);
  }
}

/** "Ticket SR-… is received. It has not been assigned to an engineer yet. Our next step is due by …". */
export function describeTicket(ticket: TicketView, language: Language, timeZone: string): string {
  const t = texts[language];
  const parts = [t.report(ticket.number, t.status[ticket.status]), t.assignee(ticket.assigneeName)];
  if (ticket.nextPromise) parts.push(t.next(formatTime(ticket.nextPromise.dueAt, language, timeZone)));
  return parts.join(language === 'en' ? ' ' : '');
}
