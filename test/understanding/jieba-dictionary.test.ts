import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { JIEBA_DICTIONARY_URL, trimDictionary } from '../../src/understanding/jieba-dictionary.js';

describe("the classifier's jieba dictionary", () => {
  it('keeps the words seen at least 4 times, without their part-of-speech tags', () => {
    expect(trimDictionary('一丝不挂 3 i\n打印机 1024 n\n保修 4 v\n\n')).toBe('打印机 1024\n保修 4\n');
  });

  it('is the installed @node-rs/jieba dictionary trimmed (regenerate it and retrain after an upgrade)', () => {
    const installed = readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt'), 'utf8');
    expect(readFileSync(JIEBA_DICTIONARY_URL, 'utf8') === trimDictionary(installed)).toBe(true);
  });
});
