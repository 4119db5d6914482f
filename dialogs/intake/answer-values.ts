import { withoutFiller } from '../shared/answer-filler.js';
import { addressInAnswer, nameInAnswer, statedAddress } from '../shared/stated-details.js';
import type { IntakeField } from './intake-texts.js';

/**
 * What an accepted free-text answer gives its field: the value alone ("Sweet Crumb Bakery, as I said" is
 * Sweet Crumb Bakery), nothing ("不知道耶，機器裝在高處看不到" to the serial question), a home user with no
 * company ("家裡用的"), the product type said instead of a model ("the water heater, dont know the model"),
 * and words after an address that belong to the problem ("…12號 明天中午要營業 拜託早上派人來").
 */
export type FieldReading = { value?: string; unknown?: boolean; household?: boolean; productType?: string; note?: string };

/** "不知道", "沒看過", "看不到", "no idea", "can't find it": the customer cannot give this detail. */
const DONT_KNOW =
  /不知道|不清楚|不記得|不记得|沒看過|没看过|沒看到|没看到|看不到|看不見|看不见|找不到|唔知|冇睇過|冇睇过|睇唔到|搵唔到|忘了|忘記|忘记|\b(?:don'?t|do not|dont) know\b|\bno idea\b|\bnot sure\b|\bcan'?t (?:find|see|read)\b|\bunknown\b/i;
/** A code as on a label: letters and digits with a digit in it ("RAS-28", "X5QK012345"). */
const CODE = /\b(?=[A-Za-z0-9-]*\d)[A-Za-z0-9][A-Za-z0-9-]{2,}\b/;

/** "家裡用的", "it's at home", "my flat": the equipment is in a home. */
export const HOUSEHOLD =
  /我家|我們家|我们家|家裡|家里|家中|住家|自己家|屋企|我屋|家用|自用|\b(?:at|in) (?:my|our) (?:home|house|flat|apartment)\b|\bat home\b|\b(?:my|our) (?:flat|apartment)\b|\bit'?s (?:for )?(?:my )?home\b/i;
/** "none", "no company", "個人", "不用填": no company or project to name. */
const NO_COMPANY = /^\s*(?:none|no|nope|n\/a|no company|not a company|personal|private|individual|沒有|没有|冇|無|无|不用填?|唔使|個人|个人|私人)(?=$|[\s,，.。!！;；])/i;
/** A residential address without a company in sight: 邨, 小區, 公寓, "Apt 5", "Flat B". */
const RESIDENTIAL = /邨|屋苑|小區|小区|社區|社区|公寓|住宅|新村|\d+\s*[號号]樓\s*\d+\s*室|\b(?:apt|apartment|flat)\b/i;
/** Words that say the customer is a business (a company is then worth asking for). */
const BUSINESS =
  /公司|工廠|工厂|廠房|厂房|店|餐廳|餐厅|飯店|饭店|酒店|醫院|医院|診所|诊所|學校|学校|辦公室|办公室|超市|商場|商场|\b(?:company|office|shop|store|restaurant|hotel|hospital|clinic|school|factory|plant|bakery|cafe|warehouse|our (?:customers|staff))\b/i;

/** Whether a report's words or its address show a home user, to whom the company question does not apply. */
export function isHousehold(text: string, siteAddress: string | undefined): boolean {
  if (HOUSEHOLD.test(text)) return true;
  return !!siteAddress && RESIDENTIAL.test(siteAddress) && !BUSINESS.test(text);
}

/** The product words left after the "don't know" clause: "the water heater, dont know the model" → water heater. */
function productWords(text: string): string | undefined {
  const left = text
    .split(/[,，;；。.]/)
    .map((part) => part.trim())
    .filter((part) => part && !DONT_KNOW.test(part) && !/\b(?:model|serial)\b|型號|型号|序號|序列号/i.test(part))
    .join(' ')
    .replace(/^(?:it'?s|it is|is|just)\s+/i, '')
    .replace(/^(?:the|a|an|my|our)\s+/i, '')
    .replace(/^(?:是|就是|係)\s*/, '')
    .trim();
  const words = left.split(/\s+/).filter(Boolean).length;
  const cjk = (left.match(/[\u3400-\u9fff]/g) ?? []).length;
  if (!left || /\d/.test(left) || words > 4 || (cjk === 0 && left.length < 3) || cjk > 8) return undefined;
  return left;
}

export function readFieldAnswer(field: IntakeField, raw: string): FieldReading {
  const text = raw.trim();
  switch (field) {
    case 'serial':
    case 'productModel': {
      if (!DONT_KNOW.test(text) || CODE.test(text)) return {};
      return field === 'productModel' ? { unknown: true, productType: productWords(text) } : { unknown: true };
    }
    case 'company': {
      if (HOUSEHOLD.test(text)) return { unknown: true, household: true };
      if (NO_COMPANY.test(text)) return { unknown: true };
      const bare = withoutFiller(text);
      return bare !== text ? { value: bare } : {};
    }
    case 'name': {
      const bare = withoutFiller(text);
      return bare !== text ? { value: nameInAnswer(bare) } : {};
    }
    case 'siteAddress': {
      const bare = withoutFiller(text);
      const address = addressInAnswer(bare) ?? statedAddress(bare);
      const at = address ? bare.indexOf(address) : -1;
      if (!address || address === bare || at < 0) return { value: bare };
      const trim = (s: string) => s.replace(/^[\s,，。.;；:：]+|[\s,，。.;；:：]+$/g, '').trim();
      const after = bare.slice(at + address.length);
      // "…12號旁邊" goes on the address; only words set apart ("…12號 明天中午要營業") are something else.
      if (after && !/^[\s,，。.;；!！]/.test(after)) return { value: bare };
      // Words before it are where it is ("機器放在", "地址是"), unless they say more than that.
      const before = trim(bare.slice(0, at));
      const note = [before.length > 8 ? before : '', trim(after)].filter(Boolean).join(' ');
      return { value: address, note: note || undefined };
    }
    default:
      return {};
  }
}
