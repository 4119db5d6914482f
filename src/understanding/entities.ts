import type { Entities } from './understanding-schema.js';

type Span = { start: number; end: number; value: string };

const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,4}\.[A-Za-z]{2,24}\b/g;
/** Our own ticket numbers, then other prefixed references (ticket, RMA, sales order, invoice, contract, work order). */
const OWN_TICKET = /\bSR-\d{4}-\d{6}\b/gi;
const PREFIXED_REF = /(?<![\w-])(?:TK|SR|RMA|SO|INV|HT|GD|PO|CT|WO|ORD|REF|CASE|JOB)-?(?:\d{3,}|\d{2}-\d{2,})(?:-\d+)*(?![\w-])/gi;
const SPACED_REF = /(?<![\w-])(?:tk|sr|rma|so|inv|po|wo)\s?#?\s?\d{3,}(?![\w-])/gi;
const WORD_REF = /\b(?:ticket|case|order|job|invoice|contract|rma|reference|ref)(?:\s+(?:no\.?|number|#))?\s*[#:]?\s*\d{3,}\b/gi;
const ZH_REF = /(?:工单|工單|单号|單號|订单|訂單|维修单|維修單|合同|合約|发票|發票|案件)(?:号|號|编号|編號)?\s*[:：#]?\s*(\d{3,})/g;
const SERIAL = /(?:\bS\/N|\bSN\b|\bserial(?:\s*(?:no\.?|number|#))?|序號|序号|序列號|序列号|機身序號|机身序号|機身號|机身号|機身編號|机身编号|設備編號|设备编号|機號|机号)\s*[:：#]?\s*(?=[A-Za-z-]*\d)([A-Za-z0-9][A-Za-z0-9-]{3,}[A-Za-z0-9])/gi;
const PHONE = /(?<![\w$.,/-])(?:\+\d{1,3}[ -]?)?(?:\(\d{2,4}\)\s?)?(?:\d{2,4}(?:[ -]\d{3,4}){1,2}|1[3-9]\d{9}|09\d{8})(?![\w/-]|[.,]\d)/g;
const PHONE_CUE = /(?:tel|phone|mobile|mob|call|cell|whatsapp|number|电话|電話|手机|手機|联系|聯絡|聯繫|回电|回電|致电)\W{0,12}$/i;

const BRANDS = 'HP|Brother|Canon|Epson|Ricoh|Xerox|Kyocera|Lexmark|Konica Minolta|Daikin|Carrier|Trane|Mitsubishi|Fanuc|Haas|Mazak|DMG Mori|Atlas Copco|Kaeser|Ingersoll Rand|APC|Eaton|Vertiv|Kone|Otis|Schindler|Thermo Fisher|Thermo|Mettler Toledo|Agilent|Shimadzu|Eppendorf|Rational|Bosch|Verifone|Ingenico|Siemens|Honeywell|Zebra|Samsung|Dell|Lenovo';
const BRAND_MODEL = new RegExp(`\\b(?:${BRANDS})(?:\\s+[A-Za-z][\\w/-]*){0,3}?\\s+[\\w/-]*\\d[\\w/.-]*(?:\\s+(?:Pro|Plus|Max|Mini|II|III|IV))?(?<![.-])`, 'gi');
const CODE_MODEL = /(?<![\w-])[A-Za-z]{1,5}(?:-[A-Za-z]{0,2}\d{1,5}[A-Za-z]{0,2}|\d{2,5}[A-Za-z]{0,2})(?:\s(?:Pro|Plus|Max|Mini|Lite|pro|plus|max|mini))?(?=s?(?![\w-]))/g;
const CAMEL_MODEL = /\b[A-Z][a-z]+(?:[A-Z][a-z]+)+(?:\s\d+(?:\.\d+)?)?\b/g;
const NOT_MODELS = /^(?:CO2|SO2|NO2|NOX|PM\d+|H2S|O3|A[345]|USB\d?|COVID-?19|ISO-?\d+|IP\d+|MP\d|WIN\d+|Q[1-4]|TK|RMA|INV|SO|GD|HT|PO|SR)$/i;
const REF_PREFIX = /^(?:TK|SR|RMA|SO|INV|HT|GD|PO|CT|WO|ORD|REF|CASE|JOB)-?\d/i;
const NOT_CAMEL = /^(?:WhatsApp|PayPal|YouTube|PowerPoint|LinkedIn|JavaScript|TypeScript|GitHub|OneDrive|SharePoint|FaceTime|WeChat|McDonald|MacBook|LaserJet)$/;
const ERROR_CUE = /(?:error|code|err|alarm|alm|fault|shows?|showing|displays?|displaying|throws|trips?(?: on| with)?|显示|顯示|报|報|彈|弹|跳|出现|出現|show)\s*[:："'「“]?\s*$/i;
const PURCHASE = /(?:bought|purchased|purchase date|date of purchase|购买|購買|购入|購入|买的|買的)\D{0,30}?((?:19|20)\d{2}[-/.年]\s?\d{1,2}(?:[-/.月]\s?\d{1,2}日?)?|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?:\d{1,2},?\s+)?(?:19|20)\d{2}|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\s+(?:19|20)\d{2})/i;

function spans(text: string, re: RegExp, group = 0): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(re)) {
    const value = m[group];
    if (value === undefined) continue;
    const start = m.index + m[0].indexOf(value);
    out.push({ start, end: start + value.length, value: value.trim() });
  }
  return out;
}

const overlaps = (a: Span, taken: readonly Span[]) => taken.some((b) => a.start < b.end && b.start < a.end);

/** Attribution lines of quoted mail ("From: Service Desk <…>", "On … wrote:") name us, not the customer. */
function withoutAttributionLines(text: string): string {
  return text.replace(/^(?:[ \t]*(?:From|To|Cc|Sent|Date|发件人|收件人|寄件者):.*|.*(?:wrote:[ \t]*|写道.*|寫道.*))$/gim, (l) => ' '.repeat(l.length));
}

function productModel(text: string, taken: readonly Span[]): string | undefined {
  const candidates: Span[] = [];
  for (const s of spans(text, BRAND_MODEL)) candidates.push(s);
  for (const s of spans(text, CODE_MODEL)) {
    const core = s.value.split(/\s/)[0]!;
    if (NOT_MODELS.test(core) || REF_PREFIX.test(core)) continue;
    const letters = core.replace(/[^A-Za-z]/g, '');
    if (core === core.toLowerCase() && letters.length > 3) continue; // some1, b4 … are words, not models
    if (/^[Ee]-?\d{1,3}$/.test(core) || ERROR_CUE.test(text.slice(Math.max(0, s.start - 16), s.start))) continue;
    candidates.push(s);
  }
  for (const s of spans(text, CAMEL_MODEL)) if (!NOT_CAMEL.test(s.value.split(/\s/)[0]!)) candidates.push(s);
  const free = candidates.filter((c) => !overlaps(c, taken));
  free.sort((a, b) => a.start - b.start || b.end - a.end);
  const first = free[0];
  // "M404" in a subject and "HP LaserJet M404" in the body are one product: keep the fuller name.
  return free.find((c) => first && c.value.length > first.value.length && c.value.endsWith(first.value))?.value ?? first?.value;
}

/** Product model, serial, phone, e-mail, ticket/order reference and purchase date, as written. */
export function extractEntities(raw: string): Entities {
  const text = withoutAttributionLines(raw);
  const entities: Entities = {};
  const taken: Span[] = [];
  const first = (list: Span[]) => list.sort((a, b) => a.start - b.start)[0];

  const emails = spans(text, EMAIL);
  taken.push(...emails);
  if (emails[0]) entities.email = emails[0].value;

  const refs = [...spans(text, OWN_TICKET), ...spans(text, PREFIXED_REF), ...spans(text, SPACED_REF), ...spans(text, WORD_REF), ...spans(text, ZH_REF, 1)].filter((s) => !overlaps(s, emails));
  const ref = first(refs.filter((s) => !refs.some((o) => o !== s && o.start <= s.start && o.end >= s.end && o.end - o.start > s.end - s.start)));
  taken.push(...refs);
  if (ref) entities.ticketRef = ref.value;

  const serials = spans(text, SERIAL, 1).filter((s) => !overlaps(s, taken));
  taken.push(...serials);
  if (serials[0]) entities.serial = serials[0].value;

  const phones = spans(text, PHONE).filter((s) => !overlaps(s, taken) && s.value.replace(/\D/g, '').length >= 7);
  const cued = phones.find((p) => PHONE_CUE.test(text.slice(Math.max(0, p.start - 20), p.start)));
  const phone = cued ?? phones.find((p) => !/^(?:19|20)\d{2}[ -]/.test(p.value));
  taken.push(...phones);
  if (phone) entities.phone = phone.value;

  const model = productModel(text, taken);
  if (model) entities.productModel = model;

  const purchase = PURCHASE.exec(text);
  if (purchase?.[1]) entities.purchaseDate = purchase[1].trim();
  return entities;
}
