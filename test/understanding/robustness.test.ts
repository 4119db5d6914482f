import { describe, it, expect } from 'vitest';
import { UnderstandingInputError, understand } from '../../src/understanding/understand.js';

describe('understand on awkward input', () => {
  it('returns an empty result for an empty message', () => {
    const result = understand('', { channel: 'sms' });
    expect(result.isEmpty).toBe(true);
    expect(result.needsClarification).toBe(true);
    expect(result.categoryConfidence).toBe(0);
  });

  it('returns an empty result for an emoji-only message', () => {
    const result = understand('🙏🙏😡 👍', { channel: 'chat' });
    expect(result.isEmpty).toBe(true);
    expect(result.needsClarification).toBe(true);
  });

  it('analyses only the start of a 10 MB message and says so', () => {
    const huge = 'The printer keeps jamming paper, please send a technician. '.repeat(180_000);
    expect(huge.length).toBeGreaterThan(10_000_000);
    const result = understand(huge, { channel: 'email', subject: 'Printer fault' });
    expect(result.truncated).toBe(true);
    expect(result.category).toBe('fault');
  });

  it('throws a typed error for a non-string message', () => {
    expect(() => understand(undefined as unknown as string, { channel: 'sms' })).toThrow(UnderstandingInputError);
  });

  it('throws a typed error for an unknown channel', () => {
    expect(() => understand('hello', { channel: 'fax' as 'sms' })).toThrow(UnderstandingInputError);
  });

  it('is not confident about a message with no word it knows', () => {
    const result = understand('qwzx', { channel: 'sms' });
    expect(result.categoryConfidence).toBeLessThan(0.4);
    expect(result.needsClarification).toBe(true);
  });
});
