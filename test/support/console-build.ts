import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const sourceDir = path.join(root, 'src/console/ui');
const builtIndex = path.join(root, 'dist/console/index.html');

function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the console (as `npm run build:console` does) when its output is missing or older than its sources. */
export async function ensureConsoleBuilt(): Promise<'built' | 'fresh'> {
  if (existsSync(builtIndex) && statSync(builtIndex).mtimeMs >= newestChange(sourceDir)) return 'fresh';
  const { build } = await import('vite');
  await build({ configFile: path.join(sourceDir, 'vite.config.ts'), logLevel: 'warn' });
  return 'built';
}
