import type { Entities } from '../../src/understanding/understanding-schema.js';

/** "sorry, the number is …", "不是 是 RAS-50", "說錯了，型號是 …": the customer takes back something said before. */
const CORRECTION = /^\s*(?:sorry|oops|correction|i mean|i meant|actually|wait|no[,，]|wrong|不是|不对|不對|唔係|唔系|唔啱|更正|改成|改為|改为|打錯|打错|說錯|说错|講錯|讲错|寫錯|写错|應該是|应该是|搞錯|搞错|錯了|错了)/i;

/** What a correction changes, in the form intake keeps its values. */
export type Correction = { productModel?: string; serial?: string; phone?: string; email?: string; purchaseDate?: string };

/**
 * The values a message corrects: only a message that starts like a correction and names a detail the
 * understanding can read (model, serial, phone, e-mail, purchase date). Anything else is an answer.
 */
export function correctionOf(text: string, entities: Entities | undefined): Correction | undefined {
  if (!entities || !CORRECTION.test(text)) return undefined;
  const c: Correction = {
    productModel: entities.productModel,
    serial: entities.serial,
    phone: entities.phoneE164,
    email: entities.email,
    purchaseDate: entities.purchaseDate,
  };
  const found = Object.fromEntries(Object.entries(c).filter(([, v]) => v)) as Correction;
  return Object.keys(found).length > 0 ? found : undefined;
}
