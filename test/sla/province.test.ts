import { describe, expect, it } from 'vitest';
import { isHomeProvince, normaliseProvince } from '../../src/sla/province.js';
import { shippedPolicy as policy } from './sla-fixture.js';

describe('home province', () => {
  it('matches the home province however it is written', () => {
    for (const name of ['Taipei', 'taipei', ' TAIPEI CITY ', '台北', '臺北市', 'Ｔａｉｐｅｉ']) {
      expect(isHomeProvince(policy, name)).toBe(true);
    }
  });

  it('does not match other provinces', () => {
    for (const name of ['高雄市', 'New Taipei', '新北市', 'Taichung']) {
      expect(isHomeProvince(policy, name)).toBe(false);
    }
  });

  it('normalises 臺 to 台 and drops the administrative suffix', () => {
    expect(normaliseProvince('臺中市')).toBe('台中');
    expect(normaliseProvince('Guangdong Province')).toBe('guangdong');
  });
});
