import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { Language } from './understanding-schema.js';

export type PhoneRegion = 'TW' | 'CN' | 'HK';
const REGIONS: readonly PhoneRegion[] = ['TW', 'CN', 'HK'];

// Places that say where the customer is, in the forms customers write them.
const PLACES: Record<PhoneRegion, RegExp> = {
  CN: /上海|北京|深圳|广州|廣州|杭州|南京|苏州|蘇州|成都|武汉|武漢|天津|重庆|重慶|西安|东莞|東莞|佛山|厦门|廈門|青岛|青島|宁波|寧波|无锡|無錫|长沙|長沙|郑州|鄭州|济南|濟南|合肥|福州|昆明|大连|大連|沈阳|瀋陽|珠海|中山|惠州|自治区|浦东|浦東|朝阳区|海淀|\b(?:shanghai|beijing|shenzhen|guangzhou|hangzhou|nanjing|suzhou|chengdu|wuhan|tianjin|chongqing|dongguan|xiamen|mainland china|prc)\b/i,
  TW: /台北|臺北|新北|桃園|桃园|台中|臺中|台南|臺南|高雄|新竹|基隆|嘉義|嘉义|彰化|屏東|屏东|宜蘭|宜兰|花蓮|花莲|苗栗|南投|雲林|云林|台東|臺東|澎湖|金門|縣|台灣|臺灣|台湾|\b(?:taipei|taichung|kaohsiung|tainan|taoyuan|hsinchu|keelung|taiwan)\b/i,
  HK: /香港|九龍|九龙|新界|旺角|觀塘|观塘|沙田|荃灣|荃湾|銅鑼灣|铜锣湾|尖沙咀|灣仔|湾仔|中環|中环|葵涌|屯門|屯门|元朗|將軍澳|将军澳|大埔|油麻地|深水埗|北角|柴灣|柴湾|西環|鰂魚涌|\b(?:hong kong|kowloon|new territories|mong kok|kwun tong|sha tin|tsuen wan|causeway bay|wan chai|tsim sha tsui|hk)\b/i,
};
const CANTONESE = /[嘅咗唔冇係哋嚟喺啲佢咁噉睇俾畀搵嗰咩攞]|𨋢/u;

/** Regions to try in order: what the address says, then what the writing says, then the business default. */
function preference(text: string, language: Language | undefined, fallback: PhoneRegion): PhoneRegion[] {
  const order: PhoneRegion[] = [];
  for (const r of REGIONS) if (PLACES[r].test(text)) order.push(r);
  if (CANTONESE.test(text)) order.push('HK');
  if (language === 'zh-Hans') order.push('CN');
  if (language === 'zh-Hant') order.push('TW');
  order.push(fallback, ...REGIONS);
  return [...new Set(order)];
}

/** Regions where a number of this shape is complete as written. */
function candidates(digits: string, context: { text: string; language?: Language; defaultRegion?: PhoneRegion }): PhoneRegion[] {
  if (/^1[3-9]\d{9}$/.test(digits)) return ['CN']; // mainland mobile: 11 digits from 13…19
  if (/^09\d{8}$/.test(digits)) return ['TW']; // Taiwan mobile: 09 and 8 digits
  // Eight digits with no trunk 0 is a whole Hong Kong number; in Taiwan or the mainland it would lack its area code.
  if (/^[2-9]\d{7}$/.test(digits)) return ['HK'];
  if (/^0\d{8,11}$/.test(digits)) return preference(context.text, context.language, context.defaultRegion ?? 'TW').filter((r) => r !== 'HK');
  return [];
}

/**
 * The E.164 form and region of a phone number as a customer wrote it. An explicit country code decides;
 * otherwise the number itself (13812345678 is only a mainland mobile, 0912… only a Taiwan one), then the
 * address, the script (Simplified → mainland, Cantonese → Hong Kong, Traditional → Taiwan) and the
 * business's region pick the first region where the number is valid. Undefined when none fits.
 */
export function resolvePhone(raw: string, context: { text: string; language?: Language; defaultRegion?: PhoneRegion }): { e164: string; region: PhoneRegion | string } | undefined {
  // "+44 (0)20 …": the (0) is the trunk prefix used at home, never dialled after a country code.
  const written = raw.replace(/\(0\)/g, '').replace(/[^\d+]/g, '');
  const international = /^(?:\+|00)/.test(written) ? written.replace(/^00/, '+') : /^(?:886|852|86)\d{8,11}$/.test(written) ? `+${written}` : undefined;
  if (international) {
    const parsed = parsePhoneNumberFromString(international);
    // The customer wrote the country code: keep it even where the number lies outside the allocated ranges
    // (+44 7700 900123 is a reserved UK range), rather than dropping it or reading the digits as local.
    if (!parsed?.isPossible()) return undefined;
    return { e164: parsed.number, region: parsed.country ?? parsed.getPossibleCountries()[0] ?? parsed.countryCallingCode };
  }
  for (const region of candidates(written, context)) {
    const parsed = parsePhoneNumberFromString(written, region as CountryCode);
    if (parsed?.isValid()) return { e164: parsed.number, region };
  }
  return undefined;
}
