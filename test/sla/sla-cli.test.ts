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

describe('npm run sla -- explain', () => {
  it('prints one JSON object with every deadline in Taipei time', async () => {
    const { stdout, code } = await sla(
      'explain', '--opened', '2026-11-28T17:00:00+08:00', '--category', 'fault', '--urgency', 'normal',
      '--channel', 'email', '--province', '高雄市', '--json',
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
