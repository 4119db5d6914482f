import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { parseMail, type InboundMail } from '../../../channels/email/mail-parser.js';
import type { Logger } from '../../../src/logger.js';

const dataDir = new URL('../../data/mail/', import.meta.url);

/** A raw mail from test/data/mail with CRLF line ends, as it would sit on a server. */
export function rawMail(name: string): Buffer {
  return Buffer.from(readFileSync(new URL(name, dataDir), 'utf8').replace(/\r?\n/g, '\r\n'), 'utf8');
}

export function parseFixture(name: string, maxAttachmentBytes = 10 * 1024 * 1024): Promise<InboundMail> {
  return parseMail(rawMail(name), { maxAttachmentBytes });
}

export type BuildMail = {
  from: string;
  to?: string;
  subject: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  text?: string;
  headers?: Record<string, string>;
};

/** A plain-text mail with the threading headers a mail client writes. */
export function buildMail(mail: BuildMail): Buffer {
  const lines = [
    `From: ${mail.from}`,
    `To: ${mail.to ?? 'Service Desk <service@aftercare.test>'}`,
    `Subject: ${mail.subject}`,
    'Date: Wed, 25 Nov 2026 11:00:00 +0800',
    ...(mail.messageId ? [`Message-ID: <${mail.messageId}>`] : []),
    ...(mail.inReplyTo ? [`In-Reply-To: <${mail.inReplyTo}>`] : []),
    ...(mail.references?.length ? [`References: ${mail.references.map((r) => `<${r}>`).join(' ')}`] : []),
    ...Object.entries(mail.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    mail.text ?? 'Hello',
  ];
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

export function parseBuilt(mail: BuildMail): Promise<InboundMail> {
  return parseMail(buildMail(mail), { maxAttachmentBytes: 10 * 1024 * 1024 });
}

/** A mail with one attachment of `bytes` bytes (base64 encoded, as a mail client sends it). */
export function mailWithAttachment(bytes: number, messageId: string): Buffer {
  const content = Buffer.alloc(bytes, 0x41).toString('base64').replace(/.{76}/g, '$&\r\n');
  return Buffer.from(
    [
      'From: Gina Hsu <gina@customer.test>',
      'To: service@aftercare.test',
      'Subject: Photos of the broken unit',
      `Message-ID: <${messageId}>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'The unit arrived broken, see the attached video.',
      '--b1',
      'Content-Type: video/mp4; name="unit.mp4"',
      'Content-Disposition: attachment; filename="unit.mp4"',
      'Content-Transfer-Encoding: base64',
      '',
      content,
      '--b1--',
      '',
    ].join('\r\n'),
    'utf8',
  );
}

/** Polls until `check` returns a value other than undefined/false; the test's timeout bounds it. */
export async function eventually<T>(check: () => Promise<T | undefined | false | null>, intervalMs = 50): Promise<T> {
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false && value !== null) return value;
    await sleep(intervalMs);
  }
}

/** A pino logger whose lines the test can read. */
export function captureLogger(): { logger: Logger; lines: { level: number; msg: string; [key: string]: unknown }[] } {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as { level: number; msg: string });
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}
