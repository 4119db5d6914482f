import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { CALENDARS_DIR } from '../../src/sla/load-policy.js';
import { readOfficialCalendar } from '../../src/sla/official-calendar.js';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../', import.meta.url));
const WEEK = ['一', '二', '三', '四', '五', '六', '日'];
const shipped = readOfficialCalendar(join(CALENDARS_DIR, 'TW.yaml'));

/** The 2027 calendar as the DGPA publishes it: one CSV row per day, 是否放假 2 or 0, 備註 as in the file. */
function dgpaCsv2027(): string {
  const days = shipped.years['2027']!.days;
  const rows = ['西元日期,星期,是否放假,備註'];
  for (let d = DateTime.fromISO('2027-01-01'); d.year === 2027; d = d.plus({ days: 1 })) {
    const key = d.toISODate()!;
    const entry = days[key];
    const off = entry ? entry.kind !== 'makeup' : d.weekday >= 6;
    const note = entry?.name ?? '';
    rows.push(`${d.toFormat('yyyyLLdd')},${WEEK[d.weekday - 1]},${off ? 2 : 0},${note}`);
  }
  return `${rows.join('\r\n')}\r\n`;
}

async function importCalendar(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'scripts/calendar-import.ts', ...args], { cwd: repo });
    return { stdout, stderr, code: 0 };
  } catch (error: unknown) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

describe('npm run calendar:import -- FILE', () => {
  it('turns the DGPA CSV for 2027 into the shipped 2027 days, substitutes matched to their holidays', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aftercare-calendar-'));
    const into = join(dir, 'TW.yaml');
    copyFileSync(join(CALENDARS_DIR, 'TW.yaml'), into);
    const csv = join(dir, '116年中華民國政府行政機關辦公日曆表.csv');
    writeFileSync(csv, dgpaCsv2027());
    const { stdout, code } = await importCalendar(csv, '--into', into);
    expect(code).toBe(0);
    expect(stdout).toContain('2027: 24 days that differ from a Monday-to-Friday week');
    const imported = readOfficialCalendar(into);
    expect(imported.years['2027']!.days).toEqual(shipped.years['2027']!.days);
    expect(imported.years['2027']!.complete).toBe(true);
    expect(imported.years['2026']).toEqual(shipped.years['2026']); // other years untouched
  });

  it('turns the DGPA JSON for 2027 (date, isHoliday, description) into the same days as the CSV', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aftercare-calendar-'));
    const into = join(dir, 'TW.yaml');
    copyFileSync(join(CALENDARS_DIR, 'TW.yaml'), into);
    const [, ...lines] = dgpaCsv2027().trim().split('\r\n');
    const rows = lines.map((line) => {
      const [date, week, off, description] = line.split(',');
      return { date, week, isHoliday: off === '2', description };
    });
    const json = join(dir, '2027.json');
    writeFileSync(json, JSON.stringify(rows));
    const { code } = await importCalendar(json, '--into', into);
    expect(code).toBe(0);
    expect(readOfficialCalendar(into).years['2027']!.days).toEqual(shipped.years['2027']!.days);
  });

  it('rejects a file without the DGPA columns and leaves the calendar alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aftercare-calendar-'));
    const csv = join(dir, 'wrong.csv');
    writeFileSync(csv, 'date,holiday\n20270101,yes\n');
    const { stderr, code } = await importCalendar(csv, '--into', join(dir, 'none.yaml'));
    expect(code).toBe(2);
    expect(stderr).toContain('expected the columns 西元日期,星期,是否放假,備註');
  });
});
