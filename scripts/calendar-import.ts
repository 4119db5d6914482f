/**
 * Adds (or replaces) years of the Taiwan government office calendar from the DGPA open-data file.
 *
 *   npm run calendar:import -- FILE [--into config/calendars/TW.yaml] [--dry-run]
 *
 * FILE is the published CSV (西元日期,星期,是否放假,備註; 是否放假 2 = day off, 0 = working; Big5 files must be
 * saved as UTF-8 first) or JSON (an array of rows with those keys, or with date/isHoliday/description). Each year
 * in FILE replaces that year in the calendar file, marked complete; other years stay as they are. Prints what
 * changed; exits 2 on a malformed file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { dump } from 'js-yaml';
import { DateTime } from 'luxon';
import { CALENDARS_DIR } from '../src/sla/load-policy.js';
import { OfficialCalendar, readOfficialCalendar, type OfficialDay, type OfficialYear } from '../src/sla/official-calendar.js';

type Row = { date: string; off: boolean; note: string };

class InputError extends Error {}

/** One row per date from the CSV or JSON text. */
export function parseDgpa(text: string): Row[] {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  const raw: Record<string, unknown>[] = trimmed.startsWith('[') ? (JSON.parse(trimmed) as Record<string, unknown>[]) : csvRows(trimmed);
  return raw.map((r, i) => {
    const dateText = String(r['西元日期'] ?? r.date ?? '').trim();
    const date = /^\d{8}$/.test(dateText) ? `${dateText.slice(0, 4)}-${dateText.slice(4, 6)}-${dateText.slice(6, 8)}` : dateText.replace(/\//g, '-');
    if (!DateTime.fromISO(date).isValid) throw new InputError(`row ${i + 1}: 西元日期 "${dateText}" is not a date`);
    const flag = r['是否放假'] ?? r.isHoliday;
    const off = flag === true || String(flag).trim() === '2';
    if (!(flag === true || flag === false || ['0', '2'].includes(String(flag).trim()))) throw new InputError(`row ${i + 1}: 是否放假 "${String(flag)}" is neither 0 nor 2`);
    return { date, off, note: String(r['備註'] ?? r.description ?? '').trim() };
  });
}

function csvRows(text: string): Record<string, string>[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines.shift() ?? '').split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
  if (!header.includes('西元日期') || !header.includes('是否放假')) throw new InputError(`expected the columns 西元日期,星期,是否放假,備註, got ${header.join(',')}`);
  return lines.map((line) => {
    const cells = line.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

/**
 * The days of one year that differ from a Mon–Fri week, plus named weekend holidays. A 補假 is matched to the
 * holiday it replaces: a Friday's to the Saturday after it when that is a holiday; otherwise the earliest
 * weekend holiday of the week before that has no substitute yet (or, for a Friday with none, the next day).
 */
export function yearFromRows(rows: readonly Row[], source: string): OfficialYear {
  const days: Record<string, OfficialDay> = {};
  const byDate = new Map(rows.map((r) => [r.date, r]));
  const weekendHolidays: string[] = [];
  const matched = new Set<string>();
  for (const r of rows) {
    const weekday = DateTime.fromISO(r.date).weekday;
    const weekend = weekday >= 6;
    if (r.off && r.note !== '' && !r.note.includes('補假') && weekend) weekendHolidays.push(r.date);
  }
  for (const r of rows) {
    const d = DateTime.fromISO(r.date);
    const weekend = d.weekday >= 6;
    if (!r.off && weekend) {
      days[r.date] = { kind: 'makeup', name: r.note || '補行上班' };
    } else if (r.off && r.note.includes('補假')) {
      const nextDay = d.plus({ days: 1 }).toISODate() ?? '';
      const next = byDate.get(nextDay);
      let target: string | undefined = d.weekday === 5 && next?.off && next.note !== '' && !matched.has(nextDay) ? nextDay : undefined;
      const weekBefore = d.minus({ days: 7 }).toISODate() ?? '';
      target ??= weekendHolidays.find((h) => h < r.date && h >= weekBefore && !matched.has(h));
      if (target === undefined && d.weekday === 5) target = nextDay; // the holiday is in next year's file
      if (target === undefined) throw new InputError(`${r.date}: 補假 without a weekend holiday to match; edit the calendar file by hand`);
      matched.add(target);
      days[r.date] = { kind: 'substitute', name: r.note, for: target };
    } else if (r.off && !weekend) {
      days[r.date] = /調整|彈性/.test(r.note) || r.note === '' ? { kind: 'bridge', name: r.note || '調整放假' } : { kind: 'holiday', name: r.note };
    } else if (r.off && r.note !== '') {
      days[r.date] = { kind: 'holiday', name: r.note };
    }
  }
  return { complete: true, source, days };
}

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { into: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
  });
  const [file] = positionals;
  if (file === undefined || positionals.length !== 1) {
    process.stderr.write('usage: calendar:import -- FILE [--into config/calendars/TW.yaml] [--dry-run]\n');
    return 2;
  }
  const into = values.into ?? join(CALENDARS_DIR, 'TW.yaml');
  let rows: Row[];
  try {
    rows = parseDgpa(readFileSync(file, 'utf8'));
  } catch (error: unknown) {
    if (!(error instanceof InputError) && !(error instanceof SyntaxError)) throw error;
    process.stderr.write(`calendar:import: ${file}: ${error.message}\n`);
    return 2;
  }
  const calendar = readOfficialCalendar(into);
  const years = [...new Set(rows.map((r) => r.date.slice(0, 4)))].sort();
  for (const year of years) {
    const yearRows = rows.filter((r) => r.date.startsWith(`${year}-`));
    if (yearRows.length < 365) process.stderr.write(`calendar:import: ${year} has ${yearRows.length} rows, not a whole year: imported as incomplete\n`);
    try {
      const imported = yearFromRows(yearRows, `DGPA 政府行政機關辦公日曆表, imported from ${file.split('/').pop()} on ${DateTime.now().toISODate()}`);
      calendar.years[year] = { ...imported, complete: yearRows.length >= 365 };
    } catch (error: unknown) {
      if (!(error instanceof InputError)) throw error;
      process.stderr.write(`calendar:import: ${error.message}\n`);
      return 2;
    }
    const days = Object.keys(calendar.years[year]!.days).length;
    process.stdout.write(`${year}: ${days} days that differ from a Monday-to-Friday week${values['dry-run'] ? ' (dry run)' : ''}\n`);
  }
  const sorted = OfficialCalendar.parse({ ...calendar, years: Object.fromEntries(Object.entries(calendar.years).sort(([a], [b]) => a.localeCompare(b))) });
  if (!values['dry-run']) {
    const head = readFileSync(into, 'utf8').split('\n').filter((l, i, all) => l.startsWith('#') && all.slice(0, i).every((p) => p.startsWith('#'))).join('\n');
    writeFileSync(into, `${head}\n${dump(sorted, { lineWidth: 200, flowLevel: 4 })}`);
    process.stdout.write(`wrote ${into}\n`);
  }
  return 0;
}

if (process.argv[1]?.endsWith('calendar-import.ts')) process.exitCode = main(process.argv.slice(2));
