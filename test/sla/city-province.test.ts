import { describe, expect, it } from 'vitest';
import { provinceOf } from '../../dialogs/shared/answers.js';
import { isHomeProvince } from '../../src/sla/province.js';
import { provinceOfCity } from '../../src/sla/city-province.js';
import { shippedPolicy } from './sla-fixture.js';

describe('province of a mainland site address that names only the city', () => {
  it.each([
    { address: '苏州工业园区星湖街328号B栋', province: '江苏省' },
    { address: '广州市天河区天河路 385 号', province: '广东省' },
    { address: '深圳南山区科技园南区', province: '广东省' },
    { address: '廣州市越秀區中山二路', province: '广东省' },
    { address: '中国江苏省南京市鼓楼区', province: '江苏省' },
    { address: '上海市浦东新区张江路 88 号', province: '上海市' },
    { address: 'Building 3, 88 Keyuan Rd, Nanshan District, Shenzhen', province: '广东省' },
  ])('reads "$address" as $province', ({ address, province }) => {
    expect(provinceOf(address)).toBe(province);
  });

  it.each(['台北市中山區南京東路二段 100 號', '南京東路三段 20 號', '中山路 12 號', 'No. 5, Nanjing E Rd, Zhongshan Dist., Taipei City'])('does not take a street named after a city for the city: "%s"', (address) => {
    expect(provinceOfCity(address)).toBeUndefined();
  });

  it('keeps a Taiwan city as written', () => {
    expect(provinceOf('新北市板橋區文化路二段182號5樓')).toBe('新北市');
    expect(provinceOf('5F-2, No. 100, Section 1, Keelung Rd, Xinyi District, Taipei')).toBe('Taipei');
  });

  it('places a Guangzhou site in the home province of a Guangdong business', () => {
    const guangdong = { ...shippedPolicy, homeProvince: { name: '广东省', aliases: ['Guangdong', '廣東'] } };
    expect(isHomeProvince(guangdong, provinceOf('广州市天河区天河路 385 号')!)).toBe(true);
    expect(isHomeProvince(guangdong, provinceOf('苏州工业园区星湖街328号')!)).toBe(false);
  });
});
