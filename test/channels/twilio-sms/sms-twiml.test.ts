import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { smsTwiml } from '../../../channels/twilio-sms/twilio-sms-routes.js';
import { splitSms } from '../../../channels/twilio-sms/sms-segments.js';

/** What twilio's own builder wrote for the same replies, before the TwiML was written by hand. */
function withTwilio(texts: string[]): string {
  const response = new twilio.twiml.MessagingResponse();
  for (const text of texts) for (const part of splitSms(text)) response.message(part);
  return response.toString();
}

describe('the TwiML answer to an SMS', () => {
  it('is byte for byte what twilio’s MessagingResponse writes', () => {
    const cases = [
      [],
      ['Our opening hours are 9:00–18:00.'],
      ['a & b < c > d "quoted" \'single\'', 'line\r\nbreak\ttab 😀'],
      ['營業時間是週一至週五 9:00–18:00。'.repeat(20)],
    ];
    for (const texts of cases) expect(smsTwiml(texts)).toBe(withTwilio(texts));
  });

  it('refuses characters XML cannot carry, as twilio’s builder did', () => {
    expect(() => withTwilio(['a\u0001b'])).toThrow(/Invalid character/);
    expect(() => smsTwiml(['a\u0001b'])).toThrow(/Invalid character/);
    expect(() => smsTwiml(['x\uD800y'])).toThrow(/Invalid character/);
  });
});
