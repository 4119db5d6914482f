import { describe, expect, it } from 'vitest';
import { isSkip, mobileNumberOnly, notAnAnswer, parseContact, parsePhone, parsePartialDate, parseRating, parseTicketReference, provinceOf, storedDate, yesNo } from '../../../dialogs/shared/answers.js';
import { chooseLanguage } from '../../../dialogs/shared/language.js';
import { interruptionOf } from '../../../dialogs/shared/interruptible-dialog.js';
import { interpretAnswer } from '../../../dialogs/shared/ask-prompt.js';

const today = new Date('2026-11-25T02:00:00Z');
const tz = 'Asia/Taipei';

describe('free-text answers', () => {
  it('reads purchase dates written in several ways', () => {
    expect(parsePartialDate('2024-03-05', today, tz)).toEqual({ ok: true, value: '2024-03-05' });
    expect(parsePartialDate('2024/3/5', today, tz)).toEqual({ ok: true, value: '2024-03-05' });
    expect(parsePartialDate('2024年3月5日', today, tz)).toEqual({ ok: true, value: '2024-03-05' });
    expect(parsePartialDate('5 March 2024', today, tz)).toEqual({ ok: true, value: '2024-03-05' });
  });

  it('keeps a month or a year given alone at that precision instead of the first day', () => {
    expect(parsePartialDate('March 2024', today, tz)).toEqual({ ok: true, value: '2024-03' });
    expect(parsePartialDate('2024年5月', today, tz)).toEqual({ ok: true, value: '2024-05' });
    expect(storedDate('2024-05')).toEqual({ date: new Date('2024-05-01T00:00:00Z'), precision: 'month' });
    expect(storedDate('2025')).toEqual({ date: new Date('2025-01-01T00:00:00Z'), precision: 'year' });
    expect(storedDate('2024-03-05')).toEqual({ date: new Date('2024-03-05T00:00:00Z'), precision: 'day' });
  });

  it('reads relative purchase dates in three languages', () => {
    expect(parsePartialDate('去年三月', today, tz)).toEqual({ ok: true, value: '2025-03' });
    expect(parsePartialDate('去年3月', today, tz)).toEqual({ ok: true, value: '2025-03' });
    expect(parsePartialDate('yesterday', today, tz)).toEqual({ ok: true, value: '2026-11-24' });
    expect(parsePartialDate('last year', today, tz)).toEqual({ ok: true, value: '2025' });
    expect(parsePartialDate('兩年前', today, tz).ok).toBe(true);
  });

  it('refuses impossible and future dates', () => {
    expect(parsePartialDate('2024-13-45', today, tz).ok).toBe(false);
    expect(parsePartialDate('2027-01-01', today, tz).ok).toBe(false);
    expect(parsePartialDate('tomorrow', today, tz).ok).toBe(false);
  });

  it('takes a phone number or an e-mail address as contact, and nothing else', () => {
    expect(parseContact('0912 345 678')).toEqual({ ok: true, value: { phone: '+886912345678' } });
    expect(parseContact('mail me at Amy@Example.com')).toEqual({ ok: true, value: { email: 'amy@example.com' } });
    expect(parseContact('12345').ok).toBe(false);
    expect(parseContact('call me').ok).toBe(false);
  });

  it('judges a phone number by its shape, the language and the address', () => {
    expect(parseContact('13812345678', { language: 'zh-Hans', text: '上海市浦东新区世纪大道1号' })).toEqual({ ok: true, value: { phone: '+8613812345678' } });
    expect(parseContact('13812345678', { language: 'zh-Hant' })).toEqual({ ok: true, value: { phone: '+8613812345678' } });
    expect(parseContact('9123 4567', { language: 'zh-Hant', text: '香港九龍旺角' })).toEqual({ ok: true, value: { phone: '+85291234567' } });
    expect(parseContact('0912-345-678', { language: 'zh-Hant' })).toEqual({ ok: true, value: { phone: '+886912345678' } });
    expect(parseContact('021-6123 4567', { language: 'zh-Hans', text: '上海市' })).toEqual({ ok: true, value: { phone: '+862161234567' } });
    expect(parseContact('02-2345 6789', { language: 'zh-Hant', text: '台北市' })).toEqual({ ok: true, value: { phone: '+886223456789' } });
  });

  it('keeps the country code of a foreign number however it is dialled', () => {
    expect(parseContact('+44 (0)20 7946 0958', { language: 'zh-Hant' })).toEqual({ ok: true, value: { phone: '+442079460958' } });
    expect(parseContact('0044 20 7946 0958', { language: 'zh-Hant' })).toEqual({ ok: true, value: { phone: '+442079460958' } });
  });

  it('reads scores from digits, words and stars', () => {
    expect(parseRating('4')).toEqual({ ok: true, value: 4 });
    expect(parseRating('5分')).toEqual({ ok: true, value: 5 });
    expect(parseRating('three')).toEqual({ ok: true, value: 3 });
    expect(parseRating('★★')).toEqual({ ok: true, value: 2 });
    expect(parseRating('9').ok).toBe(false);
  });

  it('understands skip, yes and no in three languages', () => {
    expect(['skip', '略過', '跳过'].every(isSkip)).toBe(true);
    expect(['yes', '是', '好的'].map(yesNo)).toEqual([true, true, true]);
    expect(['no', '否', '不对'].map(yesNo)).toEqual([false, false, false]);
  });

  it('takes "don\'t know" and "no" in three languages as leaving a field empty', () => {
    expect(["I don't know", 'no idea', 'not sure', 'No', '不知道', '唔知', '不記得', '不记得', '沒有', '冇'].every(isSkip)).toBe(true);
    expect(['Nora', '陳先生', 'RAS-40NK'].some(isSkip)).toBe(false);
  });

  it('never takes thanks or a greeting as a name, and leaves an optional field empty on them', () => {
    const today = new Date('2026-11-25T02:00:00Z');
    expect(interpretAnswer({ kind: 'name', maxAttempts: 2 }, '謝謝', today, 'Asia/Taipei', 'thanks')).toEqual({ status: 'invalid' });
    expect(interpretAnswer({ kind: 'name', optional: true, maxAttempts: 2 }, '沒有了，謝謝', today, 'Asia/Taipei', 'thanks')).toEqual({ status: 'skipped' });
    expect(interpretAnswer({ kind: 'text', optional: true, maxAttempts: 2 }, 'No', today, 'Asia/Taipei', 'deny')).toEqual({ status: 'skipped' });
    expect(interpretAnswer({ kind: 'name', optional: true, maxAttempts: 2 }, '王小明', today, 'Asia/Taipei', null)).toEqual({ status: 'ok', value: '王小明' });
  });

  it('reads ticket numbers typed loosely or keyed in as digits', () => {
    expect(parseTicketReference('status of sr 2026 123?')).toBe('SR-2026-000123');
    expect(parseTicketReference('2026000123')).toBe('SR-2026-000123');
    expect(parseTicketReference('my printer')).toBeNull();
  });

  it('finds the province of a site address', () => {
    expect(provinceOf('台北市信義區松高路1號')).toBe('台北市');
    expect(provinceOf('12 Harbour Rd, Kaohsiung City, Taiwan')).toBe('Kaohsiung City');
  });
});

describe('a name given with other details', () => {
  it('takes the name said plainly in an answer that also gives a phone or an address', () => {
    for (const [text, name] of [['我叫 Ken Wong，電話 9123 4567，住喺觀塘', 'Ken Wong'], ['张伟 13800138000 北京市朝阳区望京西路8号', '张伟'], ["ok. I'm Tom Bradley, bought it 2024-11-02", 'Tom Bradley']] as const) {
      expect({ text, answer: interpretAnswer({ kind: 'name', maxAttempts: 2 }, text, today, 'Asia/Taipei') }).toEqual({ text, answer: { status: 'ok', value: name } });
    }
  });
});

describe('a phone number inside a longer answer', () => {
  it('takes the one run of digits that is a phone number, not the house number after it', () => {
    expect(parsePhone('我是老闆林良，電話0921-334-556，地址高雄市三民區建國二路12號', { language: 'zh-Hant' })).toEqual({ ok: true, value: '+886921334556' });
    expect(parsePhone('call 0912-345-678, unit 5 at no. 18', { language: 'en' })).toEqual({ ok: true, value: '+886912345678' });
  });
});

describe('language of the conversation', () => {
  it('keeps the conversation language for short answers in another script', () => {
    expect(chooseLanguage({ detected: 'zh-Hant', text: '是', current: 'zh-Hans', fallback: 'zh-Hant' })).toBe('zh-Hans');
    expect(chooseLanguage({ detected: 'en', text: 'Alice Chen', current: 'zh-Hant', fallback: 'zh-Hant' })).toBe('zh-Hant');
  });

  it('switches when the customer clearly writes in another language', () => {
    expect(chooseLanguage({ detected: 'en', text: 'My printer is broken again', current: 'zh-Hant', fallback: 'zh-Hant' })).toBe('en');
    expect(chooseLanguage({ detected: 'zh-Hans', text: '我的打印机坏了', current: 'zh-Hant', fallback: 'zh-Hant' })).toBe('zh-Hans');
  });

  it('answers a message without letters in the page hint, else the stored language, else the default, never English by itself', () => {
    expect(chooseLanguage({ detected: 'en', text: '👍', current: 'zh-Hans', fallback: 'zh-Hant', hint: 'en' })).toBe('en');
    expect(chooseLanguage({ detected: 'en', text: '1', current: 'zh-Hans', fallback: 'zh-Hant' })).toBe('zh-Hans');
    expect(chooseLanguage({ detected: 'en', text: '0', current: null, fallback: 'zh-Hant' })).toBe('zh-Hant');
  });

  it('answers mixed messages in the stored language or the default', () => {
    expect(chooseLanguage({ detected: 'mixed', text: 'printer 壞了 please help', current: 'en', fallback: 'zh-Hant' })).toBe('en');
    expect(chooseLanguage({ detected: 'mixed', text: 'printer 壞了 please help', current: null, fallback: 'zh-Hans' })).toBe('zh-Hans');
  });
});

describe('interruptions', () => {
  it('treats a whole short command as help, cancel or agent', () => {
    expect(interruptionOf('help', false)).toBe('help');
    expect(interruptionOf('取消', false)).toBe('cancel');
    expect(interruptionOf('start over', false)).toBe('cancel');
    expect(interruptionOf('人工', false)).toBe('agent');
    // On SMS, CANCEL and QUIT belong to the carrier (opt-out); MENU starts over instead.
    expect(interruptionOf('CANCEL', false, 'sms')).toBeUndefined();
    expect(interruptionOf('quit', false, 'sms')).toBeUndefined();
    expect(interruptionOf('MENU', false, 'sms')).toBe('cancel');
    expect(interruptionOf('取消', false, 'sms')).toBe('cancel');
    expect(interruptionOf('menu', false, 'chat')).toBe('help');
  });

  it('ignores the same words inside a description', () => {
    expect(interruptionOf('please help, the printer will not start', false)).toBeUndefined();
    expect(interruptionOf('I cancelled the order but the unit arrived', false)).toBeUndefined();
  });
});

describe('yes and no in the three languages', () => {
  it.each(['係', '係呀', '啱', '啱晒', '冇錯', '對啊', '是的', 'yes please', 'looks good', 'yup'])('reads "%s" as yes', (text) => {
    expect(yesNo(text)).toBe(true);
  });

  it.each(['唔係', '唔啱', '不对', 'not correct', 'nope'])('reads "%s" as no', (text) => {
    expect(yesNo(text)).toBe(false);
  });
});

describe('answers that are no value', () => {
  it.each(['等一下，你们周末上班吗？', 'wait whats the warranty period?', '你們週末有開嗎', '等陣，你哋幾點收工？', 'how long does a repair take', '算了不修了', '唔使修喇', 'forget it'])(
    'refuses "%s" as the value of a field',
    (text) => {
      expect(notAnAnswer(text)).toBe(true);
    },
  );

  it.each(['Acme Trading', '王小明', 'RAS-40NK', '台北市信義區松高路1號', '我不知道', '沒有', '2024年3月'])('accepts "%s"', (text) => {
    expect(notAnAnswer(text)).toBe(false);
  });

  it.each([
    ['0922333444', '+886922333444'],
    ['13812345678', '+8613812345678'],
    ['我的手机是 139 1234 5678', '+8613912345678'],
    ['+852 9123 4567', '+85291234567'],
  ])('reads "%s" as nothing but a mobile number', (text, phone) => {
    expect(mobileNumberOnly(text)).toBe(phone);
  });

  it.each(['X5QK012345', '91234567', '20231115001'])('does not take the serial-like "%s" for a mobile number', (text) => {
    expect(mobileNumberOnly(text)).toBeNull();
  });
});
