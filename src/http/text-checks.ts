/** Lone halves of a UTF-16 surrogate pair: no character, and PostgreSQL cannot store them. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a text value cannot be stored as it is, or undefined when it can. NUL and lone surrogates are
 * refused, not stripped: a client that sends them has a bug worth seeing, and a silently changed message
 * could change its meaning (or its Twilio signature).
 */
export function textProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return 'contains a NUL character (U+0000), which cannot be stored';
  if (loneSurrogate.test(value)) return 'contains a lone UTF-16 surrogate (half of a character), which cannot be stored';
  return undefined;
}
