import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { TicketCategory } from '../../src/generated/prisma/enums.js';
import type { TicketDetailField, TicketDetails } from '../../src/tickets/ticket-details.js';
import type { Understanding } from '../../src/understanding/understanding-schema.js';
import { parsePartialDate, parsePhone, parseTicketReference, provinceOf, storedDate } from '../shared/answers.js';
import { formatTime } from '../shared/format-time.js';
import { say } from '../shared/say.js';
import { companyInSignature, formOfAddress, statedCompany, statedDetails } from '../shared/stated-details.js';
import type { BotServices, PromiseView } from '../shared/services.js';
import { turnInfo, type TurnInfo } from '../shared/turn-info.js';
import { STATUS_DIALOG, type StatusOptions } from '../status/status-dialog.js';
import { asksTicketStatus } from '../../src/understanding/status-question.js';
import { topicsAsked } from '../inquiry/questions.js';
import { reportsFault } from '../root/reported-fault.js';
import { readDetails } from './mail-details.js';
import { mailIntakeTexts, type MailIntakeTexts } from './mail-intake-texts.js';

export const MAIL_INTAKE_DIALOG = 'mail-intake';

export type MailIntakeServices = Pick<BotServices, 'openTicket' | 'rememberCustomer' | 'knowledgeBase' | 'ticketDetails' | 'fillTicketDetails' | 'recordDetailsRequested'>;

/** Questions answered in the same acknowledgement as the ticket (a mail can carry several; more read as a list). */
const MAX_ANSWERS = 3;

/** What we ask for by category, in the order of the list in the acknowledgement (at most five lines). */
const WANTED: Record<TicketCategory, readonly TicketDetailField[]> = {
  fault: ['productModel', 'serial', 'purchaseDate', 'siteAddress', 'contactPhone', 'contactName'],
  complaint: ['contactName', 'contactPhone'],
  inquiry: ['productModel', 'contactName'],
};
const MAX_ASKED = 5;
const CLOSING_ACTS = new Set(['thanks', 'goodbye', 'affirm']);
const STATUS_CUE = /\b(?:status|progress|update)\b|進度|进度|狀態|状态|處理到|处理到/i;

/** A mail that says something beyond a courtesy ("Thanks!", "Hello"). */
function substantive(text: string): boolean {
  const cjk = (text.match(/[\u3400-\u9fff]/g) ?? []).length;
  return cjk >= 8 || text.trim().split(/\s+/).length >= 5;
}

/** A line that closes a letter: what follows is the signature, not the problem. */
const CLOSING = /^(?:(?:best|kind|warm)?\s*regards|thanks?(?: you)?(?: (?:in advance|very much))?|many thanks|cheers|sincerely|best(?: wishes)?|yours(?: \w+)?|謝謝|谢谢|多謝|多谢|感謝|感谢|此致|敬禮|敬礼|順祝|顺祝|祝好|祝商祺|敬祝)[\s,，.。!！~]*$/i;
/** Greetings on a line of their own: "Hi,", "Dear team,", "您好：". */
const GREETING_LINE = /^(?:hi|hello|dear|good (?:morning|afternoon)|您好|你好|各位|客服)[^.!?。！？]{0,30}$/i;
/** How much of the description the acknowledgement repeats: whole sentences up to this many characters. */
const SUMMARY_MAX = 400;

/** The body without greeting and signature: what the customer wrote about the problem. */
function bodyOf(text: string): string[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const end = lines.findIndex((l, i) => i > 0 && CLOSING.test(l));
  return (end > 0 ? lines.slice(0, end) : lines).filter((l, i) => !(i === 0 && l.length <= 25 && (GREETING_LINE.test(l) || /[,，:：]$/.test(l))));
}

/**
 * The problem for the acknowledgement: the whole description, greeting and signature left out. "This is the
 * third time I'm writing" alone would drop what the customer wants ("a manager to call today"), so all of it
 * is kept up to SUMMARY_MAX, cut after a whole sentence when longer.
 */
function summary(text: string): string {
  const body = bodyOf(text).join(' ').replace(/\s+/g, ' ').trim();
  if (body.length <= SUMMARY_MAX) return body;
  const sentences = body.slice(0, SUMMARY_MAX).match(/^.*[.!?。！？](?=\s|$|[^.!?。！？])/su)?.[0];
  return sentences && sentences.length >= SUMMARY_MAX / 2 ? `${sentences} …` : `${body.slice(0, SUMMARY_MAX - 3)}...`;
}

/** The name under the closing of the body ("谢谢！\n周敏", "Regards,\nDavid Lin"), when the channel passed no signature. */
function closingName(text: string): string | undefined {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const end = lines.findIndex((l, i) => i > 0 && CLOSING.test(l));
  const name = end > 0 ? lines[end + 1] : undefined;
  return name && (/^[\u3400-\u9fff]{2,4}$/.test(name) || /^[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}$/.test(name)) ? name : undefined;
}

/** Name and phone from the signature block the e-mail channel passes (`meta.signature`). */
function fromSignature(signature: unknown): { name?: string; phone?: string } {
  if (typeof signature !== 'string') return {};
  const lines = signature.split('\n').map((l) => l.trim());
  const name = lines.find((l) => l.length >= 2 && l.length <= 40 && !/[\d@:：/]/.test(l));
  const phone = lines.map((l) => (/\d{3}/.test(l) ? parsePhone(l) : { ok: false as const })).find((p) => p.ok);
  return { name, phone: phone?.ok ? phone.value : undefined };
}

/**
 * E-mail is one-shot: every mail is answered with everything at once, never with one chat question per
 * round trip. A first mail that reports a fault or complaint (or a question we cannot answer with
 * confidence) opens the ticket at once with all that was understood, and the acknowledgement carries the
 * number, the promised time, what was understood and one numbered list of what is still missing. A reply
 * in the ticket's thread fills those details on the same ticket and is acknowledged. A confident question
 * is answered from the knowledge base.
 */
export class MailIntakeDialog extends Dialog {
  constructor(private readonly services: MailIntakeServices) {
    super(MAIL_INTAKE_DIALOG);
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const info = turnInfo(dc.context);
    const text = dc.context.activity.text ?? '';
    if (info.conversation.ticketId) return this.followUp(dc, info, info.conversation.ticketId, text);
    return this.first(dc, info, text);
  }

  private texts(info: TurnInfo): MailIntakeTexts {
    return mailIntakeTexts[info.language];
  }

  private async first(dc: DialogContext, info: TurnInfo, text: string): Promise<DialogTurnResult> {
    const t = this.texts(info);
    const u = info.understanding!;
    const channelData = (dc.context.activity.channelData ?? {}) as { subject?: string; meta?: Record<string, unknown> };
    const subject = (channelData.subject ?? '').replace(/^\s*(?:re|fw|fwd|aw|回覆|回复|轉寄|转发)\s*[:：]\s*/i, '').trim();
    // "What is the status of SR-…?" on a new thread: the status answer, not a new ticket.
    const reference = parseTicketReference(u.entities.ticketRef ?? '');
    if ((reference && (STATUS_CUE.test(`${subject} ${text}`) || !substantive(text))) || (STATUS_CUE.test(text) && !substantive(text.replace(STATUS_CUE, '')))) {
      return dc.replaceDialog(STATUS_DIALOG, { reference: reference ?? undefined } satisfies StatusOptions);
    }
    // A thank-you note ("the technician fixed our printer today, great job, thanks") closes, however long it is.
    if (u.act && (u.act === 'thanks' || u.act === 'goodbye' || !substantive(`${subject} ${text}`))) {
      await say(dc.context, CLOSING_ACTS.has(u.act) ? t.welcome : t.describe);
      return dc.endDialog();
    }
    // "The washer leaks, is it still under warranty?" is a fault report with a question: the ticket opens and
    // the same mail answers the question. Only a mail that just asks gets only the answer.
    const kb = this.services.knowledgeBase;
    const reportsAFault = reportsFault(text, u, kb, 'email');
    if (u.category === 'inquiry' && !u.needsClarification && !reportsAFault) {
      const topic = this.services.knowledgeBase.match(`${subject}\n${text}`);
      if (topic) {
        const answer = this.services.knowledgeBase.answer(topic, info.language);
        await say(dc.context, [t.salutation(formOfAddress(info.customer.name)), answer, t.kbMore, t.signoff].join('\n\n'), { meta: { kbTopic: topic.id, answeredBy: 'knowledge-base' } });
        return dc.endDialog({ answered: topic.id });
      }
    }
    // Even an unsure reading opens a ticket under its likeliest category (staff re-label it in triage):
    // a mail customer is never asked "which service?", and a likely fault still gets the fault questions.
    const category: TicketCategory = u.isEmpty ? 'inquiry' : reportsAFault && u.category !== 'complaint' ? 'fault' : u.category;
    const answers = topicsAsked(text, kb, { questionsOnly: true }).slice(0, MAX_ANSWERS).map((topic) => kb.answer(topic, info.language));
    const values = this.understoodDetails(info, u, text, channelData.meta?.signature);
    const company = this.companyOf(info, text, channelData.meta?.signature);
    const ticket = await this.services.openTicket({
      customerId: info.customer.id,
      conversationId: info.conversation.id,
      category,
      urgency: u.urgency,
      complexity: u.complexity,
      channel: 'email',
      language: info.language,
      title: subject || undefined,
      problem: text.trim() || subject || '(no description)',
      contactEmail: info.customer.email ?? undefined,
      company,
      ...values,
      // A month stays a month (purchase-date precision), as in the chat intake.
      purchaseDate: values.purchaseDate ? storedDate(values.purchaseDate).date : undefined,
      purchaseDatePrecision: values.purchaseDate ? storedDate(values.purchaseDate).precision : undefined,
      linkedTicketId: info.linkedTicketId,
      sourceMessageId: info.inboundMessageId,
    });
    if (!info.customer.name && values.contactName) await this.services.rememberCustomer(info.customer.id, { name: values.contactName });
    if (!info.customer.company && company) await this.services.rememberCustomer(info.customer.id, { company });
    if (values.contactPhone) await this.services.rememberCustomer(info.customer.id, { phone: values.contactPhone });
    const missing = WANTED[category].filter((f) => !values[f]).slice(0, MAX_ASKED);
    if (missing.length > 0) await this.services.recordDetailsRequested(ticket.id, missing);

    const understood = [
      `${t.labels.type}: ${t.category[category]}`,
      ...(values.productModel ? [`${t.labels.productModel}: ${values.productModel}`] : []),
      ...(values.serial ? [`${t.labels.serial}: ${values.serial}`] : []),
      ...(values.purchaseDate ? [`${t.labels.purchaseDate}: ${values.purchaseDate}`] : []),
      ...(values.siteAddress ? [`${t.labels.siteAddress}: ${values.siteAddress}`] : []),
      ...(values.contactPhone ? [`${t.labels.contactPhone}: ${values.contactPhone}`] : []),
      `${t.labels.problem}: ${summary(text || subject)}`,
    ];
    const parts = [
      t.salutation(formOfAddress(values.contactName)),
      [category === 'inquiry' ? t.inquiryOpened(ticket.number) : t.opened(ticket.number), ...this.promiseLines(ticket.promises, t, info)].join(info.language === 'en' ? ' ' : ''),
      [t.understood, ...understood.map((l) => `- ${l}`)].join('\n'),
      ...answers,
      ...(missing.length > 0 ? [[t.askHeading, ...missing.map((f, i) => `${i + 1}. ${t.ask[f]}`)].join('\n')] : []),
      t.keepNumber(ticket.number),
      t.signoff,
    ];
    await say(dc.context, parts.join('\n\n'), { meta: { ticketNumber: ticket.number, detailsRequested: missing } });
    return dc.endDialog({ ticketId: ticket.id, ticketNumber: ticket.number });
  }

  /** Everything the first mail already tells us: entities, labelled lines ("Address: …"), the signature, the customer record. */
  private understoodDetails(info: TurnInfo, u: Understanding, text: string, signature: unknown): TicketDetails {
    const e = u.entities;
    const sig = fromSignature(signature);
    const labelled = readDetails(text, WANTED.fault.concat('contactName'), { now: info.now, timeZone: info.timeZone }).values;
    // Details written inside a sentence ("地址：… 。聯絡人：林美玲 0912…") rather than on lines of their own.
    const stated = statedDetails(text);
    const phone = e.phone ? parsePhone(e.phone) : { ok: false as const };
    const date = e.purchaseDate ? parsePartialDate(e.purchaseDate, info.now, info.timeZone) : { ok: false as const };
    return {
      contactName: info.customer.name ?? labelled.contactName ?? stated.name ?? sig.name ?? closingName(text),
      contactPhone: (phone.ok ? phone.value : undefined) ?? labelled.contactPhone ?? sig.phone ?? info.customer.phone ?? undefined,
      productModel: e.productModel ?? labelled.productModel ?? stated.productModel,
      serial: e.serial ?? labelled.serial,
      purchaseDate: (date.ok ? date.value : undefined) ?? labelled.purchaseDate,
      siteAddress: labelled.siteAddress ?? stated.siteAddress,
      province: labelled.siteAddress ? labelled.province : stated.siteAddress ? provinceOf(stated.siteAddress) : undefined,
    };
  }

  /** The company the customer writes for: known from before, said in the mail ("I'm Amy from Sunrise Hotel"), or a line of the signature. */
  private companyOf(info: TurnInfo, text: string, signature: unknown): string | undefined {
    return info.customer.company ?? statedCompany(text) ?? (typeof signature === 'string' ? companyInSignature(signature) : undefined);
  }

  /** A mail in the ticket's thread: the answers to our list fill the ticket; anything else is added and acknowledged. */
  private async followUp(dc: DialogContext, info: TurnInfo, ticketId: string, text: string): Promise<DialogTurnResult> {
    const t = this.texts(info);
    const u = info.understanding!;
    const view = await this.services.ticketDetails(ticketId);
    const asked = view.requested.length > 0 ? view.requested : WANTED[view.category];
    const open = asked.filter((f) => !view.details[f]);
    const read = readDetails(text, open, { now: info.now, timeZone: info.timeZone, numbered: view.requested });
    const e = u.entities;
    const fallback: TicketDetails = {
      productModel: e.productModel,
      serial: e.serial,
      contactPhone: e.phone && parsePhone(e.phone).ok ? (parsePhone(e.phone) as { value: string }).value : undefined,
    };
    for (const f of open) if (!read.values[f] && !read.skipped.includes(f) && fallback[f]) read.values[f] = fallback[f];
    const filled = open.length > 0 ? await this.services.fillTicketDetails(ticketId, read.values) : [];

    if (filled.length > 0) {
      const remaining = open.filter((f) => !filled.includes(f) && !read.skipped.includes(f));
      if (remaining.length > 0) await this.services.recordDetailsRequested(ticketId, remaining);
      const parts = [
        [t.detailsAdded(view.number), ...filled.map((f) => `- ${t.labels[f]}: ${read.values[f]}`)].join('\n'),
        ...(remaining.length > 0 ? [[t.stillMissing, ...remaining.map((f, i) => `${i + 1}. ${t.ask[f]}`)].join('\n')] : []),
        t.signoff,
      ];
      await say(dc.context, parts.join('\n\n'), { meta: { ticketNumber: view.number, detailsAdded: filled } });
      return dc.endDialog({ filled });
    }
    // "What's happening with my repair?", 「師傅幾點會打給我？」: a short question about this thread's ticket is a status question.
    if ((STATUS_CUE.test(text) && !substantive(text.replace(STATUS_CUE, ''))) || (asksTicketStatus(text) && text.trim().length <= 160)) {
      return dc.replaceDialog(STATUS_DIALOG, { reference: view.number } satisfies StatusOptions);
    }
    if (read.skipped.length === 0 && !substantive(text) && u.act && CLOSING_ACTS.has(u.act)) {
      await say(dc.context, t.welcome);
      return dc.endDialog();
    }
    await say(dc.context, [t.messageAdded(view.number), t.signoff].join('\n\n'), { meta: { ticketNumber: view.number } });
    return dc.endDialog();
  }

  private promiseLines(promises: readonly PromiseView[], t: MailIntakeTexts, info: TurnInfo): string[] {
    const first = promises.find((p) => p.kind === 'email_reply') ?? promises.find((p) => p.kind === 'first_response') ?? promises.find((p) => p.kind === 'callback');
    const onSite = promises.find((p) => p.kind === 'on_site_arrival');
    const line = (p: PromiseView) => t.promise[p.kind as keyof MailIntakeTexts['promise']](formatTime(p.dueAt, info.language, info.timeZone));
    return [...(first ? [line(first)] : []), ...(onSite ? [line(onSite)] : [])];
  }
}
