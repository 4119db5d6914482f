import { describe, expect, it } from 'vitest';
import { isHousehold, readFieldAnswer } from '../../../dialogs/intake/answer-values.js';
import { listedDetails } from '../../../dialogs/intake/listed-details.js';

const ctx = { now: new Date('2026-11-25T02:00:00Z'), timeZone: 'Asia/Taipei', language: 'en' as const };

describe('an answer read for its field', () => {
  it.each([
    ['serial', '不知道耶，機器裝在高處看不到'],
    ['serial', '沒看過序號耶'],
    ['productModel', "no idea, can't see a label"],
  ] as const)('reads the %s answer "%s" as not known', (field, text) => {
    expect(readFieldAnswer(field, text)).toMatchObject({ unknown: true });
  });

  it('keeps a serial that is given beside "not sure"', () => {
    expect(readFieldAnswer('serial', 'not sure, maybe X5QK012345')).toEqual({});
  });

  it('keeps the product type said instead of a model', () => {
    expect(readFieldAnswer('productModel', 'the water heater, dont know the model')).toEqual({ unknown: true, productType: 'water heater' });
  });

  it.each(["none, it's at home", '家裡用的', '自己家用'])('reads the company answer "%s" as a home user', (text) => {
    expect(readFieldAnswer('company', text)).toEqual({ unknown: true, household: true });
  });

  it('separates a request from the address it follows', () => {
    expect(readFieldAnswer('siteAddress', '台北市大安區永康街12號 明天中午要營業 拜託早上派人來')).toEqual({ value: '台北市大安區永康街12號', note: '明天中午要營業 拜託早上派人來' });
  });

  it('takes a housing-estate address without a business word as a home', () => {
    expect(isHousehold('冰箱不制冷', '上海市浦东新区锦绣小区8号楼502室')).toBe(true);
    expect(isHousehold('我们店里的冰柜不制冷', '上海市浦东新区锦绣小区8号楼502室')).toBe(false);
    expect(isHousehold('the oven does not heat', '12 Main Rd, Taichung City')).toBe(false);
  });
});

describe('a list of details in one message', () => {
  it('reads name, company, phone, model and purchase date from one line', () => {
    expect(listedDetails('Maggie Chou, Sweet Crumb Bakery. 0986 447 120. Model is DF-1200G, bought Sept 2025', { ...ctx, entityModel: 'DF-1200G' })).toEqual({
      name: 'Maggie Chou',
      company: 'Sweet Crumb Bakery',
      phone: '+886986447120',
      productModel: 'DF-1200G',
      purchaseDate: '2025-09',
    });
  });

  it('takes the name after its label, never the label left beside an address: "address is …, name Jerry Lin, 0910 101 202"', () => {
    expect(listedDetails('address is 22 Roosevelt Rd Sec 3, Taipei City, name Jerry Lin, 0910 101 202', ctx)).toEqual({
      siteAddress: '22 Roosevelt Rd Sec 3, Taipei City',
      name: 'Jerry Lin',
      phone: '+886910101202',
    });
  });

  it.each(['Maggie Chou', 'Acme Trading, 0912 345 678', 'the oven is not heating, it smells'])('reads no list from "%s"', (text) => {
    expect(listedDetails(text, ctx)).toBeUndefined();
  });
});
