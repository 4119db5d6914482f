import { Converter } from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { chineseScriptOf } from '../../src/messages/chinese-script.js';
import { SIMPLIFIED_ONLY, TRADITIONAL_ONLY } from '../../src/messages/chinese-script-table.js';
import { classifyWithOpenCC, hanCodePoints } from '../../scripts/chinese-script-source.js';
import { keywordLanguage } from '../../channels/twilio-sms/sms-keyword-texts.js';

describe('which Chinese script writes a character', () => {
  it('matches what the installed OpenCC converters say, for every Han character', () => {
    // Regenerate with `npx tsx scripts/chinese-script-table.ts` when this fails after an opencc-js upgrade.
    const fromOpenCC = classifyWithOpenCC(hanCodePoints());
    expect(TRADITIONAL_ONLY).toBe(fromOpenCC.traditional);
    expect(SIMPLIFIED_ONLY).toBe(fromOpenCC.simplified);
  });

  it('tells Traditional-only, Simplified-only and shared characters apart', () => {
    expect(['訂', '订', '退', 'a', '😀'].map(chineseScriptOf)).toEqual(['traditional', 'simplified', 'neutral', 'neutral', 'neutral']);
  });

  it('counts 么 as Simplified, though OpenCC maps it to 幺 (mainland 什么, Taiwan 什麼)', () => {
    expect(['么', '麼'].map(chineseScriptOf)).toEqual(['simplified', 'traditional']);
  });

  it('gives each SMS keyword the script that converting the whole word gave', () => {
    const toSimplified = Converter({ from: 'tw', to: 'cn' });
    const toTraditional = Converter({ from: 'cn', to: 'tw' });
    for (const word of ['退訂', '退订', '取消訂閱', '取消订阅', '訂閱', '订阅', '恢復訂閱', '恢复订阅', '說明', '说明']) {
      const before = toSimplified(word) !== word ? 'zh-Hant' : toTraditional(word) !== word ? 'zh-Hans' : 'zh-Hant';
      expect(keywordLanguage(word, null), word).toBe(before);
    }
  });
});
