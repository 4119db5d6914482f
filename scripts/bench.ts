/**
 * `npm run bench`: imports every bench/*-bench.ts module, runs each exported `bench*` function in turn
 * and prints one table. A bench function returns `{ name, value, unit, target? }[]`.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

process.env.DOTENV_CONFIG_QUIET ??= 'true';
type Row = { name: string; value: number; unit: string; target?: string };
type BenchFn = () => Promise<Row[]>;

const dir = join(import.meta.dirname, '..', 'bench');
const files = readdirSync(dir).filter((f) => f.endsWith('-bench.ts')).sort();
const rows: (Row & { file: string })[] = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as Record<string, unknown>;
  for (const [name, fn] of Object.entries(mod)) {
    if (!name.startsWith('bench') || typeof fn !== 'function') continue;
    try {
      for (const row of await (fn as BenchFn)()) rows.push({ ...row, file });
    } catch (error: unknown) {
      rows.push({ file, name: `${name} FAILED: ${error instanceof Error ? error.message : String(error)}`, value: NaN, unit: '' });
    }
  }
}
const width = Math.max(10, ...rows.map((r) => r.name.length));
console.log(`${'bench'.padEnd(24)} ${'measure'.padEnd(width)} ${'value'.padStart(12)} unit     target`);
for (const r of rows) console.log(`${r.file.padEnd(24)} ${r.name.padEnd(width)} ${String(r.value).padStart(12)} ${r.unit.padEnd(8)} ${r.target ?? ''}`);
if (!rows.length) console.log('no bench/*-bench.ts modules found');
