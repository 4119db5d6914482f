import type { Language } from '../../src/messages/channel-kind.js';

/** A danger to people, not just to the appliance: what to do comes before any question. */
export type Hazard = 'gas' | 'electrical';

const GAS = /瓦斯味|瓦斯外洩|瓦斯漏|漏瓦斯|煤氣味|煤气味|燃氣味|燃气味|煤氣洩|煤气泄|燃氣洩|燃气泄|燃氣外洩|燃气外泄|石油氣味|石油气味|\bgas (?:smell|leak)|\bsmell(?:s|ing)? (?:of |like )?gas\b|\bleaking gas\b/i;
// A smoke alarm that beeps is a device fault, not smoke; a heater that 點不著火 (will not light) is not on fire.
const ELECTRICAL = /冒煙|冒烟|燒焦|烧焦|焦味|燶味|火花|(?<![不沒没唔冇])(?:起火|著火|着火)|失火|觸電|触电|漏電|漏电|電親|电亲|\bsmok(?:e|es|ing)\b(?! (?:alarm|detector))|\bburn(?:ing|t) (?:smell|plastic)|\bsmells? (?:like )?burn|\bsparks?\b|\bsparking\b|\bon fire\b|\bcaught fire\b|\bflames?\b|\belectric shock\b|\bshocked me\b|\bgot a shock\b/i;

export function hazardOf(text: string): Hazard | undefined {
  if (GAS.test(text)) return 'gas';
  if (ELECTRICAL.test(text)) return 'electrical';
  return undefined;
}

/** Hong Kong's emergency number is 999; Taiwan's and the mainland's fire and ambulance number is 119. */
function emergencyNumber(phone: string | null): string {
  return phone?.startsWith('+852') ? '999' : '119';
}

const advice: Record<Language, Record<Hazard, (n: string) => string>> = {
  'zh-Hant': {
    gas: (n) => `為了您的安全，請立即關閉瓦斯總開關、打開門窗通風，不要開關電器或使用明火，並先離開現場。氣味濃或有人不適請撥 ${n}。`,
    electrical: (n) => `為了您的安全，請在安全的情況下拔掉插頭或關閉電源總開關，不要觸碰設備，並遠離現場。已起火或有人受傷請撥 ${n}。`,
  },
  'zh-Hans': {
    gas: (n) => `为了您的安全，请立即关闭燃气总阀、打开门窗通风，不要开关电器或使用明火，并先离开现场。气味浓或有人不适请拨 ${n}。`,
    electrical: (n) => `为了您的安全，请在安全的情况下拔掉插头或关闭电源总开关，不要触碰设备，并远离现场。已起火或有人受伤请拨 ${n}。`,
  },
  en: {
    gas: (n) => `For your safety: turn off the gas at the valve, open doors and windows, do not switch anything electrical on or off or light a flame, and keep away. If the smell is strong or anyone feels unwell, call ${n}.`,
    electrical: (n) => `For your safety: if you can do it safely, unplug it or switch off the power at the breaker, do not touch the appliance, and keep away. If there is a fire or anyone is hurt, call ${n}.`,
  },
};

/** One short message (one or two SMS parts) with what to do right now. */
export function safetyAdvice(hazard: Hazard, language: Language, phone: string | null): string {
  return advice[language][hazard](emergencyNumber(phone));
}
