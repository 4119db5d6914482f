import { describe, expect, it } from 'vitest';
import { messageIdList, parseMail } from '../../../channels/email/mail-parser.js';
import { mailWithAttachment, parseFixture, rawMail } from './mail-test-helpers.js';

describe('parseMail', () => {
  it('reads sender, subject, Message-ID without brackets and the text', async () => {
    const mail = await parseFixture('fault-new.eml');
    expect(mail.from).toEqual({ address: 'alice@customer.test', name: 'Alice Chen' });
    expect(mail.messageId).toBe('fault-new-1@customer.test');
    expect(mail.subject).toBe('Printer P-200 shows error E05');
    expect(mail.text).toContain('error E05');
  });

  it('turns HTML-only mail into plain text', async () => {
    const mail = await parseFixture('html-only.eml');
    expect(mail.text).toContain('印表機壞了');
    expect(mail.text).toContain('Model P-200');
    expect(mail.text).not.toMatch(/<p>|color: red/);
  });

  it('reads malformed MIME as far as it goes instead of failing', async () => {
    const mail = await parseFixture('malformed-mime.eml');
    expect(mail.messageId).toBe('malformed-1@customer.test');
    expect(mail.from?.address).toBe('dan@customer.test');
  });

  it('synthesises the same Message-ID for the same source when the header is missing', async () => {
    const a = await parseFixture('no-message-id.eml');
    const b = await parseFixture('no-message-id.eml');
    expect(a.messageIdSynthesised).toBe(true);
    expect(a.messageId).toMatch(/^synth-[0-9a-f]{40}@aftercare\.invalid$/);
    expect(b.messageId).toBe(a.messageId);
  });

  it('lists an attachment over the size limit without its bytes, and says so', async () => {
    const mail = await parseMail(mailWithAttachment(20 * 1024 * 1024, 'big@customer.test'), { maxAttachmentBytes: 10 * 1024 * 1024 });
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ filename: 'unit.mp4', size: 20 * 1024 * 1024, overLimit: true });
    expect(mail.attachments[0]?.content).toBeUndefined();
    expect(mail.problems.join('\n')).toContain('over the 10485760-byte limit');
  });

  it('keeps an attachment under the limit with its bytes', async () => {
    const mail = await parseMail(mailWithAttachment(1000, 'small@customer.test'), { maxAttachmentBytes: 10_000 });
    expect(mail.attachments[0]?.content?.length).toBe(1000);
  });

  it('reads the top-level MIME type of a delivery report', async () => {
    expect((await parseFixture('bounce.eml')).contentType).toBe('multipart/report');
  });

  it('keeps every header value by lower-case name', async () => {
    const mail = await parseMail(rawMail('auto-reply.eml'), { maxAttachmentBytes: 1000 });
    expect(mail.headers.get('auto-submitted')).toEqual(['auto-replied']);
  });
});

describe('messageIdList', () => {
  it('reads bracketed ids, oldest first, once each', () => {
    expect(messageIdList('<a@x> <b@x>\r\n <a@x>')).toEqual(['a@x', 'b@x']);
  });

  it('reads bare ids a client wrote without brackets', () => {
    expect(messageIdList('a@x b@x')).toEqual(['a@x', 'b@x']);
  });
});
