import { ComponentDialog, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { ComplaintType, Complexity, TicketCategory, Urgency } from '../../src/generated/prisma/enums.js';
import type { Language } from '../../src/messages/channel-kind.js';
import type { Entities } from '../../src/understanding/understanding-schema.js';
import { givesUp, notAnAnswer, parseContact, parsePartialDate, provinceOf, storedDate, yesNo } from '../shared/answers.js';
import { conversationalAct } from '../../src/understanding/conversational-act.js';
import { reportText } from '../../src/understanding/report-text.js';
import { answerOf, ask, AskPrompt, type AnswerSpec } from '../shared/ask-prompt.js';
import { correctionOf, productSwap, statedChange, type Correction } from '../shared/corrections.js';
import { formatTime } from '../shared/format-time.js';
import { say, sentences } from '../shared/say.js';
import type { BotServices, PromiseView } from '../shared/services.js';
import { channelProvesIdentity, turnInfo } from '../shared/turn-info.js';
import { HANDOFF_DIALOG, type HandoffOptions } from '../handoff/handoff-dialog.js';
import { intakeTexts, type IntakeField, type IntakeTexts } from './intake-texts.js';
import { safetyAdvice, type Hazard } from './safety-advice.js';
import { isHousehold, readFieldAnswer } from './answer-values.js';
import { listedDetails } from './listed-details.js';
import { addressInAnswer, companyInAnswer, detailsForOtherFields, formOfAddress, statedDetails, type OtherDetails, type OtherField } from '../shared/stated-details.js';

export const INTAKE_DIALOG = 'intake';
const LOOP = 'intake.loop';
const CONFIRM = 'intake.confirm';

export type IntakeOptions = {
  category: TicketCategory;
  /** The customer's first message, used as the problem description when it says enough. */
  problem?: string;
  /** The problem was asked for on purpose: use it even when it is short. */
  problemGiven?: boolean;
  entities?: Entities;
  urgency?: Urgency;
  complexity?: Complexity;
  complaintType?: ComplaintType;
  linkedTicketId?: string;
  /** Urgent: only what is needed to act, no confirmation, then a person takes over. */
  urgent?: boolean;
  /** A danger to people (gas, smoke, sparks): safety advice comes first. */
  hazard?: Hazard;
  /** Hand off to staff once the ticket is open, with this reason. */
  handoffAfter?: string;
  /** A report cut short (the customer asked for a person): open it with what was collected and hand off. */
  cutShort?: { values: Values; skipped: IntakeField[]; reason: string };
};

type Values = Partial<Record<Exclude<IntakeField, 'contact'>, string>> & { phone?: string; email?: string };

export type IntakeValues = Values;

type IntakeState = {
  options: IntakeOptions;
  values: Values;
  skipped: IntakeField[];
  /** The field being asked; its answer arrives in the next step. */
  asking?: IntakeField;
  introduced?: boolean;
  /** Answers to the confirmation that were neither yes, no nor a change: after too many a person checks. */
  confirmMisses?: number;
  /** The last answer to the confirmation was not understood: ask only the short yes/no question. */
  confirmRetry?: boolean;
  /** "the water heater, dont know the model": the product type, kept with the problem when no model is known. */
  productType?: string;
  /** Words given with another answer that belong to the problem ("…12號 明天中午要營業 拜託早上派人來"). */
  notes?: string[];
};

const FIELDS: Record<'fault' | 'inquiry' | 'complaint' | 'urgent', { field: IntakeField; optional: boolean }[]> = {
  fault: [
    { field: 'name', optional: false },
    { field: 'company', optional: true },
    { field: 'contact', optional: false },
    { field: 'productModel', optional: false },
    { field: 'serial', optional: true },
    { field: 'purchaseDate', optional: true },
    { field: 'problem', optional: false },
    { field: 'siteAddress', optional: true },
  ],
  inquiry: [
    { field: 'name', optional: false },
    { field: 'contact', optional: false },
    { field: 'problem', optional: false },
  ],
  complaint: [
    { field: 'name', optional: true },
    { field: 'contact', optional: false },
    { field: 'problem', optional: false },
  ],
  urgent: [
    { field: 'contact', optional: false },
    { field: 'problem', optional: false },
  ],
};

const SPEC_KIND: Record<IntakeField, AnswerSpec['kind']> = {
  name: 'name',
  company: 'text',
  contact: 'contact',
  productModel: 'text',
  serial: 'text',
  purchaseDate: 'date',
  problem: 'text',
  siteAddress: 'text',
};

/**
 * The report being collected in this dialog stack, if any: what a handoff keeps when the customer asks
 * for a person half-way. Nothing is kept before there is a description to keep.
 */
export function reportInProgress(dc: DialogContext): IntakeOptions | undefined {
  for (let current: DialogContext | undefined = dc; current?.activeDialog; current = current.child) {
    // The loop or confirmation waits under its prompt: look through the whole stack of each level.
    const instance = current.stack.find(({ id }) => id === LOOP || id === CONFIRM);
    if (!instance) continue;
    const intake = (instance.state as { options?: IntakeState }).options;
    if (!intake?.values.problem && !intake?.options.problem?.trim()) return undefined;
    return { ...intake.options, cutShort: { values: intake.values, skipped: intake.skipped, reason: 'customer_request' } };
  }
  return undefined;
}

/** How much of the description an SMS confirmation repeats (Chinese characters, Latin characters). */
const SMS_PROBLEM_CJK = 16;
const SMS_PROBLEM_LATIN = 48;

/** Two concatenated SMS parts: 2 × 67 UCS-2 characters (any Chinese), or 2 × 153 GSM characters. */
function fitsTwoSmsParts(text: string): boolean {
  return text.length <= ([...text].some((ch) => ch.charCodeAt(0) > 0x7f) ? 134 : 306);
}

/** The first clause when it is not much longer than `max` ("店裡的飲水機RO-880出水很慢…"), else the first `max` characters. */
function shorten(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const clause = /^[^，,。.;；!！?？]+/.exec(t)?.[0].trim() ?? '';
  if (clause.length >= max / 2 && clause.length <= max * 1.5) return `${clause}…`;
  return `${t.slice(0, max - 1)}…`;
}

/** "型號 S7", "model: S7": the customer repeated the label before the value. */
const FIELD_LABEL = /^(?:型號|型号|機型|机型|序號|序列号|產品型號|产品型号|model(?:\s*(?:no\.?|number))?|serial(?:\s*(?:no\.?|number))?|s\/n)\s*(?:是|係|系|為|为|is|[:：#])?\s*(?=\S)/i;

function withoutLabel(value: string): string {
  return value.replace(FIELD_LABEL, '').trim() || value;
}

/** A serial or model as written on a label: a few tokens of letters and digits, at least one digit. */
function looksLikeCode(text: string): boolean {
  const t = text.trim();
  return /\d/.test(t) && /^[A-Za-z0-9][A-Za-z0-9\-/. #]{2,40}$/.test(t) && t.split(/\s+/).length <= 3;
}

/** Words that ask for the service without saying what is wrong: "我要報修", "report a fault", "need a repair". */
const REQUEST_ONLY = /報修|报修|報障|报障|維修|维修|修理|申報|申报|故障|我要|我想|想要|需要|請|请|幫我|帮我|麻煩|麻烦|\b(?:i|we)\b|\b(?:want|need|would like)\b|\bto\b|\breport(?:ing)?\b|\ba\b|\bfault\b|\brepairs?\b|\bplease\b|\bpls\b|\bhelp\b|\bservice\b/gi;

/** A first message that says what is wrong ("冰箱不冷了", "oven not heating"), not just "report a fault" or a menu number. */
function describesProblem(text: string | undefined): text is string {
  if (!text) return false;
  const t = text.trim().replace(REQUEST_ONLY, ' ');
  const cjk = (t.match(/[\u3400-\u9fff]/g) ?? []).length;
  const words = t.split(/[\s,.!?，。！？]+/).filter((w) => /[a-z]/i.test(w)).length;
  return cjk >= 4 || words >= 3 || (cjk >= 2 && words >= 1);
}

/**
 * Collects what a service ticket needs and is still missing (entities in the message and what we know
 * about the customer are used), confirms, opens the ticket and tells the customer the number and the
 * promised next step and time.
 */
export class IntakeDialog extends ComponentDialog {
  constructor(private readonly services: Pick<BotServices, 'openTicket' | 'rememberCustomer' | 'settings'>) {
    super(INTAKE_DIALOG);
    this.addDialog(new WaterfallDialog(INTAKE_DIALOG + '.start', [this.start.bind(this)]));
    this.addDialog(new WaterfallDialog(LOOP, [this.askNext.bind(this), this.receive.bind(this)]));
    this.addDialog(new WaterfallDialog(CONFIRM, [this.askConfirm.bind(this), this.receiveConfirm.bind(this), this.receiveChange.bind(this)]));
    this.addDialog(new AskPrompt());
    this.initialDialogId = INTAKE_DIALOG + '.start';
  }

  private fields(state: IntakeState) {
    return FIELDS[state.options.urgent ? 'urgent' : state.options.category];
  }

  private texts(step: WaterfallStepContext): IntakeTexts {
    return intakeTexts[turnInfo(step.context).language];
  }

  /**
   * Every field may be left empty ("skip", "don't know", "no"): a ticket with a gap is better than a wrong
   * value. An answer that does not fit is asked again once, with an example; then the loop moves on.
   */
  private spec(field: IntakeField, state: IntakeState): AnswerSpec {
    const context = field === 'contact' ? [state.values.siteAddress, state.values.problem ?? state.options.problem].filter(Boolean).join(' ') : undefined;
    const elsewhere = (['siteAddress', 'productModel', 'contact'] as const).filter((f) => f !== field && this.isEmpty(state, f) && this.fields(state).some((x) => x.field === f));
    return { kind: SPEC_KIND[field], optional: true, maxAttempts: 2, context, corrections: true, elsewhere };
  }

  private isEmpty(state: IntakeState, field: IntakeField): boolean {
    return field === 'contact' ? !state.values.phone && !state.values.email : !state.values[field];
  }

  private async start(step: WaterfallStepContext<IntakeOptions>): Promise<DialogTurnResult> {
    const options = step.options;
    const info = turnInfo(step.context);
    if (options.cutShort) {
      const { values, skipped, reason } = options.cutShort;
      return this.open(step, { options: { ...options, cutShort: undefined, handoffAfter: reason }, values, skipped }, true);
    }
    const e = options.entities ?? {};
    const stated = statedDetails(options.problem ?? '');
    const known = channelProvesIdentity(info) ? info.customer : null;
    const values: Values = {
      name: known?.name ?? undefined,
      company: known?.company ?? undefined,
      phone: known?.phone ?? undefined,
      email: known?.email ?? undefined,
      productModel: e.productModel ?? stated.productModel,
      serial: e.serial,
      siteAddress: stated.siteAddress,
    };
    if (!values.name && stated.name) {
      values.name = stated.name;
      await this.services.rememberCustomer(info.customer.id, { name: stated.name });
    }
    if (!values.company && stated.company) {
      values.company = stated.company;
      await this.services.rememberCustomer(info.customer.id, { company: stated.company });
    }
    const contact = parseContact(e.email ?? e.phone ?? '', { language: info.language, text: options.problem });
    if (contact.ok) {
      Object.assign(values, contact.value);
      await this.services.rememberCustomer(info.customer.id, contact.value);
    }
    if (e.purchaseDate) {
      const date = parsePartialDate(e.purchaseDate, info.now, info.timeZone);
      if (date.ok) values.purchaseDate = date.value;
    }
    if (describesProblem(options.problem) || (options.problemGiven && options.problem)) values.problem = options.problem.trim();
    // A message that mentioned someone else's ticket (e-mail threading) opens a new ticket linked to it.
    // "我家的冷氣", "at home", or a flat in a housing estate: a household has no company or project to ask about.
    // The company is optional on every form; it is asked of business customers only.
    const skipped: IntakeField[] = !values.company && isHousehold(options.problem ?? '', values.siteAddress) ? ['company'] : [];
    const state: IntakeState = { options: { ...options, linkedTicketId: options.linkedTicketId ?? info.linkedTicketId }, values, skipped };
    return step.replaceDialog(LOOP, state);
  }

  private missing(state: IntakeState): { field: IntakeField; optional: boolean } | undefined {
    return this.fields(state).find(({ field }) => {
      if (state.skipped.includes(field)) return false;
      if (field === 'contact') return !state.values.phone && !state.values.email;
      return !state.values[field];
    });
  }

  private async askNext(step: WaterfallStepContext<IntakeState>): Promise<DialogTurnResult> {
    const state = step.options;
    const t = this.texts(step);
    if (!state.introduced) {
      state.introduced = true;
      const kind = state.options.urgent ? 'urgent' : state.options.category;
      const info = turnInfo(step.context);
      if (state.options.hazard) await say(step.context, safetyAdvice(state.options.hazard, info.language, info.customer.phone));
      await say(step.context, t.intro[kind]);
    }
    const next = this.missing(state);
    if (!next) return step.replaceDialog(CONFIRM, state);
    state.asking = next.field;
    const f = t.fields[next.field];
    const hint = next.optional ? t.skipHint : '';
    return ask(step, f.ask + hint, f.retry + hint, this.spec(next.field, state));
  }

  private async receive(step: WaterfallStepContext<IntakeState>): Promise<DialogTurnResult> {
    const state = step.options;
    const field = state.asking!;
    const optional = this.fields(state).find((f) => f.field === field)?.optional ?? false;
    const info = turnInfo(step.context);
    const entities = info.understanding?.entities ?? {};
    if (await this.corrected(step, state, entities)) return step.replaceDialog(LOOP, state);
    const spec = this.spec(field, state);
    const answer = answerOf(step, step.result, spec);
    const raw = typeof step.result === 'string' ? step.result.trim() : '';
    // "Maggie Chou, Sweet Crumb Bakery. 0986 447 120. Model is DF-1200G": every detail of the list is kept.
    if (field !== 'problem' && (await this.keepListed(step, state, field, raw))) return step.replaceDialog(LOOP, state);
    // "等一下，你们周末上班吗？", "算了不修了": a question or a cancellation is no value; the field is asked again.
    // A description may ask something ("can you send someone?"), and a number or date that reads is kept even
    // with a question around it ("0912 345 678 可以嗎"), so those only refuse a cancellation.
    const freeText = SPEC_KIND[field] === 'text' || SPEC_KIND[field] === 'name' || answer.status === 'invalid';
    if (answer.status !== 'skipped' && (givesUp(raw) || (field !== 'problem' && freeText && notAnAnswer(raw)))) {
      state.asking = undefined;
      return step.replaceDialog(LOOP, state);
    }
    // A date at the serial question, or at the address question with no address in it ("好像是前年買的吧"), answers the purchase date.
    const dateInstead = answer.status === 'ok' && (field === 'serial' || (field === 'siteAddress' && !addressInAnswer(raw)));
    const asDate = dateInstead ? parsePartialDate(answer.value as string, info.now, info.timeZone) : ({ ok: false } as const);
    const elsewhere = this.answersElsewhere(field, raw, answer.status, entities.productModel, spec, info.language);
    if (Object.keys(elsewhere).length) {
      // An address typed at the date question, a phone at the serial question: keep it there, ask this one again.
      await this.keepElsewhere(step, state, elsewhere);
      state.asking = undefined;
      return step.replaceDialog(LOOP, state);
    }
    if (answer.status === 'invalid') {
      // Asked twice: an optional field stays empty; a required free-text field keeps what was written.
      const keep = !optional && (SPEC_KIND[field] === 'text' || SPEC_KIND[field] === 'name') && raw.length > 0 && conversationalAct(raw) === null;
      if (keep) state.values[field as Exclude<IntakeField, 'contact'>] = raw.slice(0, 4000);
      else state.skipped.push(field);
    } else if (answer.status === 'skipped') {
      state.skipped.push(field);
      if (field === 'productModel') state.productType ??= readFieldAnswer(field, raw).productType;
    } else if (readFieldAnswer(field, raw).unknown) {
      // "不知道耶，機器裝在高處看不到", "家裡用的", "the water heater, dont know the model": nothing to keep here.
      const reading = readFieldAnswer(field, raw);
      state.skipped.push(field);
      if (reading.productType) state.productType ??= reading.productType;
    } else if (field === 'contact') {
      const contact = answer.value as { phone?: string; email?: string };
      Object.assign(state.values, contact);
      await this.services.rememberCustomer(info.customer.id, contact);
    } else if (
      (field === 'serial' && !entities.serial && !looksLikeCode(answer.value as string) && (entities.purchaseDate || entities.productModel || entities.phoneE164 || asDate.ok)) ||
      (field === 'siteAddress' && asDate.ok)
    ) {
      // "bought it in May 2024" or "2024年5月" to the serial question answers another question: keep that, ask for the serial again.
      state.asking = undefined;
      await this.absorb(step, state, { ...entities, purchaseDate: entities.purchaseDate ?? (asDate.ok ? asDate.value : undefined) });
      // "不知道" to the date question, then "前年買的吧" at the address: the date is known after all.
      if (state.values.purchaseDate) state.skipped = state.skipped.filter((f) => f !== 'purchaseDate');
      return step.replaceDialog(LOOP, state);
    } else {
      // "Sweet Crumb Bakery, as I said", "許太太就可以了", "剛剛不是說了嗎？台南市…": the value without the words around it.
      const reading = readFieldAnswer(field, raw);
      // "型號是 RAS-40NK" is the model RAS-40NK, not the whole sentence; "on behalf of Acme Plastics Ltd" and "公司是 ABC 科技有限公司" name the company.
      const found = field === 'productModel' ? entities.productModel : field === 'serial' ? entities.serial : field === 'company' ? companyInAnswer(reading.value ?? raw) : undefined;
      state.values[field] = found ?? reading.value ?? (field === 'productModel' || field === 'serial' ? withoutLabel(answer.value as string) : (answer.value as string));
      if (reading.note) state.notes = [...(state.notes ?? []), reading.note];
      if (field === 'name' || field === 'company') {
        await this.services.rememberCustomer(info.customer.id, { [field]: state.values[field] });
      }
    }
    state.asking = undefined;
    if (answer.status === 'ok') await this.absorb(step, state, entities);
    return step.replaceDialog(LOOP, state);
  }

  /**
   * What an answer holds for another question instead of this one. A wrong answer (a date question answered
   * with an address) is read for every empty field; an accepted free-text answer only for shapes nobody
   * types as a company, model or serial: a mobile number ("0912 345 678" is no company) and a street address.
   */
  private answersElsewhere(field: IntakeField, raw: string, status: 'ok' | 'invalid' | 'skipped', entityModel: string | undefined, spec: AnswerSpec, language: Language): OtherDetails {
    if (status === 'invalid') return detailsForOtherFields(raw, entityModel, spec.elsewhere ?? [], { language, text: spec.context });
    if (status !== 'ok' || !(['company', 'serial', 'productModel'] as IntakeField[]).includes(field)) return {};
    // Here the contact may already be known (an SMS number): a number typed now is the one to use, so it is read anyway.
    const fields: OtherField[] = ['contact', ...(field === 'productModel' ? [] : (['siteAddress'] as const))];
    return detailsForOtherFields(raw, undefined, fields, { language });
  }

  private async keepElsewhere(step: WaterfallStepContext<IntakeState>, state: IntakeState, found: OtherDetails): Promise<void> {
    const v = state.values;
    const cleared: IntakeField[] = [];
    if (found.siteAddress) {
      v.siteAddress = found.siteAddress;
      cleared.push('siteAddress');
    }
    if (found.productModel && !v.productModel) {
      v.productModel = found.productModel;
      cleared.push('productModel');
    }
    if (found.phone || found.email) {
      const contact = found.email ? { email: found.email } : { phone: found.phone };
      Object.assign(v, { phone: undefined, email: undefined }, contact);
      cleared.push('contact');
      await this.services.rememberCustomer(turnInfo(step.context).customer.id, contact);
    }
    state.skipped = state.skipped.filter((f) => !cleared.includes(f));
  }

  /**
   * "不是 是 RAS-50", "sorry, the number is 0922 333 444": a correction of an earlier answer replaces it, is
   * acknowledged with the new value, and the open question (if any) is asked again. True when one was applied.
   */
  private async corrected(step: WaterfallStepContext<IntakeState>, state: IntakeState, e: Entities): Promise<boolean> {
    const text = typeof step.result === 'string' ? step.result : '';
    const correction = correctionOf(text, e, turnInfo(step.context));
    // "不是空调，是除湿机": the description names the right product too.
    const swapped = this.swapProduct(state, text);
    if (!correction && !swapped) return false;
    await this.apply(step, state, correction ?? {}, swapped);
    return true;
  }

  /** Replaces the product the customer takes back in the description; true when it was there. */
  private swapProduct(state: IntakeState, text: string): boolean {
    const swap = productSwap(text);
    const problem = state.values.problem;
    if (!swap || !problem?.includes(swap.from)) return false;
    state.values.problem = problem.split(swap.from).join(swap.to);
    return true;
  }

  /** Replaces the values a correction or change names, and says what they are now ("Model DW-54"). */
  private async apply(step: WaterfallStepContext<IntakeState>, state: IntakeState, correction: Correction, problemChanged = false): Promise<void> {
    const info = turnInfo(step.context);
    const t = this.texts(step);
    const v = state.values;
    const changed: IntakeField[] = [];
    const set = (field: IntakeField, apply: () => void) => {
      apply();
      changed.push(field);
      state.skipped = state.skipped.filter((f) => f !== field);
    };
    if (correction.name) set('name', () => (v.name = correction.name));
    if (correction.company) set('company', () => (v.company = correction.company));
    if (correction.productModel) set('productModel', () => (v.productModel = correction.productModel));
    if (correction.serial) set('serial', () => (v.serial = correction.serial));
    if (correction.purchaseDate) set('purchaseDate', () => (v.purchaseDate = correction.purchaseDate));
    if (correction.siteAddress) set('siteAddress', () => (v.siteAddress = correction.siteAddress));
    if (correction.phone || correction.email) {
      const contact = correction.email ? { email: correction.email } : { phone: correction.phone };
      set('contact', () => Object.assign(v, { phone: undefined, email: undefined }, contact));
      await this.services.rememberCustomer(info.customer.id, contact);
    }
    if (correction.name || correction.company) await this.services.rememberCustomer(info.customer.id, { name: correction.name, company: correction.company });
    // "序號沒有": a detail the customer now leaves empty (the contact is never cleared: we need one).
    for (const field of correction.cleared ?? []) {
      if (field === 'phone' || field === 'email') continue;
      v[field] = undefined;
      changed.push(field);
      if (!state.skipped.includes(field)) state.skipped.push(field);
    }
    if (problemChanged) changed.push('problem');
    state.asking = undefined;
    const shown = changed.map((f) => `${t.fields[f].label} ${f === 'contact' ? (v.phone ?? v.email) : (v[f as Exclude<IntakeField, 'contact'>] ?? t.skipped)}`);
    await say(step.context, t.corrected(shown.join(t.listSeparator)));
  }

  /**
   * A change at the confirmation or after "No", said with its detail ("the model is DW-54 not DW-45") or sent
   * on its own (an address, a mobile number): applied at once rather than asked for again. True when one was.
   */
  private async changedAtConfirmation(step: WaterfallStepContext<IntakeState>, state: IntakeState): Promise<boolean> {
    const text = typeof step.result === 'string' ? step.result : '';
    const v = state.values;
    const fields = this.fields(state).map((f) => f.field);
    const current = { name: v.name, company: v.company, productModel: v.productModel, serial: v.serial, purchaseDate: v.purchaseDate, siteAddress: v.siteAddress, phone: v.phone, email: v.email };
    const change = statedChange(text, turnInfo(step.context), current);
    // Only details this report has: an inquiry has no site address to change.
    const formField = (k: Exclude<keyof Correction, 'cleared'>): IntakeField => (k === 'phone' || k === 'email' ? 'contact' : k);
    const kept = change && (Object.keys(change) as (keyof Correction)[]).filter((k): k is Exclude<keyof Correction, 'cleared'> => k !== 'cleared' && fields.includes(formField(k)));
    const cleared = change?.cleared?.filter((k) => fields.includes(formField(k))) ?? [];
    if (!change || (!kept?.length && !cleared.length)) return false;
    await this.apply(step, state, { ...(Object.fromEntries((kept ?? []).map((k) => [k, change[k]])) as Correction), cleared });
    return true;
  }

  /** Details an answer mentions beside what was asked ("it's the RAS-40NK, bought 2024-05") fill empty fields, never overwrite. */
  private async absorb(step: WaterfallStepContext<IntakeState>, state: IntakeState, e: Entities): Promise<void> {
    const info = turnInfo(step.context);
    const v = state.values;
    if (e.productModel && !v.productModel) v.productModel = e.productModel;
    if (e.serial && !v.serial) v.serial = e.serial;
    if (!v.phone && !v.email) {
      const contact = parseContact(e.email ?? e.phone ?? '', { language: info.language, text: [v.siteAddress, v.problem, info.understanding ? step.context.activity.text : ''].join(' ') });
      if (contact.ok) {
        Object.assign(v, contact.value);
        await this.services.rememberCustomer(info.customer.id, contact.value);
      }
    }
    if (e.purchaseDate && !v.purchaseDate) {
      const date = parsePartialDate(e.purchaseDate, info.now, info.timeZone);
      if (date.ok) v.purchaseDate = date.value;
    }
    // "I'm the facilities manager, David Lin", "on behalf of Acme Plastics Ltd", "installed at … Taoyuan City":
    // said in passing in any answer, so not asked again.
    const said = info.understanding ? statedDetails(step.context.activity.text ?? '') : {};
    if (said.name && !v.name) v.name = said.name;
    if (said.company && !v.company) v.company = said.company;
    if (said.siteAddress && !v.siteAddress) v.siteAddress = said.siteAddress;
    if (said.name || said.company) await this.services.rememberCustomer(info.customer.id, { name: v.name, company: v.company });
    if (!v.company && !state.skipped.includes('company') && isHousehold(step.context.activity.text ?? '', v.siteAddress)) state.skipped.push('company');
  }

  /** Fills the empty fields (and the one asked) from a list of details; true when the message was such a list. */
  private async keepListed(step: WaterfallStepContext<IntakeState>, state: IntakeState, field: IntakeField, raw: string): Promise<boolean> {
    const info = turnInfo(step.context);
    const listed = listedDetails(raw, { language: info.language, text: state.options.problem, now: info.now, timeZone: info.timeZone, entityModel: info.understanding?.entities.productModel });
    if (!listed) return false;
    const v = state.values;
    const filled: IntakeField[] = [];
    for (const key of ['name', 'company', 'productModel', 'purchaseDate', 'siteAddress'] as const) {
      if (listed[key] && (!v[key] || key === field)) {
        v[key] = listed[key];
        filled.push(key);
      }
    }
    if ((listed.phone || listed.email) && (field === 'contact' || (!v.phone && !v.email))) {
      const contact = listed.email ? { email: listed.email } : { phone: listed.phone };
      Object.assign(v, { phone: undefined, email: undefined }, contact);
      filled.push('contact');
      await this.services.rememberCustomer(info.customer.id, contact);
    }
    if (v.name || v.company) await this.services.rememberCustomer(info.customer.id, { name: v.name, company: v.company });
    state.skipped = state.skipped.filter((f) => !filled.includes(f));
    state.asking = undefined;
    return true;
  }

  /** The description with the product type said at the model question and the notes given with other answers. */
  private problemText(state: IntakeState, base: string | undefined): string | undefined {
    const type = state.productType && !(base ?? '').toLowerCase().includes(state.productType.toLowerCase()) ? state.productType : undefined;
    const parts = [type && base ? `${type}: ${base}` : (base ?? type), ...(state.notes ?? [])].filter(Boolean);
    return parts.length > 0 ? parts.join('\n') : undefined;
  }

  /** Every field with its value or "not given"; `compact`: only what was given, the description shortened. */
  private summary(state: IntakeState, t: IntakeTexts, compact = false): string {
    return this.fields(state)
      .map(({ field }) => {
        let value = field === 'contact' ? [state.values.phone, state.values.email].filter(Boolean).join(' / ') : field === 'problem' ? this.problemText(state, state.values.problem) : state.values[field];
        if (compact && !value) return undefined;
        if (compact && field === 'problem' && value) value = shorten(reportText(value), /[\u3400-\u9fff]/.test(value) ? SMS_PROBLEM_CJK : SMS_PROBLEM_LATIN);
        return `${t.fields[field].label}: ${value || t.skipped}`;
      })
      .filter(Boolean)
      .join('\n');
  }

  /** The confirmation question; on SMS made compact when the whole summary would take more than two parts. */
  private confirmation(state: IntakeState, t: IntakeTexts, channel: string): string {
    const full = `${this.summary(state, t)}\n${t.confirm}`;
    if (channel !== 'sms' || fitsTwoSmsParts(full)) return full;
    return `${this.summary(state, t, true)}\n${t.confirm}`;
  }

  private async askConfirm(step: WaterfallStepContext<IntakeState>): Promise<DialogTurnResult> {
    const state = step.options;
    if (state.options.urgent || state.options.category === 'complaint') return step.next(true);
    const t = this.texts(step);
    const info = turnInfo(step.context);
    const choices = info.language === 'en' ? ['Yes', 'No'] : ['是', '否'];
    const question = state.confirmRetry ? t.confirmRetry : this.confirmation(state, t, info.channel);
    state.confirmRetry = false;
    // Every answer comes to receiveConfirm (one attempt): a thank-you, a change or a missing detail is read
    // there, where the report is, rather than refused by the prompt as "not yes or no".
    return ask(step, question, t.confirmRetry, { kind: 'text', maxAttempts: 1 }, choices);
  }

  /** Yes to the summary: "係", "啱", "ok", and a thank-you ("thanks!") that takes the summary as it is. */
  private confirms(text: string, act: string | null | undefined): boolean | undefined {
    const said = yesNo(text);
    if (said !== undefined) return said;
    if (/^\s*(?:no|nope|not|不|唔|冇|否|沒|没)/i.test(text)) return act === 'deny' ? false : undefined;
    if (act === 'affirm' || act === 'thanks') return true;
    if (act === 'deny') return false;
    const own = conversationalAct(text);
    return own === 'affirm' || own === 'thanks' ? true : own === 'deny' ? false : undefined;
  }

  private async receiveConfirm(step: WaterfallStepContext<IntakeState>): Promise<DialogTurnResult> {
    const state = step.options;
    if (step.result === true) return this.open(step, state);
    const info = turnInfo(step.context);
    const text = typeof step.result === 'string' ? step.result : '';
    const button = this.buttonField(text, state);
    if (button) return this.reopen(step, state, button);
    // "不是 是 RAS-50", "the model is DW-54 not DW-45", or the address sent now: applied, and the summary shown again.
    // A change that names its details ("the address is … and my name is …") is read part by part first.
    if (await this.changedAtConfirmation(step, state)) return step.replaceDialog(CONFIRM, state);
    if (await this.corrected(step, state, info.understanding?.entities ?? {})) return step.replaceDialog(CONFIRM, state);
    const answer = this.confirms(text, info.understanding?.act);
    if (answer === true) return this.open(step, state);
    if (answer === undefined) {
      // Not understood too often: the report is kept as a ticket and a person checks it with the customer.
      state.confirmMisses = (state.confirmMisses ?? 0) + 1;
      if (state.confirmMisses > this.services.settings.maxMisunderstandings) return this.open(step, { ...state, options: { ...state.options, handoffAfter: 'misunderstood' } });
      state.confirmRetry = true;
      return step.replaceDialog(CONFIRM, state);
    }
    const t = this.texts(step);
    const fields = this.fields(state).map((f) => f.field);
    const spec: AnswerSpec = {
      kind: 'choice',
      choices: fields.map((f) => ({ value: f, labels: [t.fields[f].label, intakeTexts.en.fields[f].label, f] })),
      maxAttempts: this.services.settings.maxMisunderstandings + 1,
      // "the model is DW-54 not DW-45" names the field and its new value: let it through, receiveChange applies it.
      corrections: true,
      elsewhere: ['siteAddress', 'contact'],
    };
    return ask(step, t.whichField, t.whichFieldRetry, spec, fields.map((f) => t.fields[f].label));
  }

  private async receiveChange(step: WaterfallStepContext<IntakeState>): Promise<DialogTurnResult> {
    const state = step.options;
    const t = this.texts(step);
    // The web chat sends the tapped button's label ("Company/project") as text: it picks the field, it is no value.
    const button = this.buttonField(typeof step.result === 'string' ? step.result : '', state);
    if (button) return this.reopen(step, state, button);
    if (await this.changedAtConfirmation(step, state)) return step.replaceDialog(CONFIRM, state);
    if (await this.corrected(step, state, turnInfo(step.context).understanding?.entities ?? {})) return step.replaceDialog(CONFIRM, state);
    const fields = this.fields(state).map((f) => f.field);
    const answer = answerOf(step, step.result, {
      kind: 'choice',
      choices: fields.map((f) => ({ value: f, labels: [t.fields[f].label, intakeTexts.en.fields[f].label, f] })),
      maxAttempts: 1,
    });
    if (answer.status !== 'ok') return this.open(step, { ...state, options: { ...state.options, handoffAfter: 'misunderstood' } });
    return this.reopen(step, state, answer.value as IntakeField);
  }

  /** A field's label sent whole, in any of the three languages ("Company/project", 「公司/專案」, 「序號」). */
  private buttonField(text: string, state: IntakeState): IntakeField | undefined {
    const t = text.trim().replace(/[.。!！]+$/, '').toLowerCase();
    if (!t) return undefined;
    return this.fields(state)
      .map(({ field }) => field)
      .find((field) => Object.values(intakeTexts).some((texts) => texts.fields[field].label.toLowerCase() === t));
  }

  /** Empties a field and asks its question again. */
  private reopen(step: WaterfallStepContext<IntakeState>, state: IntakeState, field: IntakeField): Promise<DialogTurnResult> {
    if (field === 'contact') {
      state.values.phone = undefined;
      state.values.email = undefined;
    } else {
      state.values[field] = undefined;
    }
    state.skipped = state.skipped.filter((f) => f !== field);
    return step.replaceDialog(LOOP, state);
  }

  /** `cutShort`: the customer stopped before the end; staff are told what is missing. */
  private async open(step: WaterfallStepContext, state: IntakeState, cutShort = false): Promise<DialogTurnResult> {
    const info = turnInfo(step.context);
    const v = state.values;
    const o = state.options;
    const ticket = await this.services.openTicket({
      customerId: info.customer.id,
      conversationId: info.conversation.id,
      category: o.category,
      complaintType: o.complaintType,
      urgency: o.urgent ? 'high' : o.urgency,
      complexity: o.complexity,
      channel: info.channel,
      language: info.language,
      problem: this.problemText(state, v.problem ?? o.problem) ?? '(no description)',
      contactName: v.name,
      company: v.company,
      contactPhone: v.phone,
      contactEmail: v.email,
      productModel: v.productModel,
      serial: v.serial,
      ...(v.purchaseDate ? { purchaseDate: storedDate(v.purchaseDate).date, purchaseDatePrecision: storedDate(v.purchaseDate).precision } : {}),
      siteAddress: v.siteAddress,
      province: v.siteAddress ? provinceOf(v.siteAddress) : undefined,
      linkedTicketId: o.linkedTicketId,
      sourceMessageId: info.inboundMessageId,
    });
    const handoffReason = o.urgent ? 'high_urgency' : o.handoffAfter;
    if (handoffReason) {
      const missing = this.fields(state).filter(({ field }) => (field === 'contact' ? !v.phone && !v.email : !v[field]));
      const note = cutShort && missing.length > 0 ? `Report incomplete, missing: ${missing.map(({ field }) => intakeTexts.en.fields[field].label).join(', ')}.` : undefined;
      return step.replaceDialog(HANDOFF_DIALOG, { reason: handoffReason, ticketId: ticket.id, ticketNumber: ticket.number, keptReport: cutShort, note } satisfies HandoffOptions);
    }
    const t = this.texts(step);
    const lines = [t.opened(formOfAddress(v.name), ticket.number), ...this.promiseLines(ticket.promises, t, info.language, info.timeZone), t.closing];
    await say(step.context, sentences(step.context, ...lines), { meta: { ticketNumber: ticket.number } });
    return step.endDialog({ ticketId: ticket.id, ticketNumber: ticket.number });
  }

  private promiseLines(promises: PromiseView[], t: IntakeTexts, language: Parameters<typeof formatTime>[1], timeZone: string): string[] {
    const at = (kind: string) => promises.find((p) => p.kind === kind);
    const lines: string[] = [];
    const first = at('callback') ?? at('first_response');
    if (first) lines.push((first.kind === 'callback' ? t.callback : t.firstResponse)(formatTime(first.dueAt, language, timeZone)));
    const email = at('email_reply');
    if (email) lines.push(t.emailReply(formatTime(email.dueAt, language, timeZone)));
    const onSite = at('on_site_arrival');
    if (onSite) lines.push(t.onSite(formatTime(onSite.dueAt, language, timeZone)));
    return lines;
  }
}
