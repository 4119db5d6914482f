import { isPlausibleName, parseEmail, parsePartialDate, parsePhone, type PhoneContext } from '../shared/answers.js';
import { conversationalAct } from '../../src/understanding/conversational-act.js';
import { statedAddress, statedCompany, statedModel, statedName } from '../shared/stated-details.js';

/**
 * A message that lists several details at once, whatever was asked: "Maggie Chou, Sweet Crumb Bakery.
 * 0986 447 120. Model is DF-1200G, bought Sept 2025". Each part is read on its own: a phone or e-mail, a
 * labelled model, a purchase date, an address; the plain words left are the name and then the company, in
 * the order people write them. Only a list with at least two details of a certain shape counts, so a
 * single answer never reaches here.
 */
export type ListedDetails = { name?: string; company?: string; phone?: string; email?: string; productModel?: string; purchaseDate?: string; siteAddress?: string };

export type ListContext = PhoneContext & { now: Date; timeZone: string; entityModel?: string };

/** Parts of a list: commas, semicolons, line breaks, and full stops that end a sentence. */
const SEPARATOR = /[,，;；、\n]|[.。](?=\s|$)/;
/** Words in front of a phone number: "tel", "電話", "my number is". */
const PHONE_LABEL = /^(?:(?:my\s+)?(?:phone|mobile|cell|tel|number|contact)(?:\s+(?:no\.?|number))?\s*(?:is|[:：])?|(?:電話|电话|手機|手机|聯絡電話|联系电话)\s*(?:是|係|[:：])?)\s*/i;
/** What is left of "address is 22 Roosevelt Rd …" once the address is cut out: a label with nothing after it. */
const LABEL_ONLY = /^(?:(?:site\s+)?address|addr|name|phone|tel|mobile|model|serial|company)(?:\s+is)?\s*[:：]?$|^(?:地址|姓名|名字|電話|电话|型號|型号|公司)\s*(?:是|[:：])?$/i;
/** Words that say a part is a date ("bought Sept 2025", "買咗一年半"). */
const DATE_WORDS = /\b(?:bought|purchased|since|in|on|ago|last|year|month)\b|\d{4}|買|买|購|购|年|月/i;

function readPart(part: string, found: ListedDetails, leftover: string[], ctx: ListContext): void {
  const email = parseEmail(part);
  if (email.ok) {
    found.email ??= email.value;
    return;
  }
  const bare = part.replace(PHONE_LABEL, '');
  if (/^[+\d\s()-]+(?:\s*(?:ext\.?|#|分機|分机)\s*\d+)?$/i.test(bare) && bare.replace(/\D/g, '').length >= 7) {
    const phone = parsePhone(bare.replace(/\s*(?:ext\.?|#|分機|分机)\s*\d+$/i, ''), ctx);
    if (phone.ok) found.phone ??= phone.value;
    return;
  }
  const model = statedModel(part) ?? (ctx.entityModel && part.includes(ctx.entityModel) ? ctx.entityModel : undefined);
  if (model) {
    found.productModel ??= model;
    return;
  }
  if (DATE_WORDS.test(part)) {
    const date = parsePartialDate(part, ctx.now, ctx.timeZone);
    if (date.ok) {
      found.purchaseDate ??= date.value;
      return;
    }
  }
  if (!/\d/.test(part)) leftover.push(part);
}

/** The details listed in `text`, or undefined when it is not a list of at least two certain details. */
export function listedDetails(text: string, ctx: ListContext): ListedDetails | undefined {
  const found: ListedDetails = {};
  let rest = text;
  const address = statedAddress(text);
  if (address) {
    found.siteAddress = address;
    rest = rest.replace(address, ' ; ');
  }
  const leftover: string[] = [];
  const parts = rest
    .split(SEPARATOR)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2) return undefined;
  for (const part of parts) readPart(part, found, leftover, ctx);
  const certain = [found.phone ?? found.email, found.productModel, found.purchaseDate, found.siteAddress].filter(Boolean).length;
  if (certain < 2) return undefined;
  // A name or company said as such ("name Jerry Lin", "It's Daniel Lee from Lucky Noodle House") wherever it stands.
  const read = leftover.filter((p) => !LABEL_ONLY.test(p)).map((p) => ({ text: p, name: statedName(p), company: statedCompany(p) }));
  const saidName = read.find((r) => r.name)?.name;
  const saidCompany = read.find((r) => r.company)?.company;
  // The plain words left, in the order written: a name first, then a company (a few words, no sentence).
  const plain = read.filter((r) => !r.name && !r.company && r.text.split(/\s+/).length <= 5 && conversationalAct(r.text) === null).map((r) => r.text);
  const name = saidName ?? plain.shift();
  if (name && isPlausibleName(name)) found.name = name;
  const company = saidCompany ?? (found.name ? plain.shift() : undefined);
  if (company && found.name && isPlausibleName(company)) found.company = company;
  return found;
}
