import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { htmlToPlainText } from './mail-html.js';

export type MailAttachment = {
  filename?: string;
  contentType: string;
  size: number;
  /** The bytes, unless the attachment is over the size limit (then it is listed only). */
  content?: Buffer;
  overLimit: boolean;
};

/** One inbound mail, reduced to what the filters, the threading and the turn need. */
export type InboundMail = {
  /** Message-ID without angle brackets; synthesised from a hash of the source when missing. */
  messageId: string;
  messageIdSynthesised: boolean;
  inReplyTo?: string;
  /** Oldest first, as in the header. */
  references: string[];
  from?: { address: string; name?: string };
  to: string[];
  cc: string[];
  subject: string;
  date?: Date;
  /** Every header by lower-case name, unfolded; repeated headers keep every value. */
  headers: ReadonlyMap<string, readonly string[]>;
  /** Top-level MIME type, lower case (multipart/report for bounces). */
  contentType: string;
  /** Plain text: the text part, or the HTML turned into text for HTML-only mail. */
  text: string;
  html?: string;
  attachments: MailAttachment[];
  /** What was odd about the mail (over-limit attachment, no text part): logged by the caller. */
  problems: string[];
};

/** NUL and other control characters (bad encodings produce them) cannot go into PostgreSQL text or JSON. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function clean(text: string, problems: string[], what: string): string {
  const cleaned = text.replace(CONTROL, '');
  if (cleaned.length !== text.length) problems.push(`${what}: ${text.length - cleaned.length} control characters removed (broken encoding?)`);
  return cleaned;
}

export type ParseMailOptions = { maxAttachmentBytes: number };

/** Angle brackets and whitespace off: the form we store and compare Message-IDs in. */
export function bareMessageId(value: string): string {
  return value.trim().replace(/^<+/, '').replace(/>+$/, '').trim();
}

/** Every `<id>` in a References or In-Reply-To value; bare ids when a client forgot the brackets. */
export function messageIdList(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(' ') : (value ?? '');
  const bracketed = [...joined.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!);
  const ids = bracketed.length ? bracketed : joined.split(/\s+/).map(bareMessageId);
  return [...new Set(ids.filter((id) => id.length > 0 && id.length <= 500))];
}

function headerMap(parsed: ParsedMail): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { key, line } of parsed.headerLines) {
    const value = line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
    map.set(key.toLowerCase(), [...(map.get(key.toLowerCase()) ?? []), value]);
  }
  return map;
}

function addresses(field: AddressObject | AddressObject[] | undefined): { address: string; name?: string }[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  const flat = list.flatMap((a) => a.value).flatMap((a) => (a.group ? a.group : [a]));
  return flat
    .filter((a): a is typeof a & { address: string } => typeof a.address === 'string' && a.address.includes('@'))
    .map((a) => ({ address: a.address.trim().toLowerCase(), name: a.name?.trim() || undefined }));
}

/**
 * Parses raw RFC 5322 source. mailparser is lenient, so broken MIME mostly still yields text; what it
 * cannot read at all makes this throw, and the caller quarantines the mail with the reason.
 */
export async function parseMail(source: Buffer, options: ParseMailOptions): Promise<InboundMail> {
  const parsed = await simpleParser(source, { skipImageLinks: true, skipTextToHtml: true, maxHtmlLengthToParse: 2_000_000 });
  const headers = headerMap(parsed);
  const problems: string[] = [];
  const rawId = parsed.messageId ? bareMessageId(parsed.messageId) : '';
  const messageIdSynthesised = rawId.length === 0 || rawId.length > 500;
  const messageId = messageIdSynthesised ? `synth-${createHash('sha256').update(source).digest('hex').slice(0, 40)}@aftercare.invalid` : rawId;
  if (messageIdSynthesised) problems.push('no usable Message-ID: synthesised one from the source');

  const html = typeof parsed.html === 'string' && parsed.html.length > 0 ? clean(parsed.html, problems, 'HTML') : undefined;
  let text = clean(parsed.text?.trim() ?? '', problems, 'text');
  if (!text && html) {
    text = htmlToPlainText(html);
    problems.push('HTML-only mail: text taken from the HTML part');
  }

  const attachments = parsed.attachments
    .filter((a) => !(a.related && a.contentDisposition === 'inline' && a.contentType.startsWith('image/')))
    .map((a): MailAttachment => {
      const size = a.size ?? a.content.length;
      const overLimit = size > options.maxAttachmentBytes;
      if (overLimit) problems.push(`attachment ${a.filename ?? '(unnamed)'} is ${size} bytes, over the ${options.maxAttachmentBytes}-byte limit: listed, not stored`);
      return { filename: a.filename?.replace(CONTROL, ''), contentType: a.contentType, size, content: overLimit ? undefined : a.content, overLimit };
    });

  const [from] = addresses(parsed.from).map((a) => ({ address: a.address, name: a.name?.replace(CONTROL, '') }));
  return {
    messageId,
    messageIdSynthesised,
    inReplyTo: messageIdList(parsed.inReplyTo)[0],
    references: messageIdList(parsed.references),
    from,
    to: addresses(parsed.to).map((a) => a.address.replace(CONTROL, '')),
    cc: addresses(parsed.cc).map((a) => a.address),
    subject: clean((parsed.subject ?? '').trim(), problems, 'subject'),
    date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : undefined,
    headers,
    contentType: (headers.get('content-type')?.[0] ?? 'text/plain').split(';')[0]!.trim().toLowerCase(),
    text,
    html,
    attachments,
    problems,
  };
}

/** First value of a header, lower-case name. */
export function header(mail: Pick<InboundMail, 'headers'>, name: string): string | undefined {
  return mail.headers.get(name.toLowerCase())?.[0];
}
