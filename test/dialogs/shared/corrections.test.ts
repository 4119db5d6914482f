import { describe, expect, it } from 'vitest';
import { correctionOf, productSwap, statedChange } from '../../../dialogs/shared/corrections.js';

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
    ['地址打錯了，應該是台中市西屯區台灣大道三段99號', { siteAddress: '台中市西屯區台灣大道三段99號' }],
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

describe('a change in several parts, and the menu labels (QA5)', () => {
  it.each(['Company/project', '公司/專案', '公司/项目', 'Serial number', '序號', '序列号', 'Site address', 'Purchase date'])('reads no change from the menu label "%s" sent as text', (label) => {
    expect(statedChange(label, ctx, summary)).toBeUndefined();
  });

  it('reads a name and a serial to clear from 名字是林雅婷，序號沒有，其他都對', () => {
    expect(statedChange('名字是林雅婷，序號沒有，其他都對', ctx, summary)).toEqual({ name: '林雅婷', cleared: ['serial'] });
  });

  it('splits an address and a name said in one sentence', () => {
    expect(statedChange('No, the address is No. 8, Zhongzheng Rd, Tainan City and my name is just Maggie Chou', ctx, summary)).toEqual({
      siteAddress: 'No. 8, Zhongzheng Rd, Tainan City',
      name: 'Maggie Chou',
    });
  });

  it('reads a correction that starts with an apology: 不好意思说错了，…型号是 DH-50A', () => {
    expect(correctionOf('不好意思说错了，不是空调，是除湿机在漏水，型号是 DH-50A', { productModel: 'DH-50A' }, ctx)).toEqual({ productModel: 'DH-50A' });
  });

  it.each([
    ['不好意思说错了，不是空调，是除湿机在漏水，型号是 DH-50A', { from: '空调', to: '除湿机' }],
    ["sorry, it's not the fridge, it's the freezer", { from: 'fridge', to: 'freezer' }],
    ['型號是 RAS-50', undefined],
  ])('reads the product named instead of another in "%s"', (text, swap) => {
    expect(productSwap(text)).toEqual(swap);
  });
});
