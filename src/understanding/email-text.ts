/**
 * The part of an e-mail the customer just wrote: quoted replies, forwarded originals, signatures and
 * closing blocks are cut, so the classifier labels the new text, not the thread.
 */
const QUOTE_START: readonly RegExp[] = [
  /^\s*>/,
  /^\s*On\b.{0,200}\bwrote:\s*$/i,
  /^\s*-{2,}\s*(?:Original Message|Forwarded message)\s*-{2,}/i,
  /^\s*-{2,}\s*(?:原始邮件|原始郵件|原始信件)\s*-{2,}/,
  /^\s*(?:在|於|于).{1,120}(?:写道|寫道)\s*[:：]?\s*$/,
  /^\s*_{8,}\s*$/,
  /^\s*(?:发件人|寄件者|寄件人)\s*[:：]/,
  /^--\s?$/,
];
const CLOSING = /^\s*(?:(?:best|kind|warm)?\s*regards|thanks(?: and regards)?|thank you|many thanks|cheers|sincerely|yours (?:sincerely|faithfully)|best|br|谢谢|謝謝|此致|祝好|顺颂商祺|順頌商祺|敬上|感谢|感謝)[,.!！，。]?\s*$/i;

function isQuoteStart(lines: readonly string[], i: number): boolean {
  const line = lines[i]!;
  if (/^\s*On\b.{0,200}$/i.test(line) && !/wrote:\s*$/i.test(line)) return /^\s*wrote:\s*$/i.test(lines[i + 1] ?? '');
  if (/^\s*From:\s/i.test(line)) return /^\s*(?:Sent|Date|To):/i.test(lines[i + 1] ?? '') || /^\s*(?:Sent|Date|To):/i.test(lines[i + 2] ?? '');
  return QUOTE_START.some((re) => re.test(line));
}

/** The e-mail before any quoted or forwarded part, signature included: a signature's phone number is the sender's. */
export function beforeQuote(body: string): string {
  const lines = body.split(/\r?\n/);
  const end = lines.findIndex((_, i) => isQuoteStart(lines, i));
  return end === -1 ? body : lines.slice(0, end).join('\n').trim();
}

export function newEmailText(body: string): string {
  const lines = body.split(/\r?\n/);
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    if (isQuoteStart(lines, i)) {
      end = i;
      break;
    }
  }
  // A closing ("Regards,") followed only by a few short lines is a signature block.
  for (let i = Math.max(0, end - 8); i < end; i++) {
    if (CLOSING.test(lines[i]!) && lines.slice(i + 1, end).every((l) => l.length <= 80)) {
      end = i;
      break;
    }
  }
  const kept = lines.slice(0, end).join('\n').trim();
  return kept || lines.filter((l) => !/^\s*>/.test(l)).join('\n').trim();
}
