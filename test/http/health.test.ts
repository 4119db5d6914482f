import { copyFileSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALENDARS_DIR, DEFAULT_POLICY_FILE } from '../../src/sla/load-policy.js';
import { databaseKinds } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe.each(databaseKinds)('health check on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('reports ok, the database in use, the version and how far the official holiday calendar reaches', async () => {
    const res = await fetch(`${t.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      database: kind,
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      calendar: expect.objectContaining({ region: 'TW', coveredUntil: expect.stringMatching(/^\d{4}-12-31$/) }),
    });
  });

  it('names the calendar file by its base name only, never where it lies on the server', async () => {
    // A mainland policy whose own calendar (ending 2026-12-31: a warning, with advice naming the file) lies outside the working directory.
    const dir = mkdtempSync(path.join(tmpdir(), 'aftercare-policy-'));
    copyFileSync(path.join(CALENDARS_DIR, 'CN.yaml'), path.join(dir, 'company-cn-calendar.yaml'));
    const policy = readFileSync(DEFAULT_POLICY_FILE, 'utf8')
      .replace('region: TW', 'region: CN')
      .replace('country: TW', 'country: CN')
      .replace('timeZone: Asia/Taipei', 'timeZone: Asia/Shanghai')
      .replace('# officialCalendarFile: calendars/TW.yaml', 'officialCalendarFile: company-cn-calendar.yaml');
    writeFileSync(path.join(dir, 'policy.yaml'), policy);
    const elsewhere = await startTestApp(kind, { POLICY_FILE: path.join(dir, 'policy.yaml') });
    try {
      const body = await (await fetch(`${elsewhere.url}/healthz`)).text();
      const { calendar } = JSON.parse(body) as { calendar: { file: string; warning: string | null } };
      expect(calendar.file).toBe('company-cn-calendar.yaml');
      expect(calendar.warning).toContain('company-cn-calendar.yaml');
      expect(body).not.toContain(realpathSync(dir));
    } finally {
      await elsewhere.stop();
    }
  });

  it('echoes a request id so a log line can be found from a response', async () => {
    const res = await fetch(`${t.url}/healthz`, { headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
  });

  it('answers an unknown path with 404 and a reason', async () => {
    const res = await fetch(`${t.url}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
