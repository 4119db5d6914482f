import { Converter } from 'opencc-js';

/**
 * Where the table in src/messages/chinese-script-table.ts comes from (chinese-script-table.ts writes it, the test
 * checks it). Not imported by the application: OpenCC's converters build tries of about 20 MB each from the
 * full phrase dictionaries, which a per-character question does not need.
 */

/** Code points the question can be asked of: the CJK blocks the callers look at, and every other Han character. */
export function hanCodePoints(): string[] {
  const han = /\p{Script=Han}/u;
  const out: string[] = [];
  const ranges: [number, number][] = [
    [0x2e80, 0x9fff],
    [0xf900, 0xfaff],
    [0x20000, 0x3ffff],
  ];
  for (const [first, last] of ranges) {
    for (let cp = first; cp <= last; cp++) {
      const ch = String.fromCodePoint(cp);
      if ((cp >= 0x3400 && cp <= 0x9fff) || (cp >= 0x20000 && cp <= 0x2ffff) || han.test(ch)) out.push(ch);
    }
  }
  return out;
}

/** Each character as the code asked OpenCC before: changed going to Simplified → Traditional-only, else changed going to Traditional → Simplified-only. */
export function classifyWithOpenCC(chars: readonly string[]): { traditional: string; simplified: string } {
  const toSimplified = Converter({ from: 'tw', to: 'cn' });
  const toTraditional = Converter({ from: 'cn', to: 'tw' });
  let traditional = '';
  let simplified = '';
  for (const ch of chars) {
    if (toSimplified(ch) !== ch) traditional += ch;
    else if (toTraditional(ch) !== ch) simplified += ch;
  }
  return { traditional, simplified };
}
