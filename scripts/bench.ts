/**
 * `npm run bench [-- --quick]`: imports every bench/*-bench.ts module, runs each exported `bench*` function in
 * turn, prints one table and writes bench/results.json. A bench function takes `{ quick }` and returns
 * `{ name, value, unit, target?, key? }[]`; a row with a `key` (dotted, e.g. `e2e.pglite.p99Ms`) also goes into
 * results.json. With `--quick` only modules exporting `inQuick = true` run, with smaller counts (under a minute).
 * Words after `--` pick bench files by name (`npm run bench -- startup`); results.json then holds only those,
 * and a bench picked by name also runs with `--quick` (smaller counts) when it is not part of the plain quick run.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

process.env.DOTENV_CONFIG_QUIET ??= 'true';
type Row = { name: string; value: number; unit: string; target?: string; key?: string };
type BenchFn = (options: { quick: boolean }) => Promise<Row[]>;

const quick = process.argv.includes('--quick');
/** `npm run bench -- startup e2e`: only the bench files whose names contain one of these words. */
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const dir = join(import.meta.dirname, '..', 'bench');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('-bench.ts') && (!only.length || only.some((w) => f.includes(w))))
  .sort();
const rows: (Row & { file: string })[] = [];
const started = performance.now();
// Figures from a busy machine mean little: the load average at the start goes into results.json with them.
const loadAverage = os.loadavg().map((l) => Math.round(l * 10) / 10);
for (const file of files) {
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as Record<string, unknown>;
  if (quick && mod.inQuick !== true && !only.length) continue;
  for (const [name, fn] of Object.entries(mod)) {
    if (!name.startsWith('bench') || typeof fn !== 'function') continue;
    try {
      for (const row of await (fn as BenchFn)({ quick })) rows.push({ ...row, file });
    } catch (error: unknown) {
      rows.push({ file, name: `${name} FAILED: ${error instanceof Error ? error.message : String(error)}`, value: NaN, unit: '' });
    }
  }
}
const width = Math.max(10, ...rows.map((r) => r.name.length));
console.log(`${'bench'.padEnd(24)} ${'measure'.padEnd(width)} ${'value'.padStart(12)} unit     target`);
for (const r of rows) console.log(`${r.file.padEnd(24)} ${r.name.padEnd(width)} ${String(r.value).padStart(12)} ${r.unit.padEnd(8)} ${r.target ?? ''}`);
if (!rows.length) console.log('no bench/*-bench.ts modules found');

/** Rows with a key, as nested objects: `e2e.pglite.p99Ms` → { e2e: { pglite: { p99Ms } } }. */
const results: Record<string, unknown> = {
  meta: { quick, at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, loadAverage, seconds: Math.round((performance.now() - started) / 1000) },
};
for (const row of rows) {
  if (!row.key || !Number.isFinite(row.value)) continue;
  const parts = row.key.split('.');
  let node = results;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts.at(-1)!] = row.value;
}
const out = join(dir, 'results.json');
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwrote ${out} (${results.meta && (results.meta as { seconds: number }).seconds} s)`);
