import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_FILE, PolicyError, loadPolicy, parsePolicy } from '../../src/sla/load-policy.js';

const shipped = readFileSync(DEFAULT_POLICY_FILE, 'utf8');

/** The shipped file with one piece of text replaced (the replacement must happen). */
function edited(from: string | RegExp, to: string): string {
  const text = shipped.replace(from, to);
  if (text === shipped) throw new Error(`test setup: ${String(from)} not found in policy.yaml`);
  return text;
}

function errorOf(text: string): PolicyError {
  try {
    parsePolicy(text);
  } catch (error: unknown) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error('expected the policy to be rejected');
}

describe('loading the policy file', () => {
  it('loads the shipped config/policy.yaml with the issue 8 defaults', () => {
    const policy = loadPolicy();
    expect(policy.calendar.timeZone).toBe('Asia/Taipei');
    expect(policy.calendar.workingHours).toEqual({ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], start: '08:30', end: '18:00' });
    expect(policy.calendar.holidays.country).toBe('TW');
    expect(policy.promises.firstResponse).toEqual({ hours: 2, measure: 'business' });
    expect(policy.promises.onSiteArrival.outOfProvince).toEqual({ hours: 48, measure: 'clock' });
    expect(policy.warningFraction).toBe(0.75);
  });

  it('loads a policy file from a given path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aftercare-policy-'));
    const file = join(dir, 'hk.yaml');
    writeFileSync(file, edited('country: TW', 'country: HK'));
    expect(loadPolicy(file).calendar.holidays.country).toBe('HK');
  });

  it('names a malformed working-hours start time exactly', () => {
    expect(errorOf(edited('start: "08:30"', 'start: "8:30am"')).message).toBe('policy.yaml: calendar.workingHours.start: expected HH:MM');
  });

  it('names a missing promise as required', () => {
    expect(errorOf(edited(/ {2}firstResponse:.*\n/, '')).message).toBe('policy.yaml: promises.firstResponse: required');
  });

  it('names a bad date by its position in the list', () => {
    expect(errorOf(edited('extraClosedDays: []', 'extraClosedDays: ["2026-12-31", "2026-02-30"]')).message).toBe(
      'policy.yaml: calendar.extraClosedDays[1]: expected an ISO date YYYY-MM-DD',
    );
  });

  it('rejects a misspelt setting instead of ignoring it', () => {
    const problems = errorOf(edited('warningFraction:', 'warningFracton:')).problems;
    expect([...problems].sort()).toEqual(['warningFraction: required', 'warningFracton: unknown setting']);
  });

  it('rejects an unknown time zone, country and measure', () => {
    expect(errorOf(edited('Asia/Taipei', 'Asia/Taipie')).message).toBe('policy.yaml: calendar.timeZone: expected an IANA time zone such as Asia/Taipei');
    expect(errorOf(edited('country: TW', 'country: XX')).message).toBe('policy.yaml: calendar.holidays.country: date-holidays has no country "XX"');
    expect(errorOf(edited('{ hours: 24, measure: clock } # voice', '{ hours: 24, measure: wall } # voice')).message).toMatch(/^policy\.yaml: promises\.callback\.measure: /);
  });

  it('rejects working hours that end before they start', () => {
    expect(errorOf(edited('end: "18:00"', 'end: "07:00"')).message).toBe('policy.yaml: calendar.workingHours.end: expected a time after start (no overnight shifts)');
  });

  it('rejects a warning fraction outside (0, 1)', () => {
    expect(errorOf(edited('warningFraction: 0.75', 'warningFraction: 1.5')).message).toBe('policy.yaml: warningFraction: expected a fraction between 0 and 1');
  });

  it('reports every problem, one per line', () => {
    const text = edited('start: "08:30"', 'start: "8"').replace('warningFraction: 0.75', 'warningFraction: 0');
    expect(errorOf(text).problems).toEqual(['calendar.workingHours.start: expected HH:MM', 'warningFraction: expected a fraction between 0 and 1']);
  });

  it('fails on text that is not YAML', () => {
    expect(errorOf('calendar: [unclosed').message).toMatch(/^policy\.yaml: invalid YAML: /);
  });

  it('fails on a missing file, naming it', () => {
    expect(() => loadPolicy('/nonexistent/policy.yaml')).toThrow(/^policy\.yaml: cannot read \/nonexistent\/policy\.yaml: ENOENT/);
  });

  it('carries the code policy.invalid', () => {
    expect(errorOf('{}').code).toBe('policy.invalid');
  });
});
