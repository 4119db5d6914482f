import { describe, expect, it } from 'vitest';
import { nameInAnswer, statedDetails } from '../../../dialogs/shared/stated-details.js';

describe('details stated in passing', () => {
  it.each([
    { text: '冷氣不冷，型號 RAS-40NK，地址 台北市大安區復興南路一段100號，我叫王小明', details: { name: '王小明', siteAddress: '台北市大安區復興南路一段100號', productModel: 'RAS-40NK' } },
    { text: '洗衣机不转了，我是张伟，电话 13812345678，地址上海市浦东新区世纪大道100号', details: { name: '张伟', siteAddress: '上海市浦东新区世纪大道100号' } },
    { text: 'My fridge is not cooling. Address 12 Main Rd, Taichung City. Name: John Chen', details: { name: 'John Chen', siteAddress: '12 Main Rd, Taichung City' } },
    { text: '我住台北市信義區松高路1號，冷氣不冷', details: { siteAddress: '台北市信義區松高路1號' } },
    { text: '聯絡人：林美玲 0912345678', details: { name: '林美玲' } },
    { text: 'The dishwasher leaks from the door, model SMS4HVI33E', details: { productModel: 'SMS4HVI33E' } },
    { text: '冷氣不冷，敝姓陳先生，電話 0912345678', details: { name: '陳' } },
  ])('reads "$text"', ({ text, details }) => {
    expect(statedDetails(text)).toEqual(details);
  });

  it.each(['我是用戶，冷氣壞了', '您好 我是鼓樓店的劉藥師', 'this is a problem with the printer', 'the model is broken', '冷氣在台北的家裡壞了'])('reads nothing from "%s"', (text) => {
    expect(statedDetails(text)).toEqual({});
  });

  it.each([
    { text: '我姓王', name: '王' },
    { text: '免貴姓歐陽', name: '歐陽' },
    { text: '我是王先生', name: '王先生' },
    { text: 'This is Mr. Lee', name: 'Mr. Lee' },
    { text: 'my name is ivy chen', name: 'ivy chen' },
    { text: '林小姐', name: '林小姐' },
    { text: '我是用戶', name: '我是用戶' },
  ])('takes "$name" as the name in the answer "$text"', ({ text, name }) => {
    expect(nameInAnswer(text)).toBe(name);
  });
});
