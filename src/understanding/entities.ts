import { detectLanguage } from './language.js';
import { resolvePhone, type PhoneRegion } from './phone-region.js';
import { parsePurchaseDate } from './purchase-date.js';
import type { Entities, ExternalRefKind, Language } from './understanding-schema.js';

/** `label` keeps the words a value was found with ("order number is …"), for telling its kind. */
type Span = { start: number; end: number; value: string; label?: string };

const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,4}\.[A-Za-z]{2,24}\b/g;
/** Our own ticket numbers (SR-2026-000123, "sr 2026 123") and the free forms customers use for them (tk 5541, ticket 4410, 工單 1234). */
const OWN_TICKET = /\bSR-\d{4}-\d{6}\b|(?<![\w-])SR[\s-]?\d{4}(?:[\s-]?\d{3,6}|[\s-]\d{1,2})(?![\w-])|(?<![\w-])(?:TK|SR)-?(?:\d{3,}|\d{2}-\d{2,})(?:-\d+)*(?![\w-])/gi;
const OWN_SPACED = /(?<![\w-])(?:tk|sr)\s?#?\s?\d{3,}(?![\w-])/gi;
const OWN_WORD = /\b(?:ticket|job|service request|repair)(?:\s+(?:no\.?|number|#))?\s*[#:]?\s*\d{2,}(?:-[A-Z0-9]+)*(?![\w-])/gi;
const OWN_ZH = /(?:工单|工單|维修单|維修單|報修單|报修单|叫修單|叫修单|服务单|服務單|(?<![订訂购購货貨价價案件訴诉递遞流運运保款退A-Za-z])单号|(?<![订訂购購货貨价價案件訴诉递遞流運运保款退A-Za-z])單號)(?:号|號|编号|編號|号码|號碼)?\s*[:：#]?\s*((?:[A-Z]{1,4}-?)?\d{3,}(?:-[A-Z0-9]+)*)/gi;
/**
 * Other systems' references: RMA-88213, PO 4500123456, Case#00123987, INC0012345, invoice AB-12345678,
 * 订单号 2024051288771 … with or without a prefix, a separator or a label word.
 */
const EXT_PREFIXED = /(?<![\w-])(?:(?:RMA|SO|INV|HT|GD|PO|P\.O\.?|P\/O|CT|WO|ORD|REF|CASE|INC|REQ|RITM|CHG|CAPA|DEV)(?:\s?(?:#|no\.?|-)[:：]?\s?|\s?[:：]\s?|\s)(?:\d{3,}(?:\s\d{3,})*|\d{2}-\d{2,}|[A-Z]{2,4}[-/]\d{2,})|(?:RMA|SO|INV|HT|GD|PO|CT|WO|ORD|INC|REQ|RITM|CHG|CAPA)\d{5,})(?:[-/][A-Z0-9]+)*(?![\w-])/g;
const EXT_WORD = /\b(?:case|order|invoice|contract|rma|reference|ref|purchase order|work order|incident|claim|return|delivery note|credit note|quote|quotation|account|deviation|capa|tender|po)(?:\s+(?:no\.?|number|num|#|id|ref))?(?:\s+(?:is|was))?\s*[#:.]{0,2}\s*((?:[A-Z]{1,4}[-/]?)?(?:[A-Z]{1,4}-)?\d{2,}(?:\s\d{3,})*(?:[-/][A-Z0-9]+)*)(?![\w-])/gi;
const EXT_WORD_LABEL = /^(?:case|order|invoice|contract|rma|reference|ref|purchase order|work order|incident|claim|return|delivery note|credit note|quote|quotation|account|deviation|capa|tender|po)(?:\s+(?:no\.?|number|num|#|id|ref))?(?:\s+(?:is|was))?\s*[#:.]{0,2}\s*/i;
/** Unlabelled multi-part codes (GZ-ECM-1102, DEV-2024-0331, KH-HVAC-2022-07): three or more parts, a model has two. */
const EXT_CODE = /(?<![\w-])[A-Z]{1,5}(?:-[A-Z]{1,5})*-\d{2,}(?:-[A-Z0-9]+)+(?![\w-])|(?<![\w-])[A-Z]{2,5}-[A-Z]{2,5}-\d{3,}(?![\w-])/g;
const EXT_ZH = /(?:(?:订单|訂單|发票|發票|合同|合約|合约|案件|采购单|採購單|退货单|退貨單|报价单|報價單|送货单|送貨單|发货单|發貨單|出货单|出貨單|个案|個案|客訴|客诉|標案|标案|运单|運單|保单|保單)(?:\s?(?:单号|單號|单|單|号|號|编号|編號|号码|號碼))?|(?:RMA\s?|采购|採購|退货|退貨|快递|快遞|物流)(?:单号|單號|单|單|号|號|编号|編號|号码|號碼))\s*[:：#]?\s*((?:[A-Z]{1,4}-?)?\d{3,}(?:-[A-Z0-9]+)*)/gi;
const EXT_KINDS: readonly [RegExp, ExternalRefKind][] = [
  [/^rma|^return|退货|退貨/i, 'rma'],
  [/^po\b|^po[\s#-]?\d|^p[./]o|purchase order|采购|採購/i, 'purchase_order'],
  [/^inv|invoice|发票|發票/i, 'invoice'],
  [/^(?:inc|req|ritm|chg)|incident/i, 'incident'],
  [/^(?:case|cs)\b|^case|^claim|案件|个案|個案|客訴|客诉|^capa|^dev/i, 'case'],
  [/^(?:so|ord)\b|^(?:so|ord)[\s#-]?\d|order|订单|訂單|送货|送貨|delivery/i, 'order'],
  [/^(?:ct|ht)\b|^(?:ct|ht)[\s#-]?\d|contract|合同|合約|合约/i, 'contract'],
  [/^wo\b|^wo[\s#-]?\d|work order/i, 'work_order'],
];
/** 订单号 2024051288771, RMA單號 88213: the label words go to `label` (for the kind), the value is the code itself. */
function labelledZh(s: Span): Span {
  const code = /(?:[A-Z]{1,4}-?)?\d{3,}(?:-[A-Z0-9]+)*$/i.exec(s.value);
  return code ? { ...s, label: s.value, value: code[0] } : s;
}
/** The kind a reference's own prefix says (PO-…, RMA …), else undefined; label words ("ref:", "order number") come second. */
function refKind(text: string): ExternalRefKind | undefined {
  return EXT_KINDS.find(([re]) => re.test(text))?.[1];
}
const SERIAL = /(?:\bS\/N|\bSN\b|\bserial(?:\s*(?:no\.?|number|#))?|序號|序号|序列號|序列号|機身序號|机身序号|機身號碼|机身号码|機身號|机身号|機身編號|机身编号|車身號碼|车身号码|車身號|车身号|設備編號|设备编号|機號|机号)\s*[:：#]?\s*(?=[A-Za-z-]*\d)([A-Za-z0-9][A-Za-z0-9-]{3,}[A-Za-z0-9])/gi;
/**
 * A number with a country code (+44 20 7946 0958, 0044 (0)20 7946 0958, +44 7700 900123) is taken whole, in any
 * grouping: cutting off the "0044" would leave a bare number that reads as a local one.
 */
const INTL_PHONE = String.raw`(?:\+|(?<!\d)00)[1-9]\d{0,2}[ -]?(?:\(0\)[ -]?)?\d{1,4}(?:[ -]?\d{2,4}){1,4}`;
const PHONE = new RegExp(String.raw`(?<![\w$.,/-])(?:${INTL_PHONE}|(?:\+\d{1,3}[ -]?(?:\d[ -])?)?(?:\(\d{2,4}\)\s?)?(?:\d{2,4}(?:[ -]\d{3,4}){1,2}|0\d{4} \d{6}|1[3-9]\d{9}|09\d{8}))(?![\w/-]|[.,]\d)`, 'g');
/** Phone numbers read out in a voice transcript: 零九一二 三四五 六七八, seven one eight five five five … */
const ZH_DIGITS: Record<string, string> = { 零: '0', 〇: '0', 幺: '1', 拐: '7', 一: '1', 二: '2', 两: '2', 兩: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };
const EN_DIGITS: Record<string, string> = { zero: '0', oh: '0', o: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9' };
const ZH_SPOKEN_PHONE = /[零〇幺拐一二两兩三四五六七八九](?:[ ,，、]?[零〇幺拐一二两兩三四五六七八九]){7,13}(?![零〇幺拐一二两兩三四五六七八九十百千萬万])/g;
const EN_DIGIT_WORD = '(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)';
const EN_SPOKEN_PHONE = new RegExp(String.raw`\b(?:(?:double |triple )?${EN_DIGIT_WORD}[\s,-]+){6,13}${EN_DIGIT_WORD}\b`, 'gi');
function spokenDigits(value: string): string {
  if (/[a-z]/i.test(value)) {
    return value.toLowerCase().replace(/(double|triple) (\w+)/g, (_, n: string, d: string) => d.repeat(n === 'double' ? 2 : 3).replace(/(\w+)(?=\w)/, '$1 ')).split(/[\s,-]+/).map((w) => EN_DIGITS[w] ?? '').join('');
  }
  return [...value].map((c) => ZH_DIGITS[c] ?? '').join('');
}
const SPOKEN_PHONE_CUE = /tel|phone|mobile|cell|call|reach|contact|number|电话|電話|手机|手機|号码|號碼|联系|聯絡|聯繫|回电|回電|打|致电/i;
const PHONE_CUE = /(?:tel|phone|mobile|mob|call|cell|whatsapp|number|电话|電話|手机|手機|联系|聯絡|聯繫|回电|回電|致电)\W{0,12}$/i;

const BRANDS = 'HP|Brother|Canon|Epson|Ricoh|Xerox|Kyocera|Lexmark|Konica Minolta|Daikin|Carrier|Trane|Mitsubishi Electric|Mitsubishi|Fanuc|Haas|Mazak|DMG Mori|Atlas Copco|Kaeser|Ingersoll Rand|APC|Eaton|Vertiv|Kone|Otis|Schindler|Thermo Fisher|Thermo|Mettler Toledo|Agilent|Shimadzu|Eppendorf|Rational|Bosch|Verifone|Ingenico|Siemens|Honeywell|Zebra|Samsung|Dell|Lenovo|LG|Dyson|Sony|Panasonic|Hitachi|Gree|Midea|Haier|Toshiba|Sharp|Whirlpool|Electrolux|Fujitsu|Philips|Xiaomi|Hisense|Apple|Asus|Acer|Microsoft|Tatung|Sampo|Teco|Kolin|Sanyo|Zojirushi|Nikon|Fujifilm|Fuji Xerox|York|Hikvision|Dahua|Cisco|Huawei|TCL|Aux|Chigo|Gorenje|Miele|Smeg|Beko|Hoover|Karcher|Makita|Stiebel Eltron|Ariston|Rinnai|Noritz|Sakura|Coway|Cuckoo|Tefal|Delonghi|DeLonghi|Nespresso|Breville|Kenwood|iRobot|Roborock|Ecovacs|Garmin|GoPro|Nintendo|Xbox|PlayStation|Vaillant|Viessmann|Buderus|Grundfos';
const BRAND_ALTS = BRANDS.split('|').flatMap((b) => [b, b.toUpperCase(), b.toLowerCase()]).filter((b, i, all) => all.indexOf(b) === i);
/** Words that start a sentence or name a thing, not part of a series name: "HP Printer Error 5" is not a model. */
const NOT_SERIES = 'Model|Serial|Error|Code|Printer|Unit|Machine|The|And|Is|Not|Has|Was|Our|My|In|On|At|With|For|From|Please|Fridge|Washer|Dryer|Aircon|Air|Oven|Still|Again|Since|When|It|Keeps|Won';
// Brand, series words (capitalised or camel case, or short numbers), then the model with a digit. Sticky:
// it runs only where a brand word starts (see brandModels), since a 300-way alternation at every position is slow.
const BRAND_MODEL = new RegExp(
  String.raw`(?:${BRAND_ALTS.join('|')})(?:\s+(?!(?:${NOT_SERIES})\b)(?:[A-Z][\w/+-]*|[a-z]+[A-Z][\w-]*|\d{1,2}))*?\s+(?!(?:${NOT_SERIES})\b)(?=[\w/.+-]*\d)[A-Za-z0-9][\w/.+-]*(?:\s+(?:Pro|Plus|Max|Mini|Ultra|Lite|II|III|IV|S|X))?(?<![.-])(?![\w-])`,
  'y',
);
const BRAND_FIRST_WORDS = new Set(BRANDS.split('|').map((b) => b.split(' ')[0]!.toLowerCase()));

const LATIN_WORD = /(?<![\w-])[A-Za-z]+/g;
const UPPER = /[A-Z]/;

function brandModels(text: string): Span[] {
  const out: Span[] = [];
  LATIN_WORD.lastIndex = 0;
  for (let w = LATIN_WORD.exec(text); w; w = LATIN_WORD.exec(text)) {
    if (!BRAND_FIRST_WORDS.has(w[0].toLowerCase())) continue;
    BRAND_MODEL.lastIndex = w.index;
    const m = BRAND_MODEL.exec(text);
    if (m) out.push({ start: m.index, end: m.index + m[0].length, value: m[0].trim() });
  }
  return out;
}
const CJK_BRANDS = '杭叉|迈瑞|邁瑞|合力|大隈|雪花|豐田|丰田|新麥|新麦|台中精機|台中精机|日立|大金|格力|美的|海爾|海尔|松下|樂聲|乐声|國際牌|国际牌|三菱|三菱電機|三菱电机|東芝|东芝|夏普|聲寶|声宝|西門子|西门子|博世|惠普|佳能|愛普生|爱普生|兄弟|理光|富士通|富士|三星|小米|海信|奧克斯|奥克斯|志高|長虹|长虹|美菱|容聲|容声|惠而浦|伊萊克斯|伊莱克斯|開利|开利|約克|约克|特靈|特灵|大同|歌林|禾聯|禾联|東元|东元|普騰|奇美|三洋|象印|虎牌|飛利浦|飞利浦|戴森|樂金|乐金|華為|华为|聯想|联想|戴爾|戴尔|華碩|华硕|宏碁|蘋果|苹果|林內|林内|櫻花|樱花|能率|迅達|迅达|奧的斯|奥的斯|通力|三菱重工|大金工業';
const CJK_THEN_LATIN = /[\u3400-\u9fff]\s?[A-Za-z]/;
const CJK_BRAND_MODEL = new RegExp(String.raw`(?:${CJK_BRANDS})\s?(?:牌)?\s?(?:[A-Z][A-Za-z]{1,12}\s)?(?=[\w/.+-]*\d)[A-Za-z0-9][\w/.+-]*(?<![.-])(?![\w-])`, 'g');
const CODE_MODEL = /(?<![\w-])[A-Za-z]{1,5}(?:-[A-Za-z]{0,2}\d{1,5}[A-Za-z]{0,2}|\d{2,5}[A-Za-z]{0,2})(?:\s(?:Pro|Plus|Max|Mini|Lite|pro|plus|max|mini))?(?=s?(?![\w-]))/g;
const CAMEL_MODEL = /\b[A-Z][a-z]+(?:[A-Z][a-z]+)+(?:\s\d+(?:\.\d+)?)?\b/g;
const NOT_MODELS = /^(?:CO2|SO2|NO2|NOX|PM\d+|H2S|O3|A[345]|USB\d?|COVID-?19|ISO-?\d+|IP\d+|MP\d|WIN\d+|Q[1-4]|TK|RMA|INV|SO|GD|HT|PO|SR|INC|REQ|RITM|CHG)$/i;
const REF_PREFIX = /^(?:TK|SR|RMA|SO|INV|HT|GD|PO|CT|WO|ORD|REF|CASE|JOB|INC|REQ|RITM|CHG)-?\d/i;
const NOT_CAMEL = /^(?:WhatsApp|PayPal|YouTube|PowerPoint|LinkedIn|JavaScript|TypeScript|GitHub|OneDrive|SharePoint|FaceTime|WeChat|McDonald|MacBook|LaserJet)$/;
const ERROR_CUE = /(?:error|code|err|alarm|alm|fault|shows?|showing|displays?|displaying|throws|trips?(?: on| with)?|显示|顯示|报|報|彈|弹|跳|出现|出現|show)\s*[:："'「“]?\s*$/i;
const PURCHASE_CUE = /bought|purchased|purchase date|date of purchase|got (?:it|this|the unit|them)|購|购|買|买|入手|購於|购于|購置|购置|發票日期|发票日期|安裝|安装|installed/i;

/** `re` must be global. exec() in a loop rather than matchAll(), which clones the expression on every call. */
function spans(text: string, re: RegExp, group = 0): Span[] {
  const out: Span[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '') re.lastIndex++;
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
  // Every such line has a colon or 写道/寫道; most messages have neither, and the multi-line pattern is costly.
  if (!text.includes(':') && !text.includes('写道') && !text.includes('寫道')) return text;
  return text.replace(/^(?:[ \t]*(?:From|To|Cc|Sent|Date|发件人|收件人|寄件者):.*|.*(?:wrote:[ \t]*|写道.*|寫道.*))$/gim, (l) => ' '.repeat(l.length));
}

/** Capitalised words just before a model code are its maker and series: "the Worcester Greenstar 30i", "GE Optima CT660". */
const MAKER_BEFORE = /(?:^|[^\w&-])((?:[A-Z][A-Za-z&-]*\s){1,3})$/;
/** Maker words then any code with a digit, even one starting with a digit: "Toyota 8FBE20", "Zeiss LSM 980", "Alaris 8015". */
const MAKER_MODEL = /(?<![\w&-])(?:[A-Z][A-Za-z&-]* ){1,3}(?:[A-Z]{2,5} )?(?=[\w/.+-]*\d)[A-Za-z0-9][\w/.+-]*(?<![.-])(?![\w:-])/g;
const NOT_MAKER = new RegExp(String.raw`^(?:${NOT_SERIES}|Hi|Hello|Dear|Hey|Our|Your|This|That|These|Those|A|An|I|We|They|He|She|New|Old|Both|Two|Three|Ticket|Job|Order|Invoice|Case|Re|Fw|Fwd|Subject|Urgent|Help|Also|But|So|Thanks|Thank|Sorry|Just|Any|Can|Could|Would|Is|Are|Does|Do|Did|Why|What|When|Where|How|Which|Who|If|Then|After|Before|Since|Today|Yesterday|Tomorrow|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Unit|Room|Floor|Level|Line|Site|Store|Bay|Dock|Ward|Block|Tower|Hall|Plant|Gate|Building|Suite|Apt|Apartment|Station|Lab|Zone|Area|Shop|Branch|Table|Bed|Phone|Tel|Mobile|Call|Version|Firmware|Error|Alarm|Code|Fault|Page|Step|Item|Part|Qty|Week|Day|Month|Year|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|COVID|Covid|Hotline|ISO|Its|It's|At|By|Around|About|From|Until|Till|SN|S|No|Number|Model|Serial|Batch|Lot|Tank|Chamber|Freezer|Fridge|Oven|Printer|Truck|Forklift|Lift|Elevator|Boiler|Pump|Compressor|Monitor|Machine|Analyser|Analyzer|Scanner|Chiller|Generator|Camera)$`);
function withMaker(text: string, c: Span): Span {
  const m = MAKER_BEFORE.exec(text.slice(Math.max(0, c.start - 48), c.start));
  if (!m) return c;
  const words = m[1]!.trim().split(/\s+/);
  while (words.length && NOT_MAKER.test(words[0]!)) words.shift();
  if (!words.length || words.some((w) => NOT_MAKER.test(w))) return c;
  const prefix = words.join(' ');
  return { start: c.start - prefix.length - 1, end: c.end, value: `${prefix} ${c.value}` };
}
/** A short trailing part of the model: "Eppendorf 5810 R", "LB3000 EX II", "Eaton 93PM 30kVA", "Agilent 1260 Infinity II". */
const MODEL_SUFFIX = /^(?:\s(?:[A-Z]{1,2}|II|III|IV|EX|Dx|MK\d|\d+kVA|Infinity(?: II)?|Series))+(?![\w-])(?!\s[a-z])(?![\u3400-\u9fff])/;
function withSuffix(text: string, c: Span): Span {
  const m = MODEL_SUFFIX.exec(text.slice(c.end, c.end + 24));
  return m && !c.value.endsWith(m[0].trim()) ? { ...c, end: c.end + m[0].length, value: c.value + m[0] } : c;
}

function productModel(text: string, taken: readonly Span[], spokenModels: readonly Span[]): string | undefined {
  const candidates: Span[] = [];
  candidates.push(...brandModels(text));
  candidates.push(...spokenModels);
  if (CJK_THEN_LATIN.test(text)) candidates.push(...spans(text, CJK_BRAND_MODEL));
  for (const s of spans(text, CODE_MODEL)) {
    const core = s.value.split(/\s/)[0]!;
    if (NOT_MODELS.test(core) || REF_PREFIX.test(core)) continue;
    const letters = core.replace(/[^A-Za-z]/g, '');
    if (core === core.toLowerCase() && letters.length > 3) continue; // some1, b4 … are words, not models
    if (/^[Ee]-?\d{1,3}$/.test(core) || ERROR_CUE.test(text.slice(Math.max(0, s.start - 16), s.start))) continue;
    candidates.push(s);
  }
  // Both start with a capital letter: an all lower-case message (most SMS) has neither.
  const upper = UPPER.test(text);
  if (upper) for (const s of spans(text, CAMEL_MODEL)) if (!NOT_CAMEL.test(s.value.split(/\s/)[0]!) && !/^Ma?c[A-Z]/.test(s.value)) candidates.push(s);
  if (upper) for (const s of spans(text, MAKER_MODEL)) {
    const words = s.value.split(/\s+/);
    const code = words.at(-1)!;
    if (words.slice(0, -1).some((w) => NOT_MAKER.test(w)) || (/^\d+$/.test(code) && (code.length < 3 || code.length > 5 || /^(?:19|20)\d{2}$/.test(code)))) continue;
    if (NOT_MODELS.test(code) || /^\d{1,2}(?:am|pm|h|min|kg|mm|cm|m|s)$/i.test(code) || ERROR_CUE.test(text.slice(Math.max(0, s.start - 16), s.start))) continue;
    // "our MFP-5500s" are several of one model
    candidates.push(s);
  }
  const free = candidates
    .filter((c) => !overlaps(c, taken))
    .map((c) => withSuffix(text, withMaker(text, c)))
    // "all the MFP-5500s" are several of one model
    .map((c) => (/[A-Z]\S*\d{3,}s$/.test(c.value) ? { ...c, end: c.end - 1, value: c.value.slice(0, -1) } : c));
  free.sort((a, b) => a.start - b.start || b.end - a.end);
  const first = free[0];
  // "M404" in a subject and "HP LaserJet M404" in the body are one product: keep the fuller name.
  return free.find((c) => first && c.value.length > first.value.length && c.value.endsWith(first.value))?.value ?? first?.value;
}

/**
 * A code read out letter by letter in a speech transcript ("R A S forty N K", "格力 K F R 三十五 G W",
 * "S R one two three four five", "my P O number is P O dash seven seven one two"): two or more single capital
 * letters, then numbers said as words, digits or Chinese numerals, mixed with more letters. Kept as spoken;
 * speech recognition gives no way to rebuild the code. SR/TK letters are our ticket numbers, other reference
 * prefixes or a reference word before it ("complaint number", "订单号") make another system's reference,
 * anything else is a product model.
 */
const SPOKEN_NUMBER = String.raw`(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|double|triple)(?![\w'])|[零〇幺拐一二两兩三四五六七八九十百]+(?![\u3400-\u9fff])|\d+(?![\w'])`;
const SPOKEN_LETTER = String.raw`[A-Z](?![\w'.])`;
const SPOKEN_CODE = new RegExp(
  String.raw`(?<![\w'-])(?:(?:[零〇幺拐一二两兩三四五六七八九十]+|\d+)[ ](?=[A-Z][ ][A-Z]))?${SPOKEN_LETTER}(?:[ ]${SPOKEN_LETTER})+(?:(?:[ ,-]|[ ](?:dash|hyphen|杠|槓)[ ])(?:${SPOKEN_NUMBER}|(?![AI][ ]+[a-z])${SPOKEN_LETTER}))*`,
  'g',
);
const SPOKEN_DIGIT_TOKEN = new RegExp(String.raw`^(?:${SPOKEN_NUMBER})$`);
/** Spelled abbreviations that are followed by a number in ordinary speech. */
const SPOKEN_NOT_CODE = /^(?:AM|PM|OK|UK|US|USA|HK|TV|IT|ID|AC|DC|PC|SMS|CEO|ASAP|SN)$/;
const SPOKEN_OWN = /^(?:SR|TK)$/;
const SPOKEN_EXT = /^(?:PO|RMA|INV|SO|ORD|INC|REQ|CASE|CS|CMP|WO|CT|HT|REF)$/;
const SERIAL_LABEL_BEFORE = /(?:\bS\/N|\bSN|serial(?:\s*(?:no\.?|number|#))?|序號|序号|序列號|序列号|機身號|机身号|機號|机号)\s*[:：#]?\s*(?:is\s+)?$/i;
const MODEL_LABEL_BEFORE = /(?:model|型號|型号|機型|机型)\s*(?:no\.?|number|編號|编号|號碼|号码)?\s*(?:is|是|係|系)?\s*[:：#]?\s*$/i;
const OWN_REF_BEFORE = /(?:ticket|job|service request|工单|工單|报修单|報修單|维修单|維修單|服务单|服務單)\s*(?:no\.?|number|#|号|號|号码|號碼|编号|編號)?\s*(?:is|was|是|係|系)?\s*[:：#]?\s*$/i;
const EXT_REF_BEFORE = /(?:reference|ref|case|order|invoice|complaint|claim|incident|return|rma|po|purchase order|订单|訂單|发票|發票|案件|客诉|客訴|单号|單號|编号|編號)\s*(?:no\.?|number|#|号|號|号码|號碼|编号|編號)?\s*(?:is|was|是|係|系)?\s*[:：#]?\s*$/i;
const CJK_BRAND_BEFORE = new RegExp(String.raw`(?:${CJK_BRANDS}|萬和|万和|海康|海天|林德|台達|台达)\s?$`);
const LATIN_BRAND_BEFORE = /(?:^|[^\w-])([A-Za-z]+) $/;
const SPACED_CAPITALS = /[A-Z] [A-Z]/;
type SpokenCode = Span & { kind: 'model' | 'own' | 'external'; letters: string; cue?: string };

function spokenCodes(text: string): SpokenCode[] {
  const out: SpokenCode[] = [];
  SPOKEN_CODE.lastIndex = 0;
  for (let m = SPOKEN_CODE.exec(text); m; m = SPOKEN_CODE.exec(text)) {
    const tokens = m[0].split(/[ ,-]+/).filter((t) => t && !/^(?:dash|hyphen|杠|槓)$/.test(t));
    const firstLetter = tokens.findIndex((t) => /^[A-Z]$/.test(t));
    const letters = tokens.slice(firstLetter, tokens.findIndex((t, i) => i > firstLetter && !/^[A-Z]$/.test(t))).join('');
    if (!tokens.slice(firstLetter).some((t) => SPOKEN_DIGIT_TOKEN.test(t))) continue; // "I T", "A C": letters alone are words, not a code
    if (SPOKEN_NOT_CODE.test(letters)) continue; // "3 P M two engineers"
    const before = text.slice(Math.max(0, m.index - 32), m.index);
    if (SERIAL_LABEL_BEFORE.test(before)) continue;
    const value = m[0].replace(/[ ,-]+$/, '');
    const span = { start: m.index, end: m.index + value.length, value, letters };
    const refCue = MODEL_LABEL_BEFORE.test(before) ? undefined : (OWN_REF_BEFORE.exec(before) ?? EXT_REF_BEFORE.exec(before))?.[0];
    if (SPOKEN_OWN.test(letters) || (refCue && OWN_REF_BEFORE.test(before) && !SPOKEN_EXT.test(letters))) out.push({ ...span, kind: 'own' });
    else if (SPOKEN_EXT.test(letters) || refCue) out.push({ ...span, kind: 'external', cue: refCue });
    else {
      const brand = CJK_BRAND_BEFORE.exec(before);
      const latinBrand = LATIN_BRAND_BEFORE.exec(before);
      if (brand) out.push({ start: m.index - brand[0].length, end: span.end, value: `${brand[0].trim()} ${value}`, letters, kind: 'model' });
      else if (latinBrand && BRAND_FIRST_WORDS.has(latinBrand[1]!.toLowerCase())) out.push({ start: m.index - latinBrand[1]!.length - 1, end: span.end, value: `${latinBrand[1]} ${value}`, letters, kind: 'model' });
      else out.push({ ...withMaker(text, span), letters, kind: 'model' });
    }
  }
  return out;
}

/** Spoken references fill what the written forms left empty. */
function spokenRefs(spoken: readonly SpokenCode[], entities: Entities): void {
  const own = spoken.find((c) => c.kind === 'own');
  if (own && !entities.ticketRef) entities.ticketRef = own.value;
  const ext = spoken.find((c) => c.kind === 'external');
  if (ext && !entities.externalRef) {
    entities.externalRef = ext.value;
    entities.externalRefKind = refKind(ext.letters) ?? (ext.cue ? refKind(ext.cue.trim()) : undefined) ?? 'other';
  }
}

export type EntityOptions = { now?: Date; timeZone?: string; language?: Language; defaultRegion?: PhoneRegion };

/** The date in the clause that says the product was bought ("去年三月買的", "we bought it last year"). */
function purchaseDate(text: string, now: Date, timeZone: string) {
  if (!PURCHASE_CUE.test(text)) return null;
  for (const clause of text.split(/[.。!！?？;；\n]+/)) {
    if (!PURCHASE_CUE.test(clause)) continue;
    const found = parsePurchaseDate(clause, now, timeZone);
    if (found) return found;
  }
  return null;
}

/**
 * Product model, serial, phone (with E.164 and region), e-mail, our ticket reference, another system's
 * reference and the purchase date.
 */
export function extractEntities(raw: string, options: EntityOptions = {}): Entities {
  const text = withoutAttributionLines(raw);
  const entities: Entities = {};
  const taken: Span[] = [];

  const emails = text.includes('@') ? spans(text, EMAIL) : [];
  taken.push(...emails);
  if (emails[0]) entities.email = emails[0].value;

  // Codes read out in speech ("S R one two three", "R A S forty N K"): references are kept out of the phone search.
  const spoken = SPACED_CAPITALS.test(text) ? spokenCodes(text) : [];
  const spokenModels = spoken.filter((c) => c.kind === 'model');
  taken.push(...spoken.filter((c) => c.kind !== 'model'));

  // Serials, references, written phone numbers and model codes all contain a digit: most chat lines have none.
  if (/\d/.test(text)) withDigits(text, entities, taken, options, spokenModels);
  else {
    spokenPhone(text, entities, taken, options);
    // Without a digit, a model is a camel-case product name ("EnviroLink") or one read out ("R A S forty N K").
    const camel = (UPPER.test(text) ? spans(text, CAMEL_MODEL) : []).find((s) => !NOT_CAMEL.test(s.value.split(/\s/)[0]!) && !/^Ma?c[A-Z]/.test(s.value) && !overlaps(s, taken));
    const model = [spokenModels.find((c) => !overlaps(c, taken)), camel].filter((c) => c !== undefined).sort((a, b) => a.start - b.start)[0];
    if (model) entities.productModel = model.value;
  }
  spokenRefs(spoken, entities);

  const purchase = purchaseDate(text, options.now ?? new Date(), options.timeZone ?? 'Asia/Taipei');
  if (purchase) [entities.purchaseDate, entities.purchaseDatePrecision, entities.purchaseDateText] = [purchase.value, purchase.precision, purchase.text];
  return entities;
}

function withDigits(text: string, entities: Entities, taken: Span[], options: EntityOptions, spokenModels: readonly Span[]): void {
  // Serials, references and phone numbers have at least two digits in a row; a model like "T5" may not.
  if (/\d\d/.test(text)) withDigitRuns(text, entities, taken, options);
  const model = productModel(text, taken, spokenModels);
  if (model) entities.productModel = model;
}

const first = (list: Span[]) => list.sort((a, b) => a.start - b.start)[0];
/** Spans not inside a longer one. */
const outermost = (list: Span[]) => list.filter((s) => !list.some((o) => o !== s && o.start <= s.start && o.end >= s.end && o.end - o.start > s.end - s.start));

/**
 * Cheap looks for what a pattern cannot match without, so most messages skip it: the characters SERIAL's labels,
 * OWN_ZH's words (all with 单 or 單) and EXT_ZH's words start with.
 */
const SERIAL_LABEL_ANY = /s\/n|sn|serial|[序機机車车設设]/i;
const OWN_ZH_ANY = /[单單]/;
const EXT_ZH_ANY = /[订訂发發合案采採退报報送出个個客標标运運保快物]|rma/i;
/** OWN_TICKET and OWN_SPACED need SR or TK; EXT_PREFIXED and EXT_CODE start with a capital letter. */
const OWN_PREFIX_ANY = /sr|tk/i;
/** OWN_WORD and EXT_WORD start with an English word. */
const LATIN_LETTER = /[a-z]/i;

function withDigitRuns(text: string, entities: Entities, taken: Span[], options: EntityOptions): void {
  const serials = SERIAL_LABEL_ANY.test(text) ? spans(text, SERIAL, 1).filter((s) => !overlaps(s, taken)) : [];
  taken.push(...serials);
  if (serials[0]) entities.serial = serials[0].value;

  const prefixed = OWN_PREFIX_ANY.test(text);
  const upper = UPPER.test(text);
  const latin = LATIN_LETTER.test(text);
  const own = outermost([...(prefixed ? spans(text, OWN_TICKET) : []), ...(prefixed ? spans(text, OWN_SPACED) : []), ...(latin ? spans(text, OWN_WORD) : []), ...(OWN_ZH_ANY.test(text) ? spans(text, OWN_ZH, 1) : [])].filter((s) => !overlaps(s, taken)));
  // "Case 20931" is kept as written; "order number is 2024051288771" is the number alone.
  // Descriptive words are left out ("invoice 55190" → 55190, "Order #55817-B" → 55817-B); a case or PO prefix is part of the code.
  const extWords = (latin ? spans(text, EXT_WORD) : []).map((s) => (/^(?:case|po|rma)\b\s*#?\s*[\w-]+$/i.test(s.value) ? s : { ...s, label: s.value, value: s.value.replace(EXT_WORD_LABEL, '') }));
  const external = outermost([...(upper ? spans(text, EXT_PREFIXED) : []), ...extWords, ...(EXT_ZH_ANY.test(text) ? spans(text, EXT_ZH).map(labelledZh) : []), ...(upper ? spans(text, EXT_CODE) : [])].filter((s) => !overlaps(s, taken) && !overlaps(s, own)));
  const ownRef = first(own);
  if (ownRef) entities.ticketRef = ownRef.value;
  const ext = first(external);
  if (ext) {
    // The label words are kept for the kind; the value is the reference itself (订单号 2024051288771 → 2024051288771).
    entities.externalRef = ext.value;
    entities.externalRefKind = refKind(ext.value) ?? (ext.label ? refKind(ext.label) : undefined) ?? 'other';
  }
  taken.push(...own, ...external);

  // Only a number with seven digits or more is kept: a text with fewer digits in all is spared the pattern.
  const phones = (digitCount(text) >= 7 ? spans(text, PHONE) : []).filter((s) => !overlaps(s, taken) && s.value.replace(/\D/g, '').length >= 7);
  const cued = phones.find((p) => PHONE_CUE.test(text.slice(Math.max(0, p.start - 20), p.start)));
  const phone = cued ?? phones.find((p) => !/^(?:19|20)\d{2}[ -]/.test(p.value));
  taken.push(...phones);
  if (phone) setPhone(text, phone.value, phone.value, entities, options);
  else spokenPhone(text, entities, taken, options);
}

function digitCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

function setPhone(text: string, written: string, digits: string, entities: Entities, options: EntityOptions): void {
  entities.phone = written;
  const resolved = resolvePhone(digits, { text, language: options.language ?? detectLanguage(text), defaultRegion: options.defaultRegion });
  if (resolved) [entities.phoneE164, entities.phoneRegion] = [resolved.e164, resolved.region];
}

function spokenPhone(text: string, entities: Entities, taken: Span[], options: EntityOptions): void {
  // A number read out is a phone number when it is introduced as one or has a mobile's shape; otherwise it may be a serial or a PO.
  const spoken = [...spans(text, ZH_SPOKEN_PHONE), ...spans(text, EN_SPOKEN_PHONE)].find((s) => {
    const digits = spokenDigits(s.value);
    return !overlaps(s, taken) && digits.length >= 8 && (SPOKEN_PHONE_CUE.test(text.slice(Math.max(0, s.start - 24), s.start)) || /^(?:09\d{8}|1[3-9]\d{9})$/.test(digits));
  });
  if (spoken) setPhone(text, spoken.value, spokenDigits(spoken.value), entities, options);
}

