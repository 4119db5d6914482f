/**
 * SMS segment arithmetic. A message is GSM-7 when every character is in the GSM 03.38 basic set or its
 * extension table (extension characters take two septets); anything else (Chinese, emoji) makes the whole
 * message UCS-2, counted in UTF-16 code units. One segment holds 160 septets or 70 code units; a
 * concatenated message loses room to its header: 153 septets or 67 code units per segment.
 */
const GSM_BASIC = new Set(
  Array.from(
    '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
  ),
);
const GSM_EXTENSION = new Set(Array.from('^{}\\[~]|€\f'));

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export function smsEncoding(text: string): SmsEncoding {
  for (const ch of text) if (!GSM_BASIC.has(ch) && !GSM_EXTENSION.has(ch)) return 'UCS-2';
  return 'GSM-7';
}

/** Septets (GSM-7) or UTF-16 code units (UCS-2) the text occupies. */
export function smsUnits(text: string, encoding: SmsEncoding = smsEncoding(text)): number {
  if (encoding === 'UCS-2') return text.length;
  let units = 0;
  for (const ch of text) units += GSM_EXTENSION.has(ch) ? 2 : 1;
  return units;
}

export function smsSegmentCount(text: string): number {
  const encoding = smsEncoding(text);
  const units = smsUnits(text, encoding);
  const [single, multi] = encoding === 'GSM-7' ? [160, 153] : [70, 67];
  if (units <= single) return 1;
  return Math.ceil(units / multi);
}

/**
 * Why three segments per message: Twilio would concatenate up to 1600 characters into one message, but long
 * concatenated SMS are where delivery goes wrong (carriers dropping or reordering parts, handsets showing
 * fragments), and Twilio advises keeping messages short (about 320 characters). A reply longer than three
 * segments (459 GSM-7 characters, 201 Chinese characters) is sent as several `<Message>`s, cut at paragraph,
 * line or sentence ends so each part reads on its own, and numbered "(1/3)" since separate messages may
 * arrive out of order. The segment count, and so the price, stays about the same.
 */
export const MAX_SEGMENTS_PER_MESSAGE = 3;

/** Pieces that end after a line break or a sentence end (., !, ?, 。, ！, ？, ；) and the spaces after it. */
function sentencePieces(text: string): string[] {
  return text.match(/[^\n.!?。！？；]*(?:\n+|[.!?]+(?=\s|$)\s*|[。！？；]+\s*|[.!?]+|$)/g)?.filter((p) => p.length > 0) ?? [text];
}

function fits(text: string, maxSegments: number): boolean {
  return smsSegmentCount(text) <= maxSegments;
}

/** Cuts one over-long piece at spaces (or, for text without spaces such as Chinese, between characters). */
function hardSplit(piece: string, budget: (s: string) => boolean): string[] {
  const parts: string[] = [];
  const tokens = /\s/.test(piece.trim()) ? (piece.match(/\S+\s*/g) ?? [piece]) : Array.from(piece);
  let current = '';
  for (const token of tokens) {
    if (current && !budget(current + token)) {
      parts.push(current);
      current = '';
    }
    if (!budget(token)) {
      // A single word longer than a message (a URL): split it between characters.
      for (const ch of Array.from(token)) {
        if (current && !budget(current + ch)) {
          parts.push(current);
          current = '';
        }
        current += ch;
      }
    } else {
      current += token;
    }
  }
  if (current) parts.push(current);
  return parts;
}

/**
 * Splits a reply into SMS-sized messages of at most `maxSegments` segments each, at the latest paragraph,
 * line or sentence end that fits. Text that fits is returned as one message, unchanged apart from trimming.
 */
export function splitSms(text: string, maxSegments = MAX_SEGMENTS_PER_MESSAGE): string[] {
  const whole = text.trim();
  if (whole === '') return [];
  if (fits(whole, maxSegments)) return [whole];
  // Leave room for the " (12/12)" marker added below.
  const budget = (s: string) => fits(`${s.trimEnd()} (99/99)`, maxSegments);
  const parts: string[] = [];
  let current = '';
  for (const piece of sentencePieces(whole)) {
    if (budget(current + piece)) {
      current += piece;
      continue;
    }
    if (current.trim()) parts.push(current);
    if (budget(piece)) {
      current = piece;
    } else {
      const cut = hardSplit(piece, budget);
      current = cut.pop() ?? '';
      parts.push(...cut);
    }
  }
  if (current.trim()) parts.push(current);
  const trimmed = parts.map((p) => p.trim()).filter(Boolean);
  return trimmed.map((p, i) => `${p} (${i + 1}/${trimmed.length})`);
}
