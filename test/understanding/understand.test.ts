import { describe, it, expect } from 'vitest';
import { understand } from '../../src/understanding/understand.js';
import { Understanding } from '../../src/understanding/understanding-schema.js';

describe('understand', () => {
  it('returns a result that matches the Understanding schema', () => {
    const result = understand('Our chiller CH-400 is blowing warm air, please send a technician', { channel: 'chat' });
    expect(Understanding.safeParse(result).success).toBe(true);
  });

  it('treats an angry fault after repeated repair visits as a complaint', () => {
    const result = understand(
      'This is the fourth time your engineer has been out and the oven STILL overheats. Completely unacceptable. I want a refund and your manager to call me today.',
      { channel: 'email', subject: 'Oven still broken' },
    );
    expect(result.category).toBe('complaint');
    expect(result.urgency).toBe('high');
  });

  it('treats a polite question about a warning light as an inquiry', () => {
    const result = understand('Hello, a small amber light on our air compressor started blinking today but everything runs fine. Is that normal?', { channel: 'chat' });
    expect(result.category).toBe('inquiry');
  });

  it('classifies a fault with an error code as a fault', () => {
    expect(understand('The wrapper stopped mid-cycle and shows E-44, it will not restart. Please send someone.', { channel: 'sms' }).category).toBe('fault');
  });

  it('labels a Cantonese message with English words as mixed and still understands it', () => {
    const result = understand('部 compressor 今朝開始 pressure 上唔到，可唔可以 send 個 technician 嚟睇下？', { channel: 'chat' });
    expect(result.language).toBe('mixed');
    expect(result.category).toBe('fault');
  });

  it('gives the same category for Traditional and Simplified versions of a message', () => {
    const hant = understand('你們工程師說好上午來，等到下午都沒有人，也沒有打電話通知，服務太差了', { channel: 'chat' });
    const hans = understand('你们工程师说好上午来，等到下午都没有人，也没有打电话通知，服务太差了', { channel: 'chat' });
    expect(hant.language).toBe('zh-Hant');
    expect(hans.language).toBe('zh-Hans');
    expect(hant.category).toBe('complaint');
    expect(hans.category).toBe(hant.category);
  });

  it('reads 什么 and 怎么 as Simplified, though OpenCC maps 么 to 幺', () => {
    expect(understand('你能帮我做什么', { channel: 'chat' }).language).toBe('zh-Hans');
    expect(understand('这个怎么用', { channel: 'chat' }).language).toBe('zh-Hans');
    expect(understand('你能幫我做什麼', { channel: 'chat' }).language).toBe('zh-Hant');
  });

  it('classifies an e-mail by its new text, not the quoted earlier reply', () => {
    const body = [
      'Hi,',
      '',
      'Thanks, that worked. One more question: how often should we replace the filter on the dryer?',
      '',
      'Regards,',
      'Kim',
      '',
      'On Tue, 3 Mar 2026 at 09:12, Service Desk <service@aftercare.example> wrote:',
      '> Your complaint about the broken dryer and the missed visit has been escalated to our manager.',
      '> We apologise for the unacceptable delay and the repeated failures.',
    ].join('\n');
    expect(understand(body, { channel: 'email', subject: 'Re: Dryer' }).category).toBe('inquiry');
  });

  it('detects a request for a human agent in English and Chinese', () => {
    expect(understand('can I talk to a real person please', { channel: 'chat' }).isHumanRequest).toBe(true);
    expect(understand('转人工', { channel: 'chat' }).isHumanRequest).toBe(true);
    expect(understand('我要同真人講', { channel: 'sms' }).isHumanRequest).toBe(true);
    expect(understand('How much is a new toner cartridge?', { channel: 'chat' }).isHumanRequest).toBe(false);
  });

  it('reads asking for a manager as a request for a person in English and Chinese', () => {
    for (const text of ['I want to speak to a manager now', 'can I talk to your supervisor', '我要找你們經理', '我要找你们经理', '叫你們主管出來']) {
      expect({ text, human: understand(text, { channel: 'chat' }).isHumanRequest }).toEqual({ text, human: true });
    }
    for (const text of ['I complained to your manager last week and nothing happened', 'I need to talk to my manager before we approve the quote', '我找了你們經理三次都沒人處理']) {
      expect({ text, human: understand(text, { channel: 'chat' }).isHumanRequest }).toEqual({ text, human: false });
    }
  });

  it('asks for clarification when the confidence is below the configured threshold', () => {
    const text = 'the machine';
    expect(understand(text, { channel: 'sms' }, { confidenceThreshold: 0.999 }).needsClarification).toBe(true);
    expect(understand(text, { channel: 'sms' }, { confidenceThreshold: 0 }).needsClarification).toBe(false);
  });

  it('marks a safety hazard as high urgency', () => {
    expect(understand('there is smoke coming out of the UPS in the server room, we switched it off', { channel: 'voice' }).urgency).toBe('high');
  });

  it('does not read a heater that will not light as a fire', () => {
    for (const text of ['熱水器點不著火', '燃气灶打不着火了', '热水炉打唔着火']) expect({ text, urgency: understand(text, { channel: 'chat' }).urgency }).not.toEqual({ text, urgency: 'high' });
    expect(understand('廚房的抽油煙機起火了', { channel: 'chat' }).urgency).toBe('high');
  });

  it('classifies a fault the same with or without a greeting in front of it', () => {
    for (const text of ['Hi, AC not cooling, model RAS-50JX', 'hello hello the dryer will not spin', '您好，冰箱不冷了', '喂 部洗衣機唔脫水']) {
      const u = understand(text, { channel: 'sms' });
      expect({ text, category: u.category, needsClarification: u.needsClarification }).toEqual({ text, category: 'fault', needsClarification: false });
    }
  });

  it('reads a full fault report with name, phone and address as a fault', () => {
    for (const text of ['My fridge is not cooling. Model RF-450. I am Jason Wu, phone 0912 345 678. Address: 3F, 45 Heping W Rd Sec 2, Taipei', '洗碗機不會排水 型號DW-45 我是李大華 電話0922333444 地址台南市東區大學路1號']) {
      const u = understand(text, { channel: 'chat' });
      expect({ text, category: u.category, needsClarification: u.needsClarification }).toEqual({ text, category: 'fault', needsClarification: false });
    }
  });

  it('does not take "are you a person or a bot" for a request for a person', () => {
    expect(understand('你們是真人還是機器人啊', { channel: 'chat' })).toMatchObject({ act: 'smalltalk', isHumanRequest: false });
  });

  it('takes giving up on a repair as a no, not a complaint', () => {
    for (const text of ['算了不修了', '不用派人了', 'never mind']) expect({ text, act: understand(text, { channel: 'sms' }).act }).toEqual({ text, act: 'deny' });
  });

  it('classifies a fault the same with or without a model number in it', () => {
    for (const text of ['我家的冷氣機不冷，一直滴水，型號 RAS-40NK', 'My fridge is not cooling, model GR-B22']) {
      const u = understand(text, { channel: 'chat' });
      expect({ text, category: u.category, needsClarification: u.needsClarification }).toEqual({ text, category: 'fault', needsClarification: false });
    }
  });

  it('reads a short dialog answer with a detail as its act, not as a new request', () => {
    expect(understand('對 就是三樓會議室那台', { channel: 'chat' }).act).toBe('affirm');
    expect(understand('序號我不知道 標籤磨掉了', { channel: 'chat' }).act).toBe('skip');
    expect(understand('thanks, bye', { channel: 'sms' })).toMatchObject({ act: 'goodbye', category: 'inquiry', urgency: 'low', needsClarification: false });
  });

  it('reads relative purchase dates against the given day and time zone', () => {
    const u = understand('去年三月買的冷氣，現在不冷了', { channel: 'chat', now: new Date('2026-11-30T04:00:00Z'), timeZone: 'Asia/Taipei' });
    expect(u.entities).toMatchObject({ purchaseDate: '2025-03', purchaseDatePrecision: 'month', purchaseDateText: '去年三月' });
  });

  it('gives a mainland mobile in a Simplified Chinese message its +86 form', () => {
    const u = understand('空调不制冷，电话 13812345678，地址上海市徐汇区', { channel: 'chat' });
    expect(u.entities).toMatchObject({ phone: '13812345678', phoneE164: '+8613812345678', phoneRegion: 'CN' });
  });

  describe('entities of an e-mail with a quoted thread', () => {
    const reply = (newText: string) =>
      [newText, '', 'On Tue, 3 Mar 2026 at 09:12, Service Desk <service@aftercare.example> wrote:', '> Your ticket SR-2026-000123 for the HP LaserJet M404 is open.', '> Hotline 0800-066-600, serial VNB3K12345.'].join('\n');

    it('takes the phone number from the signature of the new text, not the quoted hotline', () => {
      expect(understand(reply('Still jamming.\n\nKim\n0912-345-678'), { channel: 'email' }).entities.phone).toBe('0912-345-678');
    });

    it('leaves out phone numbers and serials that only the quoted thread has', () => {
      const e = understand(reply('Still jamming, please send someone.'), { channel: 'email' }).entities;
      expect(e.phone).toBeUndefined();
      expect(e.serial).toBeUndefined();
    });

    it('takes the product and the ticket from the thread when the new text does not name them', () => {
      const e = understand(reply('Still jamming, please send someone.'), { channel: 'email' }).entities;
      expect(e.productModel).toBe('HP LaserJet M404');
      expect(e.ticketRef).toBe('SR-2026-000123');
    });

    it('prefers a reference in the new text to the ticket in the thread', () => {
      const e = understand(reply('Our PO 4500183321 covers this visit.'), { channel: 'email' }).entities;
      expect(e.externalRef).toBe('PO 4500183321');
      expect(e.ticketRef).toBeUndefined();
    });
  });
});
