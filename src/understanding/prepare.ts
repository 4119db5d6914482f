import { matchCues, type CueName } from './cues.js';
import { beforeQuote, newEmailText } from './email-text.js';
import { extractEntities } from './entities.js';
import { featuresOf } from './features.js';
import { cleanText, normalise } from './normalise.js';
import { MAX_ANALYSED_CHARS, type Entities, type UnderstandContext } from './understanding-schema.js';

export type Prepared = {
  /** Whole message (subject first), cleaned and capped, quotes included. */
  full: string;
  /** What the customer just wrote (subject + new e-mail text), cleaned: category, urgency, language. */
  own: string;
  /** `own` without the entity values (and their labels), normalised: what the models read. */
  normalised: string;
  entities: Entities;
  cues: Set<CueName>;
  features: string[];
  /** `features` of the message without a leading greeting (the same array when there is none). */
  categoryFeatures: string[];
  truncated: boolean;
  isEmpty: boolean;
};

const HAS_CONTENT = /[\p{L}\p{N}]/u;
const MARK = '\u0001';
/** A label in front of a masked value ("model RAS-40NK", "型號：RAS-40NK", "S/N 123") goes with it. */
const LABELLED = new RegExp(String.raw`(?:\b(?:model|model no\.?|model number|serial|serial no\.?|serial number|s/n|sn|tel|phone|mobile|e-?mail)|型號|型号|機型|机型|序號|序号|序列號|序列号|機身號|机身号|電話|电话|手機|手机)\s*[:：#]?\s*${MARK}`, 'gi');

/**
 * Product models, serials, phone numbers and e-mail addresses say nothing about whether a message is a
 * question, a fault or a complaint, but as features they are rare tokens the models over-trust: "型號
 * RAS-40NK" once pushed a plain fault below the clarify threshold. They are cut out before featurising;
 * a reference number stays as one token, since a reference does hint at a follow-up.
 */
function masked(own: string, entities: Entities): string {
  let t = own;
  for (const v of [entities.productModel, entities.serial, entities.phone, entities.email]) if (v && v.length > 1) t = t.split(v).join(MARK);
  for (const v of [entities.ticketRef, entities.externalRef]) if (v && v.length > 1) t = t.split(v).join(' xrefx ');
  // LABELLED ends in MARK: without one (most messages name no model, serial, phone or address) it cannot match.
  return t.includes(MARK) ? t.replace(LABELLED, ' ').replaceAll(MARK, ' ') : t;
}

/**
 * A greeting in front of content says nothing about the category, but pure greetings are labelled low-urgency
 * inquiries, so "hi" taught the category model that "Hi, AC not cooling" is a question. The category model reads
 * the message without it (measured with the shipped model: category macro-F1 up or equal on the dev set and
 * every holdout; urgency mixed, so the urgency and act models still read the whole message). A message that is
 * only a greeting keeps it.
 */
/**
 * Who is writing and where the site is ("I'm Jason Wu", "我是李大華", "Address: 3F, 45 Heping W Rd") say nothing
 * about the category either, and a full report full of them read as a question. Cut for the category model only.
 */
const CONTACT_DETAILS = /\b(?:address|addr|site address|location)\s*[:：]?[^\n.;]*|(?:地址|住址|地點|地点|安裝地址|安装地址)\s*[:：]?[^\n。；;，,]*|\b(?:i'm|i am|my name is|this is|name\s*[:：])\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}\b|(?:我是|我叫|我姓|敝姓|姓名\s*[:：]?|聯絡人\s*[:：]?|联系人\s*[:：]?)\s*[\u4e00-\u9fff]{1,4}/g;
export const GREETING_LEAD = /^\s*(?:(?:hi|hello|hey|hiya|dear (?:sir|madam|team|all|support|service)(?:\/madam)?|good (?:morning|afternoon|evening)|morning|g'day|你好|您好|妳好|哈囉|哈啰|嗨|早安|早晨|早上好|午安|下午好|晚上好|喂)(?: there| all| team| everyone)?[\s,，!！.。~、:：]+)+(?=[\p{L}\p{N}])/iu;

/**
 * Entities come from what the customer wrote now, signature included (its phone number is the sender's). The
 * quoted thread only says which product and which ticket or case the mail is about, when the new text does not:
 * its phone numbers and serials belong to earlier messages (often ours: the hotline, the
 * previous agent) and are left out.
 */
function withThread(unquoted: Entities, full: Entities): Entities {
  const out: Entities = { ...unquoted };
  if (out.productModel === undefined && full.productModel !== undefined) out.productModel = full.productModel;
  if (out.ticketRef === undefined && out.externalRef === undefined) {
    [out.ticketRef, out.externalRef, out.externalRefKind] = [full.ticketRef, full.externalRef, full.externalRefKind];
    for (const key of ['ticketRef', 'externalRef', 'externalRefKind'] as const) if (out[key] === undefined) delete out[key];
  }
  return out;
}

/** One pass shared by understand() and scripts/train.ts, so training and prediction see the same features. */
export function prepare(text: string, ctx: UnderstandContext): Prepared {
  const truncated = text.length > MAX_ANALYSED_CHARS;
  const body = cleanText(truncated ? text.slice(0, MAX_ANALYSED_CHARS) : text);
  const subject = ctx.subject ? cleanText(ctx.subject.slice(0, 1000)).trim() : '';
  const ownBody = ctx.channel === 'email' ? newEmailText(body) : body;
  const own = subject ? `${subject}\n${ownBody}` : ownBody;
  const full = subject ? `${subject}\n${body}` : body;
  const options = { now: ctx.now, timeZone: ctx.timeZone };
  const unquotedBody = ctx.channel === 'email' ? beforeQuote(body) : body;
  const unquoted = subject ? `${subject}\n${unquotedBody}` : unquotedBody;
  const entities = unquoted === full ? extractEntities(full, options) : withThread(extractEntities(unquoted, options), extractEntities(full, options));
  const unmarked = masked(own, entities);
  const normalised = normalise(unmarked);
  const cues = matchCues(normalised);
  const features = [...new Set(featuresOf(normalised, cues, ctx.channel))];
  const forCategory = unmarked.replace(GREETING_LEAD, '').replace(CONTACT_DETAILS, ' ');
  const ungreeted = forCategory !== unmarked ? forCategory : null;
  return {
    full,
    own,
    normalised,
    entities,
    cues,
    features,
    categoryFeatures: ungreeted === null ? features : [...new Set(featuresOf(normalise(ungreeted), cues, ctx.channel))],
    truncated,
    isEmpty: !HAS_CONTENT.test(own),
  };
}
