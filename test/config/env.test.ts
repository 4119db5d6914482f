import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv, retiredSettingsIn } from '../../src/config/env.js';

describe('configuration from the environment', () => {
  it('runs with nothing set: port 3978, embedded database under ./data', () => {
    const env = loadEnv({});
    expect(env.PORT).toBe(3978);
    expect(env.DATA_DIR).toBe('./data');
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.BUSINESS_TZ).toBe('Asia/Taipei');
  });

  it('treats an empty DATABASE_URL as unset', () => {
    expect(loadEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('names the variable and what is expected when a value is wrong', () => {
    expect(() => loadEnv({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadEnv({ PORT: 'eighty' })).toThrow(/PORT: .*number.*\(got "eighty"\)/);
    expect(() => loadEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: expected a postgresql:\/\/ URL/);
    expect(() => loadEnv({ IMAP_TLS: 'maybe' })).toThrow(/IMAP_TLS/);
  });

  it('reads a comma-separated list of supervisor e-mails and refuses a bad one', () => {
    expect(loadEnv({ SUPERVISOR_EMAILS: 'a@example.com, b@example.com' }).SUPERVISOR_EMAILS).toEqual(['a@example.com', 'b@example.com']);
    expect(() => loadEnv({ SUPERVISOR_EMAILS: 'a@example.com,nope' })).toThrow(/SUPERVISOR_EMAILS/);
  });

  it('gives a check-in call 30 minutes to report its result by default, and refuses a timeout under 5 minutes', () => {
    expect(loadEnv({}).CHECK_IN_CALL_RESULT_TIMEOUT_MINUTES).toBe(30);
    expect(loadEnv({ CHECK_IN_CALL_RESULT_TIMEOUT_MINUTES: '90' }).CHECK_IN_CALL_RESULT_TIMEOUT_MINUTES).toBe(90);
    expect(() => loadEnv({ CHECK_IN_CALL_RESULT_TIMEOUT_MINUTES: '1' })).toThrow(/CHECK_IN_CALL_RESULT_TIMEOUT_MINUTES/);
  });

  it('still starts with the retired CONSOLE_SIGNIN_MAX_PER_IP set, and names what replaced it', () => {
    expect(() => loadEnv({ CONSOLE_SIGNIN_MAX_PER_IP: '20' })).not.toThrow();
    expect(retiredSettingsIn({ CONSOLE_SIGNIN_MAX_PER_IP: '20' })).toEqual([{ name: 'CONSOLE_SIGNIN_MAX_PER_IP', instead: expect.stringContaining('RATE_LIMIT_SIGN_IN_PER_MINUTE') }]);
    expect(retiredSettingsIn({ RATE_LIMIT_SIGN_IN_PER_MINUTE: '10' })).toEqual([]);
  });
});
