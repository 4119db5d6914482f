import { describe, expect, it } from 'vitest';
import { addressInAnswer, companyInAnswer, companyInSignature, detailsForOtherFields, formOfAddress, nameInAnswer, statedAddress, statedDetails, statedName } from '../../../dialogs/shared/stated-details.js';

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

describe('names, companies and addresses said in passing', () => {
  it.each([
    { text: "I'm the facilities manager, David Lin. The chiller trips every hour", details: { name: 'David Lin' } },
    { text: 'Hi its Kevin, my oven is not heating', details: { name: 'Kevin' } },
    { text: 'hello, this is maria here, the fridge is warm', details: { name: 'Maria' } },
    { text: 'Writing on behalf of Acme Plastics Ltd. The moulder leaks oil', details: { company: 'Acme Plastics Ltd' } },
    { text: 'this is Maria from Grand Hotel, the fridge is warm', details: { name: 'Maria', company: 'Grand Hotel' } },
    { text: 'The compressor installed at No. 88, Xingbang Rd, Guishan Dist, Taoyuan City is noisy', details: { siteAddress: 'No. 88, Xingbang Rd, Guishan Dist, Taoyuan City' } },
    { text: "our AC is installed at 12 Zhongshan Rd, Zhongli Dist, Taoyuan City and it won't start", details: { siteAddress: '12 Zhongshan Rd, Zhongli Dist, Taoyuan City' } },
    { text: '部冷氣唔凍，我係黃小姐', details: { name: '黃小姐' } },
    { text: '我司位于苏州工业园区星湖街328号，空压机无法启动。联系人周敏，电话13812345678', details: { name: '周敏', siteAddress: '苏州工业园区星湖街328号' } },
    { text: '我们是华星电子有限公司的，我叫赵磊', details: { name: '赵磊', company: '华星电子有限公司' } },
    { text: '代表大安貿易有限公司報修，影印機卡紙', details: { company: '大安貿易有限公司' } },
    { text: "I'm Amy from Sunrise Hotel, the air conditioner in the lobby is leaking", details: { name: 'Amy', company: 'Sunrise Hotel' } },
    { text: '我是大同餐廳的陳小姐，冷氣一直滴水', details: { name: '陳小姐', company: '大同餐廳' } },
    { text: '我是大同餐厅的陈小姐，空调一直滴水', details: { name: '陈小姐', company: '大同餐厅' } },
    { text: '公司是 ABC 科技有限公司，印表機卡紙', details: { company: 'ABC 科技有限公司' } },
  ])('reads "$text"', ({ text, details }) => {
    expect(statedDetails(text)).toEqual(details);
  });

  it.each(["I'm sorry to bother you, the oven is broken", "it's broken again", '我係想問部冷氣點解唔凍', 'We bought it from Best Buy last year'])('reads no name nor company from "%s"', (text) => {
    const { name, company } = statedDetails(text);
    expect({ name, company }).toEqual({ name: undefined, company: undefined });
  });
});

describe('names beside a phone number, an address or a role', () => {
  it('reads a name after a role: 我是老闆林良', () => {
    expect(statedName('店名是阿良麵店，我是老闆林良，電話0921-334-556')).toBe('林良');
    expect(statedName('我係負責人陳大文，部雪櫃唔凍')).toBe('陳大文');
  });

  it('reads a bare Chinese name that starts a message and is followed by a phone or an address', () => {
    expect(statedName('张伟 13800138000 北京市朝阳区望京西路8号院2号楼')).toBe('张伟');
    expect(statedName('黃美玲，0912000111，台北市中山區南京東路100號')).toBe('黃美玲');
    expect(statedName('冷氣 不冷 0912345678')).toBeUndefined();
  });

  it('reads a Latin name after a Chinese label and a full name after "I\'m" anywhere', () => {
    expect(statedName('我叫 Ken Wong，電話 9123 4567，住喺觀塘')).toBe('Ken Wong');
    expect(statedName('ok. I\'m Tom Bradley, bought it 2024-11-02')).toBe('Tom Bradley');
    expect(statedName("I'm Very Sorry to bother you")).toBeUndefined();
  });
});

describe('an address given as an answer', () => {
  it.each(['九龍觀塘道100號5樓A室', '5F, 20 Ln 3 Xinyi Rd Sec 4, Taipei', 'Warehouse 3, 18 Gangqian Rd, Kaohsiung', '深圳南山区科苑路15号', '香港灣仔告士打道39號'])('reads "%s" as the address', (text) => {
    expect(addressInAnswer(text)).toBe(text);
  });

  it.each(['Acme Trading', 'RAS-40NK', '2024年3月', '3M Taiwan', 'no idea', 'X5QK012345'])('reads no address from "%s"', (text) => {
    expect(addressInAnswer(text)).toBeUndefined();
  });

  it('finds a mobile number for the contact question and an address for the site question', () => {
    expect(detailsForOtherFields('0912 345 678', undefined, ['contact', 'siteAddress'])).toEqual({ phone: '+886912345678' });
    expect(detailsForOtherFields('12 Zhongshan Rd, Taipei', undefined, ['contact', 'siteAddress'])).toEqual({ siteAddress: '12 Zhongshan Rd, Taipei' });
    expect(detailsForOtherFields('0912 345 678', undefined, ['siteAddress'])).toEqual({});
  });
});

describe('the form of address', () => {
  it.each([
    ['孫', undefined],
    ['孙', undefined],
    ['歐陽', undefined],
    ['孫先生', '孫先生'],
    ['黃小姐', '黃小姐'],
    ['孙小燕', '孙小燕'],
    ['陳大文', '陳大文'],
    ['Kevin', 'Kevin'],
    ['Mr Lee', 'Mr Lee'],
    [null, undefined],
  ] as const)('addresses "%s" as %s', (name, form) => {
    expect(formOfAddress(name)).toBe(form);
  });
});

describe('addresses and names the way customers write them (QA5)', () => {
  it.each([
    ['address No. 5, Lane 3, Heping E Rd, Taipei City', 'No. 5, Lane 3, Heping E Rd, Taipei City'],
    ['Our heater shows E5. Address: Rm 1502, 15/F, Causeway Bay Plaza 2, 463 Lockhart Rd, Causeway Bay. Bought Jan 2024.', 'Rm 1502, 15/F, Causeway Bay Plaza 2, 463 Lockhart Rd, Causeway Bay'],
    ['機器放在台南市東區崇學路 77 號 3 樓', '台南市東區崇學路 77 號 3 樓'],
    ['我是住在台中市北屯區崇德路三段 220 號 9 樓的許太太', '台中市北屯區崇德路三段 220 號 9 樓'],
    ['型號FZ-1500 地址台北市大安區永康街12號 明天中午要營業 拜託早上派人來', '台北市大安區永康街12號'],
    ['地址台北市信義區松仁路 100 號 12 樓，前年三月買的。', '台北市信義區松仁路 100 號 12 樓'],
    ['我叫陳生，電話 6123 4567，地址香港九龍旺角彌敦道 600 號 10 樓', '香港九龍旺角彌敦道 600 號 10 樓'],
    ['地址台北市中山區南京東路二段 15 號 3 樓，我叫林志明 0988-765-432', '台北市中山區南京東路二段 15 號 3 樓'],
  ])('reads the address in "%s" without the words around it', (text, address) => {
    expect(statedAddress(text)).toBe(address);
  });

  it.each(['No. 8, Zhongzheng Rd, Tainan City', 'No. 5, Lane 3, Heping E Rd, Taipei City', 'Rm 1502, 88 Lockhart Rd, Wan Chai', '沙田禾輋邨豐和樓 1203 室', '將軍澳富康花園3座12樓C室'])('reads "%s" given as an answer as the address', (text) => {
    expect(addressInAnswer(text)).toBe(text);
  });

  it('reads a Taiwanese English address with its section as an address: No. 21, Sec. 2, Minsheng Rd, …', () => {
    expect(addressInAnswer('No. 21, Sec. 2, Minsheng Rd, Xitun Dist, Taichung City')).toBe('No. 21, Sec. 2, Minsheng Rd, Xitun Dist, Taichung City');
  });

  it.each([
    ["It's Daniel Lee from Lucky Noodle House, phone 0932 118 554", 'Daniel Lee'],
    ['address is 22 Roosevelt Rd Sec 3, Taipei City, name Jerry Lin, 0910 101 202', 'Jerry Lin'],
  ])('finds the name in "%s"', (text, name) => {
    expect(statedName(text)).toBe(name);
  });

  it('takes the full name after the surname: 我姓林，林雅婷', () => {
    expect(statedName('我姓林，林雅婷，電話 0935-218-476')).toBe('林雅婷');
    expect(statedName('敝姓鄭')).toBe('鄭');
  });
});

describe('the answer to "which company or project?"', () => {
  it.each([
    { text: 'Sunrise Hotel', company: 'Sunrise Hotel' },
    { text: "we're from Sunrise Hotel", company: 'Sunrise Hotel' },
    { text: 'the project is Riverside Tower', company: 'Riverside Tower' },
    { text: '公司是 ABC 科技有限公司', company: 'ABC 科技有限公司' },
    { text: '我們公司是大同餐廳', company: '大同餐廳' },
    { text: '项目是滨江花园二期', company: '滨江花园二期' },
  ])('keeps "$company" from "$text"', ({ text, company }) => {
    expect(companyInAnswer(text)).toBe(company);
  });
});

describe('the company in an e-mail signature', () => {
  it.each([
    { signature: 'Amy Lin\nFacilities Manager\nSunrise Hotel\n+886 2 2345 6789', company: 'Sunrise Hotel' },
    { signature: '陳美玲\n大同科技股份有限公司 總務部\n電話 02-2345-6789', company: '大同科技股份有限公司' },
    { signature: '王伟\n上海华星电子有限公司\n13812345678', company: '上海华星电子有限公司' },
  ])('reads "$company" from its own line', ({ signature, company }) => {
    expect(companyInSignature(signature)).toBe(company);
  });

  it('reads no company from a signature with only a name and a phone', () => {
    expect(companyInSignature('Tom Bradley\nMobile 0912 345 678')).toBeUndefined();
  });
});
