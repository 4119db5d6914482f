import { describe, expect, it } from 'vitest';
import { smsEncoding, smsSegmentCount, splitSms } from '../../../channels/twilio-sms/sms-segments.js';

describe('SMS segments', () => {
  it('counts plain English as GSM-7: 160 characters in one segment, then 153 per segment', () => {
    expect(smsEncoding('Hello')).toBe('GSM-7');
    expect(smsSegmentCount('a'.repeat(160))).toBe(1);
    expect(smsSegmentCount('a'.repeat(161))).toBe(2);
    expect(smsSegmentCount('a'.repeat(306))).toBe(2);
    expect(smsSegmentCount('a'.repeat(307))).toBe(3);
  });

  it('counts GSM extension characters as two septets', () => {
    expect(smsSegmentCount('€'.repeat(80))).toBe(1);
    expect(smsSegmentCount('€'.repeat(81))).toBe(2);
  });

  it('counts Chinese as UCS-2: 70 characters in one segment, then 67 per segment', () => {
    expect(smsEncoding('印表機')).toBe('UCS-2');
    expect(smsSegmentCount('機'.repeat(70))).toBe(1);
    expect(smsSegmentCount('機'.repeat(71))).toBe(2);
    expect(smsSegmentCount('機'.repeat(135))).toBe(3);
  });

  it('makes a whole message UCS-2 for one emoji, counting it as two units', () => {
    expect(smsEncoding(`${'a'.repeat(60)}🙂`)).toBe('UCS-2');
    expect(smsSegmentCount(`${'a'.repeat(68)}🙂`)).toBe(1);
    expect(smsSegmentCount(`${'a'.repeat(69)}🙂`)).toBe(2);
  });

  it('leaves a reply that fits untouched', () => {
    expect(splitSms('  Your ticket is SR-2026-000123.  ')).toEqual(['Your ticket is SR-2026-000123.']);
  });

  it('splits long English at sentence ends, numbering the parts', () => {
    const sentence = 'The engineer will call you before the visit to confirm the time. ';
    const parts = splitSms(sentence.repeat(12).trim());
    expect(parts.length).toBe(2);
    for (const part of parts) {
      expect(smsSegmentCount(part)).toBeLessThanOrEqual(3);
      expect(part).toMatch(/time\. \(\d\/2\)$/);
    }
  });

  it('prefers line breaks and keeps every word', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `Step ${i + 1}: check the cable`).join('\n');
    const parts = splitSms(lines);
    expect(parts.length).toBeGreaterThan(1);
    const rejoined = parts.map((p) => p.replace(/ \(\d+\/\d+\)$/, '')).join('\n');
    expect(rejoined.split('\n').filter(Boolean)).toEqual(lines.split('\n'));
  });

  it('cuts Chinese without punctuation between characters when it must', () => {
    const parts = splitSms('機'.repeat(500));
    for (const part of parts) expect(smsSegmentCount(part)).toBeLessThanOrEqual(3);
    expect(parts.map((p) => p.replace(/ \(\d+\/\d+\)$/, '')).join('')).toBe('機'.repeat(500));
  });
});
