import { describe, expect, it } from 'vitest';
import { chooseLanguage } from '../../../dialogs/shared/language.js';

describe('the script of Chinese written alike in both scripts', () => {
  it('answers "好的" on a Simplified Chinese page in Simplified Chinese', () => {
    expect(chooseLanguage({ detected: 'zh-Hant', text: '好的', current: null, fallback: 'zh-Hant', hint: 'zh-Hans' })).toBe('zh-Hans');
  });

  it('answers a first "好的" from a mainland number in Simplified and from a Hong Kong number in Traditional', () => {
    expect(chooseLanguage({ detected: 'zh-Hant', text: '好的', current: null, fallback: 'zh-Hant', from: '+8613812345678' })).toBe('zh-Hans');
    expect(chooseLanguage({ detected: 'zh-Hant', text: '可以', current: null, fallback: 'zh-Hans', from: '+85291234567' })).toBe('zh-Hant');
  });

  it('keeps the conversation script before the page or the phone number', () => {
    expect(chooseLanguage({ detected: 'zh-Hant', text: '好的', current: 'zh-Hans', fallback: 'zh-Hant', hint: 'zh-Hant', from: '+886912345678' })).toBe('zh-Hans');
  });

  it('switches script on a short answer with one character only the other script writes', () => {
    expect(chooseLanguage({ detected: 'zh-Hans', text: '没有了', current: 'zh-Hant', fallback: 'zh-Hant' })).toBe('zh-Hans');
    expect(chooseLanguage({ detected: 'zh-Hant', text: '沒有了', current: 'zh-Hans', fallback: 'zh-Hant' })).toBe('zh-Hant');
  });

  it('still needs two such characters in a longer message', () => {
    expect(chooseLanguage({ detected: 'zh-Hans', text: '好的，我明天下午都在家可以过去', current: 'zh-Hant', fallback: 'zh-Hant' })).toBe('zh-Hant');
  });
});
