import { describe, expect, it } from 'vitest';
import { cleanText, firstCodeUnits, normalise } from '../../src/understanding/normalise.js';

describe('firstCodeUnits (which Cantonese rules can match a text)', () => {
  it('gives the first character of each literal alternative', () => {
    expect(firstCodeUnits('點解|点解')).toEqual(['點', '点']);
  });

  it('looks past a leading look-behind and opens a character class', () => {
    expect(firstCodeUnits('(?<=[嚟來来人去])整|整(?=好|返)')).toEqual(['整']);
    expect(firstCodeUnits('[㗎喎噃]')).toEqual(['㗎', '喎', '噃']);
  });

  it('gives up on shapes it does not read, so such a rule always runs', () => {
    expect(firstCodeUnits('a?b')).toBeNull();
    expect(firstCodeUnits('(?:x|y)z')).toBeNull();
    expect(firstCodeUnits('[a-z]x')).toBeNull();
  });
});

describe('normalise', () => {
  it('maps Cantonese to Mandarin Simplified, rule after rule', () => {
    expect(normalise('部冷氣機開唔到 唔該安排師傅')).toBe('部空调开不到 谢谢安排师傅');
  });

  it('expands SMS shorthand word by word', () => {
    expect(normalise('Pls send some1 2day & thx')).toBe('please send someone today and thanks');
  });
});

describe('cleanText', () => {
  it('leaves ASCII and Han text as it is', () => {
    expect(cleanText('printer 壞了 E04?')).toBe('printer 壞了 E04?');
  });

  it('still folds full-width forms and drops zero-width characters', () => {
    expect(cleanText('Ｅ０４\u200b，\u2060ok')).toBe('E04,ok');
  });
});
