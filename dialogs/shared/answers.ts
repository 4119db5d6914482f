import { normaliseEmail, normalisePhone } from '../../src/customers/contact-address.js';
import type { Language } from '../../src/messages/channel-kind.js';
import { readDate, type DateDirection } from './dates.js';
import { resolvePhone } from '../../src/understanding/phone-region.js';
import { parseTicketNumber } from '../../src/tickets/ticket-service.js';
import { provinceOfCity } from '../../src/sla/city-province.js';

/** What a free-text answer means for one kind of question. */
export type Parsed<T> = { ok: true; value: T } | { ok: false };

const SKIP =
  /^\s*(?:skip|pass|none|n\/a|na|no|nope|no idea|(?:i )?(?:don'?t|do not) know|(?:i'?m )?not sure|dunno|unknown|forgot|略過|略过|跳過|跳过|不知道|不清楚|不記得|不记得|不確定|不确定|忘了|忘記了|忘记了|沒有|没有|無|无|冇|唔知|不|否|不用|不用了|未知)\s*[.!。！~]?\s*$/i;
/** Sentence-final particles that do not change a yes or a no: "係呀", "對啊", "是的喔". */
const PARTICLE = String.raw`(?:呀|啊|阿|啦|喇|嘅|囉|咯|喔|哦|噢|吖|嘛|了)?`;
const YES = new RegExp(
  String.raw`^\s*(?:y|yes|yeah|yep|yup|ok|okay|sure|correct|right|confirm|confirmed|yes please|yes,? (?:that'?s )?(?:correct|right)|that'?s (?:right|correct)|looks (?:good|right|fine)|all (?:good|correct)|perfect|exactly|1|是|是的|對|对|對的|对的|好|好的|沒錯|没错|正確|正确|確認|确认|可以|行|沒問題|没问题|係|系|係嘅|啱|啱晒|冇錯|無錯|无错|正確無誤|正确无误)\s*${PARTICLE}\s*[.!。！~～]*\s*$`,
  'i',
);
const NO = new RegExp(
  String.raw`^\s*(?:n|no|nope|wrong|incorrect|not (?:right|correct)|change|2|不|不是|否|不對|不对|錯|错|修改|更改|不正確|不正确|唔係|唔系|唔啱|唔對|唔正確|有錯|有错)\s*${PARTICLE}\s*[.!。！~～]*\s*$`,
  'i',
);

export function isSkip(text: string): boolean {
  return SKIP.test(text);
}

/** Yes / no as three answers: true, false, or not understood. */
export function yesNo(text: string): boolean | undefined {
  if (YES.test(text)) return true;
  if (NO.test(text)) return false;
  return undefined;
}

/** What tells a bare number's country: the conversation's language and what else the customer wrote (an address). */
export type PhoneContext = { language?: Language; text?: string };

/** Runs of digits with the separators people type inside a phone number ("0921-334-556", "+886 (2) 2345 6789"). */
const PHONE_RUN = /\+?\(?\d[\d()\s-]*\d/g;

/** A phone number judged by region: 13812345678 is a mainland mobile (+86), 0912… Taiwan (+886), 8 digits Hong Kong (+852). */
export function parsePhone(text: string, context: PhoneContext = {}): Parsed<string> {
  // The number is one run of digits: "電話0921-334-556，地址…路12號" must not glue the house number onto it.
  const runs = (text.match(PHONE_RUN) ?? []).filter((run) => run.replace(/\D/g, '').length >= 7);
  const candidate = runs.length === 1 ? runs[0]!.trim() : text.replace(/[^\d+()\s-]/g, ' ').trim();
  const digits = candidate.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return { ok: false };
  const resolved = resolvePhone(candidate, { text: `${context.text ?? ''} ${text}`, language: context.language });
  const phone = resolved?.e164 ?? normalisePhone(candidate);
  return phone ? { ok: true, value: phone } : { ok: false };
}

export function parseEmail(text: string): Parsed<string> {
  const match = /[^\s<>()@,;:]+@[^\s<>()@,;:]+/.exec(text);
  const email = match ? normaliseEmail(match[0].replace(/[.。]+$/, '')) : null;
  return email ? { ok: true, value: email } : { ok: false };
}

/** A phone number or an e-mail address, whichever the customer gave. */
/** Words around a phone number or address given on its own: "我的電話是 …", "my number is …", "email: …". */
const CONTACT_LABELS = /我的|我嘅|我们的|我們的|手機|手机|電話|电话|號碼|号码|聯絡方式|联系方式|聯絡|联络|联系|郵件|邮件|信箱|邮箱|\b(?:my|our|mobile|cell|phone|number|no|tel|e-?mail|address|is|it's|here)\b|[是係:：,，.。!！~～-]/gi;

/**
 * A message that only gives a phone number or e-mail address ("我的電話是 0955666777", "my email is a@b.co"):
 * the contact, or null when anything else is said. It answers no question and asks for no service.
 */
export function contactOnly(text: string, context: PhoneContext = {}): { phone?: string; email?: string } | null {
  const contact = parseContact(text, context);
  if (!contact.ok) return null;
  const rest = text
    .replace(/[^\s@]{1,64}@[^\s@]{1,255}/g, ' ')
    .replace(/\+?[\d\s()-]{7,}/g, ' ')
    .replace(CONTACT_LABELS, ' ');
  return /[\p{L}\p{N}]/u.test(rest) ? null : contact.value;
}

/**
 * A question typed instead of the answer ("等一下，你们周末上班吗？", "wait whats the warranty period?"):
 * never the value of a field. Answering it is the interruption's job; the field only refuses to keep it.
 */
const QUESTION =
  /[?？]\s*$|(?:嗎|吗|呢|咩)\s*[?？。.!！]*\s*$|^\s*(?:wait|hold on|hang on|等一下|等等|等陣|稍等|請問|请问|想問|想问|問下|问下|咁|那)[\s,，、.。!！]*(?:.*(?:[?？]|嗎|吗|呢|咩|幾|几|多久|多少|幾時|几时|什麼|什么|甚麼|點|点|邊|边|是否|有沒有|有没有|有冇|\b(?:what|whats|when|how|why|where|which|who|do|does|are|is|can|could|will)\b))|^\s*(?:what|whats|what's|when|how|why|where|which|who|do you|does|are you|is it|is there|can you|could you|will you)\b/i;
/** "算了不修了", "forget it", "唔使修喇": the customer gives up the request; the cancellation is not a value either. */
const GIVING_UP =
  /^\s*(?:算了|不修了|不用修了?|不要修了?|唔修喇?|唔使修喇?|唔駛修喇?|唔要喇?|取消|不用了|不要了|cancel|forget it|never ?mind|don'?t bother|no longer need)(?=[\s,，。.!！~]|$)|(?:算了|不修了|唔修喇|唔使修|不用修了|不要修了|取消(?:報修|报修|工單|工单)?|forget it|never ?mind|cancel (?:it|the (?:repair|request|ticket)))\s*[.!。！~]*\s*$/i;

/** Whether `text` gives up the request ("算了不修了", "forget it"). */
export function givesUp(text: string): boolean {
  return GIVING_UP.test(text.trim());
}

/** Whether `text` asks something or gives up instead of answering: no field may store it. */
export function notAnAnswer(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && (QUESTION.test(t) || GIVING_UP.test(t));
}

/**
 * A message that is nothing but a mobile number in one of our regions (0912 345 678, 13812345678, +852 9123
 * 4567): given at the serial or company question, it answers the contact question. Serials can be digits too,
 * so only the unmistakable mobile shapes count; the E.164 form, or null.
 */
export function mobileNumberOnly(text: string, context: PhoneContext = {}): string | null {
  const t = text.replace(/^(?:我的|我嘅|my)?\s*(?:手機|手机|電話|电话|mobile|phone|number|tel)?\s*(?:號碼|号码)?\s*(?:是|係|系|is|[:：])?\s*/i, '').replace(/[.。!！]+$/, '').trim();
  const mobile = /^(?:(?:\+?886[\s-]?|0)9\d{2}[\s-]?\d{3}[\s-]?\d{3}|(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}|\+?852[\s-]?[5-9]\d{3}[\s-]?\d{4})$/;
  if (!mobile.test(t)) return null;
  const phone = parsePhone(t, context);
  return phone.ok ? phone.value : null;
}

/** Words of a request or a question, never of a name: "查詢維修進度" sent to "May I have your name?" is not a name. */
const NOT_A_NAME = /查詢|查询|維修|维修|報修|报修|進度|进度|故障|壞|坏|問題|问题|投訴|投诉|工單|工单|客服|請問|请问|幫我|帮我|不冷|不熱|不热|漏水|[?？]|\b(?:repair|status|broken|problem|help|not working|complain|complaint|ticket|leaking|fix)\b/i;

/** Whether `text` can be a person's name: short, not a number, not a request. */
export function isPlausibleName(text: string): boolean {
  return text.length > 0 && text.length <= 100 && !/\d{4,}/.test(text) && !NOT_A_NAME.test(text);
}

export function parseContact(text: string, context: PhoneContext = {}): Parsed<{ phone?: string; email?: string }> {
  const email = parseEmail(text);
  if (email.ok) return { ok: true, value: { email: email.value } };
  const phone = parsePhone(text, context);
  if (phone.ok) return { ok: true, value: { phone: phone.value } };
  return { ok: false };
}

/**
 * A date as precise as it was given: "2024-03-05" (day), "2024年5月" / "March 2024" → "2024-05" (month,
 * never silently the 1st), "last year" / "兩年前" → "2024" (year); relative forms ("去年三月", "yesterday";
 * with `future`: "明天", "下週二") count from `today`. Impossible dates and dates on the wrong side of today
 * are refused. Every date question reads its answer here (dialogs/shared/dates.ts).
 */
export function parsePartialDate(text: string, today: Date, timeZone: string, direction: DateDirection = 'past'): Parsed<string> {
  const date = readDate(text, today, timeZone, direction);
  return date ? { ok: true, value: date.value } : { ok: false };
}

export { storedDate } from '../../src/tickets/ticket-details.js';

/** A score 1–5: a digit, a word ("five", "五", "5分"), or stars. */
export function parseRating(text: string): Parsed<number> {
  const t = text.trim().toLowerCase();
  const words: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, 一: 1, 二: 2, 兩: 2, 两: 2, 三: 3, 四: 4, 五: 5 };
  const stars = (t.match(/[★⭐*]/g) ?? []).length;
  if (stars >= 1 && stars <= 5 && /^[★⭐*\s]+$/.test(t)) return { ok: true, value: stars };
  const digit = /^(?:\D{0,6})?([1-5])(?:\s*(?:分|星|顆星|颗星|stars?|points?|\/\s*5))?\s*[.!。！]?$/.exec(t);
  if (digit) return { ok: true, value: Number(digit[1]) };
  const word = /^(one|two|three|four|five|一|二|兩|两|三|四|五)\s*(?:分|星|顆星|颗星)?$/.exec(t);
  if (word) return { ok: true, value: words[word[1]!]! };
  return { ok: false };
}

/** Picks one of `choices` by number ("2"), by its text, or by any of its synonyms. */
export function parseChoice<T extends string>(text: string, choices: readonly { value: T; labels: readonly string[] }[]): Parsed<T> {
  const t = text.trim().toLowerCase().replace(/[.。!！]$/, '');
  const n = /^\d{1,2}$/.test(t) ? Number(t) : NaN;
  if (n >= 1 && n <= choices.length) return { ok: true, value: choices[n - 1]!.value };
  for (const choice of choices) {
    if (choice.labels.some((l) => t === l.toLowerCase())) return { ok: true, value: choice.value };
  }
  for (const choice of choices) {
    if (choice.labels.some((l) => l.length >= 2 && t.includes(l.toLowerCase()))) return { ok: true, value: choice.value };
  }
  return { ok: false };
}

/**
 * The province part of a site address: "台北市信義區…" → "台北市", "12 Main Rd, Taichung City, Taiwan" → "Taichung City";
 * a mainland city gives its province ("苏州工业园区…" → "江苏省", "广州市天河区…" → "广东省").
 */
export function provinceOf(address: string): string | undefined {
  const byCity = provinceOfCity(address);
  if (byCity) return byCity;
  const chinese = /^(?:中國|中国|台灣|臺灣|台湾)?\s*([\u4e00-\u9fff]{2,3}?[省市縣县])/.exec(address.trim());
  if (chinese) return chinese[1];
  const parts = address
    .split(/[,，]/)
    .map((p) => p.trim())
    .filter((p) => p && !/\d/.test(p) && !/^(?:taiwan|r\.?o\.?c\.?|china|hong kong)$/i.test(p));
  return parts.at(-1);
}

/** "SR-2026-000123", "sr 2026 123" or keypad digits "2026000123" → the canonical ticket number. */
export function parseTicketReference(text: string): string | null {
  const parsed = parseTicketNumber(text);
  if (parsed) return parsed;
  const digits = /^\s*((?:19|20)\d{2})(\d{6})\s*#?\s*$/.exec(text);
  return digits ? `SR-${digits[1]}-${digits[2]}` : null;
}
