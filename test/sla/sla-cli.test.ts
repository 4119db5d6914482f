import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const { POLICY_FILE: _ignored, ...env } = process.env; // always the shipped policy
const repo = fileURLToPath(new URL('../../', import.meta.url));

async function sla(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'scripts/sla.ts', ...args], { cwd: repo, env });
    return { stdout, stderr, code: 0 };
  } catch (error: unknown) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

// Each case starts the CLI through tsx (a second or more of start-up per process, far more on a loaded machine).
describe('npm run sla -- explain', { timeout: 120_000 }, () => {
  it('prints one JSON object with every deadline in Taipei time', async () => {
    const { stdout, code } = await sla(
      'explain', '--opened', '2026-11-28T17:00:00+08:00', '--category', 'fault', '--urgency', 'normal',
      '--channel', 'email', '--on-site', '--province', '高雄市', '--json',
    );
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as Record<string, string>;
    expect(out).toMatchObject({
      firstResponseDue: '2026-11-30T09:30:00.000+08:00',
      emailReplyDue: '2026-11-30T18:00:00.000+08:00',
      onSiteDue: '2026-11-30T17:00:00.000+08:00',
    });
    expect(out).not.toHaveProperty('callbackDue');
  });

  it('tells when a person is told about every promise, always before it is due', async () => {
    const { stdout } = await sla(
      'explain', '--opened', '2026-11-28T10:00:00+08:00', '--category', 'fault', '--urgency', 'normal',
      '--channel', 'voice', '--complexity', 'general', '--on-site', '--arrived', '2026-11-28T11:00:00+08:00', '--json',
    );
    const out = JSON.parse(stdout) as Record<string, string>;
    const stems = Object.keys(out).filter((k) => k.endsWith('Due')).map((k) => k.slice(0, -3));
    expect(stems.sort()).toEqual(['callback', 'contact', 'firstResponse', 'onSite', 'onSiteRepair', 'progressUpdate']);
    for (const stem of stems) expect(Date.parse(out[`${stem}NoticeAt`]!)).toBeLessThan(Date.parse(out[`${stem}Due`]!));
    // The callback due Sunday 10:00 is announced in Saturday's last working hour, not Monday morning.
    expect(out).toMatchObject({ callbackDue: '2026-11-29T10:00:00.000+08:00', callbackWarnAt: '2026-11-29T04:00:00.000+08:00', callbackNoticeAt: '2026-11-28T17:00:00.000+08:00' });
  });

  it('tells a person before every promise falls due on a holiday: a callback due on 小年夜 2027 is announced the working day before', async () => {
    const { stdout } = await sla('explain', '--opened', '2027-02-03T12:00:00+08:00', '--category', 'fault', '--urgency', 'high', '--channel', 'voice', '--on-site', '--province', '台北市', '--json');
    const out = JSON.parse(stdout) as Record<string, string>;
    const stems = Object.keys(out).filter((k) => k.endsWith('Due')).map((k) => k.slice(0, -3));
    expect(stems).toContain('callback');
    for (const stem of stems) expect(Date.parse(out[`${stem}NoticeAt`]!), stem).toBeLessThan(Date.parse(out[`${stem}Due`]!));
    expect(out).toMatchObject({ callbackDue: '2027-02-04T12:00:00.000+08:00', callbackNoticeAt: '2027-02-03T17:00:00.000+08:00' });
  });

  it('does not promise 12:00 on Teachers’ Day 2027', async () => {
    const { stdout } = await sla('explain', '--opened', '2027-09-28T10:00:00+08:00', '--category', 'inquiry', '--urgency', 'normal', '--channel', 'chat', '--json');
    expect(JSON.parse(stdout)).toMatchObject({ firstResponseDue: '2027-09-29T10:30:00.000+08:00' });
  });

  it('gives a voice ticket a callback deadline and accepts a UTC opening time', async () => {
    const { stdout } = await sla('explain', '--opened', '2026-11-26T01:00:00Z', '--category', 'inquiry', '--urgency', 'low', '--channel', 'voice', '--json');
    expect(JSON.parse(stdout)).toMatchObject({ firstResponseDue: '2026-11-26T11:00:00.000+08:00', callbackDue: '2026-11-27T09:00:00.000+08:00' });
  });

  it('prints a readable table without --json', async () => {
    const { stdout, code } = await sla('explain', '--opened', '2026-11-26T09:00:00+08:00', '--category', 'inquiry', '--urgency', 'low', '--channel', 'chat');
    expect(code).toBe(0);
    expect(stdout).toMatch(/first_response\s+business\s+Thu 2026-11-26 11:00 \+08:00/);
  });

  it('exits 2 with the usage on bad arguments', async () => {
    const missingOffset = await sla('explain', '--opened', '2026-11-26T09:00:00', '--category', 'inquiry', '--urgency', 'low', '--channel', 'chat');
    expect(missingOffset.code).toBe(2);
    expect(missingOffset.stderr).toMatch(/--opened: expected an ISO time with an offset/);
    expect(missingOffset.stderr).toMatch(/^usage: sla explain/m);
    expect((await sla('explain', '--opened', '2026-11-26T09:00:00Z', '--category', 'praise', '--urgency', 'low', '--channel', 'chat')).code).toBe(2);
    expect((await sla('explain', '--bogus')).code).toBe(2);
  });
});
