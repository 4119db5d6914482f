import type { Language } from '../../src/messages/channel-kind.js';
import { extractEntities } from '../../src/understanding/entities.js';
import type { Entities } from '../../src/understanding/understanding-schema.js';
import { contactOnly, mobileNumberOnly, parseEmail, parsePartialDate, parsePhone } from './answers.js';
import { withoutFiller } from './answer-filler.js';
import { addressInAnswer, nameInAnswer, statedAddress } from './stated-details.js';

/** "sorry, the number is …", "不是 是 RAS-50", "說錯了，型號是 …": the customer takes back something said before. */
const CORRECTION = /^\s*(?:(?:不好意思|抱歉|對不起|对不起|唔好意思)[\s,，、]*)?(?:sorry|oops|correction|i mean|i meant|actually|wait|no[,，]|wrong|不是|不对|不對|唔係|唔系|唔啱|更正|改成|改為|改为|打錯|打错|說錯|说错|講錯|讲错|寫錯|写错|應該是|应该是|搞錯|搞错|錯了|错了|地址打錯|地址打错|地址錯了|地址错了)/i;
/** "型號打錯了，是 …", "the model is actually …": words that take something back, anywhere in a message. */
// Only words that take something back wherever they stand: "sorry to bother you, my number is …" corrects nothing.
const TAKEN_BACK = /\b(?:is|was|it'?s) actually\b|\b(?:i mean|i meant|typo|should be)\b|打錯|打错|寫錯|写错|說錯|说错|講錯|讲错|搞錯|搞错|錯了|错了|更正|應該是|应该是/i;

/** Whether a message corrects something said before: it starts like a correction, or takes something back on the way. */
export function soundsLikeCorrection(text: string): boolean {
  return CORRECTION.test(text) || TAKEN_BACK.test(text);
}

/** Where the new value starts: "不是 0912…，是 0922…" corrects to the number after the last "是". */
const NEW_VALUE = /(?:應該是|应该是|should be|i mean|i meant|it'?s|it is|\bis\b|是|係|系|改成|改為|改为)\s*/gi;

type CorrectedValues = { productModel?: string; serial?: string; phone?: string; email?: string; purchaseDate?: string; siteAddress?: string; name?: string; company?: string };
/** What a correction changes, in the form intake keeps its values; `cleared`: details now left empty ("序號沒有"). */
export type Correction = CorrectedValues & { cleared?: (keyof CorrectedValues)[] };

export type CorrectionContext = { now: Date; timeZone: string; language?: Language };

/** The words after the last "是" / "is" / "I mean": the value the customer wants now. */
function newValuePart(text: string): string {
  let tail = text;
  for (const m of text.matchAll(NEW_VALUE)) tail = text.slice(m.index + m[0].length);
  return tail.trim();
}

function present(c: Correction): Correction | undefined {
  const found = Object.fromEntries(Object.entries(c).filter(([, v]) => v)) as Correction;
  return Object.keys(found).length > 0 ? found : undefined;
}

/**
 * The values a message corrects: only a message that reads like a correction ("sorry, …", "型號打錯了，是 …") and names a detail we can
 * read (model, serial, phone, e-mail, purchase date, a site address). The value after the last "是" / "is"
 * wins, so "不是 0912…，是 0922…" corrects to the second number. Anything else is an answer.
 */
export function correctionOf(text: string, entities: Entities | undefined, ctx: CorrectionContext): Correction | undefined {
  if (!soundsLikeCorrection(text)) return undefined;
  const tail = newValuePart(text);
  const e = tail && tail !== text.trim() ? extractEntities(tail, { now: ctx.now, timeZone: ctx.timeZone, language: ctx.language }) : {};
  const phone = e.phoneE164 ?? (e.phone ? parsePhone(e.phone, { language: ctx.language }) : undefined);
  const fromTail = present({
    productModel: e.productModel,
    serial: e.serial,
    phone: typeof phone === 'string' ? phone : phone?.ok ? phone.value : undefined,
    email: e.email,
    siteAddress: statedAddress(tail),
  });
  if (fromTail) return fromTail;
  // "sorry I mean March 2023": a bare date is a purchase date only when nothing else was read.
  const date = parsePartialDate(tail || text, ctx.now, ctx.timeZone);
  return present({
    productModel: entities?.productModel,
    serial: entities?.serial,
    phone: entities?.phoneE164,
    email: entities?.email,
    purchaseDate: entities?.purchaseDate ?? (date.ok ? date.value : undefined),
    siteAddress: statedAddress(text),
  });
}

type ChangeField = keyof CorrectedValues;

/** The words that name a detail, in the three languages, longest first where one contains another. */
const FIELD_WORDS: readonly [ChangeField, string][] = [
  ['productModel', String.raw`model(?:\s*(?:no\.?|number|#))?|產品型號|产品型号|型號|型号|機型|机型`],
  ['serial', String.raw`serial(?:\s*(?:no\.?|number))?|s\/n|機身序號|机身序列号|序號|序列号|序号`],
  ['email', String.raw`e-?mail(?:\s*address)?|電子郵件|电子邮件|電郵|电邮|郵箱|邮箱|信箱`],
  ['phone', String.raw`(?:phone|mobile|contact|tel(?:ephone)?)(?:\s*(?:no\.?|number))?|number|聯絡電話|联系电话|聯絡方式|联系方式|電話|电话|手機|手机`],
  ['siteAddress', String.raw`(?:site\s+)?address|location|設備地址|设备地址|安裝地址|安装地址|地址`],
  ['purchaseDate', String.raw`purchase\s+date|date\s+of\s+purchase|(?:we\s+|i\s+)?(?:bought|purchased)(?:\s+it)?|購買日期|购买日期|購買時間|购买时间|購買|购买|買咗|买的|買的`],
  ['name', String.raw`(?:my\s+|contact\s+)?name|姓名|名字|聯絡人|联系人`],
  ['company', String.raw`company|project|公司|專案|项目|專案名稱|项目名称`],
];
const LEAD = String.raw`^\s*(?:(?:no|nope|sorry|actually|oops|wait|不是|不對|不对|唔係|唔啱|錯了|错了|有錯|有错)[\s,，.。!！]*)?(?:the\s+|my\s+|our\s+|it'?s\s+the\s+)?`;
const LINK = String.raw`\s*(?:(?:打|寫|写|講|讲|說|说|填)?(?:錯|错)了?[，,、\s]*)?(?:should\s+be|is\s+actually|is|was|=|:|：|應該是|应该是|改為|改为|改成|要改成|換成|换成|是|係|系|為|为|in|on)?\s*`;
/** "…, not DW-45", "…而不是 DW-45", "…唔係 DW-45": the old value the customer sets aside, which we drop. */
const NOT_OLD = /(?:[\s,，]*(?:not|instead of|rather than|而不是|並不是|并不是|不是|唔係|唔系)\s*\S.*)$/i;

function clean(value: string): string {
  return value.replace(NOT_OLD, '').trim().replace(/^[“"'「『]|[”"'」』]$/g, '').replace(/[\s,，.。!！]+$/, '').trim();
}

/** The value a detail takes from what the customer wrote after its name, read as that detail; undefined when it does not fit. */
function valueAs(field: ChangeField, value: string, ctx: CorrectionContext): string | undefined {
  if (!value) return undefined;
  switch (field) {
    case 'phone': {
      const phone = parsePhone(value, { language: ctx.language });
      return phone.ok ? phone.value : undefined;
    }
    case 'email': {
      const email = parseEmail(value);
      return email.ok ? email.value : undefined;
    }
    case 'purchaseDate': {
      const date = parsePartialDate(value, ctx.now, ctx.timeZone);
      return date.ok ? date.value : undefined;
    }
    case 'name':
      return value.length <= 60 && !/\d{4,}/.test(value) ? nameInAnswer(withoutFiller(value)) : undefined;
    case 'productModel':
    case 'serial':
      // A code has a digit: "Serial number" (the menu button) is no serial "number".
      return /^[A-Za-z0-9][A-Za-z0-9\-/. #]{1,40}$/.test(value) && /\d/.test(value) ? value : undefined;
    default:
      // "Company/project" (the menu button) is no company "/project".
      return value.length >= 2 && /^[\p{L}\p{N}]/u.test(value) ? value.slice(0, 200) : undefined;
  }
}

const NEW_NOT_OLD = /^\s*(?:(?:是|係|系|it'?s)\s*)?(.+?)[\s,，]*(?:not|instead of|rather than|而不是|不是|唔係|唔系)\s*(.+?)[\s.。!！]*$/i;
const NOT_OLD_BUT_NEW = /^\s*(?:不是|唔係|唔系|not)\s*(.+?)[\s,，]*(?:是|係|系|it'?s|but)\s*(.+?)[\s.。!！]*$/i;

function oldAndNew(text: string): { old: string; new: string } | undefined {
  const first = NOT_OLD_BUT_NEW.exec(text);
  if (first) return { old: first[1]!.trim(), new: first[2]!.trim() };
  const second = NEW_NOT_OLD.exec(text);
  return second ? { old: second[2]!.trim(), new: second[1]!.trim() } : undefined;
}

/**
 * A change said with the detail it changes, at the confirmation or after "No" ("the model is DW-54 not DW-45",
 * "地址改為台中市…", "電話係 0912 345 678"), or a detail sent on its own there (an address, a mobile number):
 * the new values, or undefined when the message names none. `current` are the values shown in the summary, so
 * "DW-54 not DW-45" changes whichever detail was DW-45.
 */
export function statedChange(text: string, ctx: CorrectionContext, current: Partial<Record<ChangeField, string>> = {}): Correction | undefined {
  const parts = clauses(text);
  if (parts.length > 1) {
    // "名字是林雅婷，序號沒有，其他都對": each part names its own detail; parts naming none ("其他都對") add nothing.
    const merged: Correction = {};
    for (const part of parts) {
      const cleared = clearedField(part);
      const change = cleared ? { cleared: [cleared] } : oneChange(part, ctx, current);
      if (change) Object.assign(merged, change, { cleared: [...(merged.cleared ?? []), ...(change.cleared ?? [])] });
    }
    if (!merged.cleared?.length) delete merged.cleared;
    if (Object.keys(merged).length > 0) return merged;
  }
  const cleared = clearedField(text);
  return cleared ? { cleared: [cleared] } : oneChange(text, ctx, current);
}

const ALL_FIELD_WORDS = FIELD_WORDS.map(([, words]) => words).join('|');
/** Where a second detail starts: a comma, "and" or "；" followed by a detail's name. */
const NEXT_CLAUSE = new RegExp(String.raw`(?:[，,；;。]\s*(?:and\s+)?|\s+and\s+)(?=(?:the\s+|my\s+|our\s+)?(?:${ALL_FIELD_WORDS})(?![A-Za-z]))`, 'i');

function clauses(text: string): string[] {
  return text
    .split(NEXT_CLAUSE)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** "序號沒有", "serial: none", "公司不用填": a detail the customer wants left empty. */
const NONE_VALUE = String.raw`\s*(?:是|係|is|[:：])?\s*(?:沒有|没有|冇|無|无|不知道|唔知|不用填?|不需要|略過|略过|跳過|跳过|none|n\/a|no|skip|unknown|not known)(?=\s*$|[\s,，。.!！](?!\s*\d)|其他|其它)`;

function clearedField(text: string): ChangeField | undefined {
  for (const [field, words] of FIELD_WORDS) {
    if (field === 'phone' || field === 'email') continue;
    if (new RegExp(`${LEAD}(?:${words})${NONE_VALUE}`, 'i').test(text.trim())) return field;
  }
  return undefined;
}

function oneChange(text: string, ctx: CorrectionContext, current: Partial<Record<ChangeField, string>>): Correction | undefined {
  const t = text.trim();
  for (const [field, words] of FIELD_WORDS) {
    const m = new RegExp(`${LEAD}(?:${words})${LINK}(.+)$`, 'i').exec(t);
    if (!m) continue;
    const value = valueAs(field, clean(m[1]!), ctx);
    if (value) return { [field]: value };
  }
  // "DW-54 not DW-45", "是 DW-54 唔係 DW-45", "不是 DW-45，是 DW-54": the old value tells which detail.
  const swap = oldAndNew(t);
  if (swap) {
    const field = (Object.keys(current) as ChangeField[]).find((f) => current[f]?.toLowerCase() === swap.old.toLowerCase());
    const value = field ? valueAs(field, clean(swap.new), ctx) : undefined;
    if (field && value) return { [field]: value };
  }
  const address = addressInAnswer(t);
  if (address) return { siteAddress: address };
  const phone = mobileNumberOnly(t, { language: ctx.language });
  if (phone) return { phone };
  const email = contactOnly(t)?.email;
  return email ? { email } : undefined;
}

/** A product word: what "不是空调，是除湿机" swaps; a code is a model and left to the correction. */
const PRODUCT_ZH = String.raw`([\u3400-\u9fff]{2,5}?)`;
const SWAP_ZH = new RegExp(String.raw`不是\s*(?:那台|這台|这台)?${PRODUCT_ZH}\s*[，,、]?\s*(?:而)?是\s*(?:那台|這台|这台)?${PRODUCT_ZH}(?=在|有|的|[，,。.!！\s]|$)`);
const SWAP_EN = /\bnot (?:the |a |my |our )?([a-z][a-z ]{1,24}?)\s*[,;]?\s*(?:it'?s|it is|but) (?:the |a |my |our )?([a-z][a-z ]{1,24}?)\s*(?=[,.;!]|$)/i;

/**
 * "不是空调，是除湿机在漏水", "it's not the fridge, it's the freezer": the product the customer names instead of
 * the one said before, so the description can say the right one. Undefined when the message swaps no product.
 */
export function productSwap(text: string): { from: string; to: string } | undefined {
  const m = SWAP_ZH.exec(text) ?? SWAP_EN.exec(text);
  if (!m || /\d/.test(m[1]! + m[2]!)) return undefined;
  return { from: m[1]!.trim(), to: m[2]!.trim() };
}
