/**
 * The signature block of the customer's own text: the lines after a closing ("Regards,", "謝謝", "-- ")
 * before any quoted history. The turn only sees the new text (signatures are cut so the classifier reads
 * the message, not the footer), yet the signature is where a mail customer gives their name and phone.
 */
const QUOTED = /^\s*(?:>|On\b.{0,200}\bwrote:\s*$|-{2,}\s*(?:Original Message|Forwarded message|原始邮件|原始郵件|原始信件)|(?:发件人|寄件者|寄件人|From)\s*[:：])/i;
const CLOSING = /^\s*(?:(?:best|kind|warm)?\s*regards|thanks(?: and regards)?|thank you|many thanks|cheers|sincerely|yours (?:sincerely|faithfully)|best|br|谢谢|謝謝|此致|祝好|顺颂商祺|順頌商祺|敬上|感谢|感謝)[,.!！，。]?\s*$/i;
const MAX_LINES = 6;

export function mailSignature(body: string): string | undefined {
  const lines = body.split(/\r?\n/);
  const end = lines.findIndex((l) => QUOTED.test(l));
  const own = end === -1 ? lines : lines.slice(0, end);
  for (let i = Math.max(0, own.length - 12); i < own.length; i++) {
    const line = own[i]!;
    if (/^--\s?$/.test(line) || CLOSING.test(line)) {
      const block = own
        .slice(i + 1)
        .map((l) => l.trim())
        .filter(Boolean)
        .slice(0, MAX_LINES);
      if (block.length > 0 && block.every((l) => l.length <= 80)) return block.join('\n');
    }
  }
  return undefined;
}
