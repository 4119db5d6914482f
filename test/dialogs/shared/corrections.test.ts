import { describe, expect, it } from 'vitest';
import { statedChange } from '../../../dialogs/shared/corrections.js';

const ctx = { now: new Date('2026-11-25T02:00:00Z'), timeZone: 'Asia/Taipei' };
const summary = { productModel: 'DW-45', siteAddress: '台北市信義區松高路1號', phone: '+886912345678' };

describe('a change sent at the confirmation', () => {
  it.each([
    ['the model is DW-54 not DW-45', { productModel: 'DW-54' }],
    ['Model: DW-54', { productModel: 'DW-54' }],
    ['DW-54 not DW-45', { productModel: 'DW-54' }],
    ['不是DW-45，是DW-54', { productModel: 'DW-54' }],
    ['型號係DW-54唔係DW-45', { productModel: 'DW-54' }],
    ['型号应该是 DW-54', { productModel: 'DW-54' }],
    ['地址改為台中市西屯區台灣大道三段99號', { siteAddress: '台中市西屯區台灣大道三段99號' }],
    ['the phone number should be 0922333444', { phone: '+886922333444' }],
    ['电话改成 13912345678', { phone: '+8613912345678' }],
    ['bought it in march 2024', { purchaseDate: '2024-03' }],
  ])('reads "%s" as the change %o', (text, change) => {
    expect(statedChange(text, ctx, summary)).toEqual(change);
  });

  it('reads an address sent on its own as the site address', () => {
    expect(statedChange('Warehouse 3, 18 Gangqian Rd, Kaohsiung', ctx, summary)).toEqual({ siteAddress: 'Warehouse 3, 18 Gangqian Rd, Kaohsiung' });
  });

  it.each(['No', 'model', '地址', 'thanks!', 'yes'])('reads no change from "%s"', (text) => {
    expect(statedChange(text, ctx, summary)).toBeUndefined();
  });
});
