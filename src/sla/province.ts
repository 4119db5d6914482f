import type { Policy } from './policy-schema.js';

const SUFFIXES = /(province|county|city|省|市|縣|县)$/u;

/**
 * Comparable form of a province name: NFKC, lower case, 臺 → 台, spaces and punctuation removed,
 * then one trailing 省/市/縣/县/province/county/city dropped. "臺北市", "Taipei City", " taipei " → "台北" / "taipei".
 */
export function normaliseProvince(name: string): string {
  const compact = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/臺/gu, '台')
    .replace(/[\s\p{P}]+/gu, '');
  const stripped = compact.replace(SUFFIXES, '');
  return stripped === '' ? compact : stripped;
}

/** True when `province` names the company's home province (or one of its aliases), compared after normalising. */
export function isHomeProvince(policy: Pick<Policy, 'homeProvince'>, province: string): boolean {
  const wanted = normaliseProvince(province);
  return [policy.homeProvince.name, ...policy.homeProvince.aliases].some((n) => normaliseProvince(n) === wanted);
}
