import { describe, expect, it } from 'vitest';
import { mailSignature } from '../../../channels/email/mail-signature.js';

describe('the signature block of a mail', () => {
  it('is the lines after the closing', () => {
    expect(mailSignature('The printer jams.\n\nRegards,\nAlice Chen\nTel: 0912 345 678\n')).toBe('Alice Chen\nTel: 0912 345 678');
  });

  it('is the lines after a "-- " delimiter, before the quoted history', () => {
    expect(mailSignature('Thanks for the quick answer.\n-- \n王小明\n0912-345-678\n\nOn Tue, 24 Nov 2026, Service wrote:\n> Regards,\n> Service')).toBe('王小明\n0912-345-678');
  });

  it('reads a Chinese closing', () => {
    expect(mailSignature('冷氣不冷。\n\n謝謝\n陳大文')).toBe('陳大文');
  });

  it('is nothing when the mail has no closing', () => {
    expect(mailSignature('The printer jams every morning.')).toBeUndefined();
  });
});
