import { describe, expect, it } from 'vitest';
import { withoutFiller } from '../../../dialogs/shared/answer-filler.js';

describe('the words around an answer', () => {
  it.each([
    ['I just told you. Maggie Chou', 'Maggie Chou'],
    ['Sweet Crumb Bakery, as I said', 'Sweet Crumb Bakery'],
    ['just Maggie Chou', 'Maggie Chou'],
    ['就茶覺啊', '茶覺'],
    ['許太太就可以了', '許太太'],
    ['剛剛不是說了嗎？台南市東區崇學路77號3樓', '台南市東區崇學路77號3樓'],
    ['一開始講咗啦，一年半前', '一年半前'],
  ])('keeps only the value of "%s"', (text, value) => {
    expect(withoutFiller(text)).toBe(value);
  });

  it.each(['Justin Lee', '陳大文', 'Acme Trading', 'Just Bake Ltd', 'Only Foods'])('leaves a plain value "%s" alone', (text) => {
    expect(withoutFiller(text)).toBe(text);
  });
});
