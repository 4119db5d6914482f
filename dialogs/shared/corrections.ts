import type { Language } from '../../src/messages/channel-kind.js';
import { extractEntities } from '../../src/understanding/entities.js';
import type { Entities } from '../../src/understanding/understanding-schema.js';
import { parsePartialDate, parsePhone } from './answers.js';
import { statedAddress } from './stated-details.js';

/** "sorry, the number is …", "不是 是 RAS-50", "說錯了，型號是 …": the customer takes back something said before. */
const CORRECTION = /^\s*(?:sorry|oops|correction|i mean|i meant|actually|wait|no[,，]|wrong|不是|不对|不對|唔係|唔系|唔啱|更正|改成|改為|改为|打錯|打错|說錯|说错|講錯|讲错|寫錯|写错|應該是|应该是|搞錯|搞错|錯了|错了|地址打錯|地址打错|地址錯了|地址错了)/i;
/** Where the new value starts: "不是 0912…，是 0922…" corrects to the number after the last "是". */
const NEW_VALUE = /(?:應該是|应该是|should be|i mean|i meant|it'?s|it is|\bis\b|是|係|系|改成|改為|改为)\s*/gi;

/** What a correction changes, in the form intake keeps its values. */
export type Correction = { productModel?: string; serial?: string; phone?: string; email?: string; purchaseDate?: string; siteAddress?: string };

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
 * The values a message corrects: only a message that starts like a correction and names a detail we can
 * read (model, serial, phone, e-mail, purchase date, a site address). The value after the last "是" / "is"
 * wins, so "不是 0912…，是 0922…" corrects to the second number. Anything else is an answer.
 */
export function correctionOf(text: string, entities: Entities | undefined, ctx: CorrectionContext): Correction | undefined {
  if (!CORRECTION.test(text)) return undefined;
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
