/**
 * Compiles the application to JavaScript in dist/ (`npm run build`; `npm start` runs it, `prestart` calls this
 * with --if-stale). Plain JavaScript itself, so it runs before anything is compiled. Type checking is
 * `npm run typecheck`'s job: the build only emits (tsc --noCheck), which is what makes it quick.
 * Files the code reads next to itself (the model, the static pages, migrations, default config, package.json)
 * are linked into dist/, not copied, so there is one copy to edit. The console's Vite build already lives in
 * dist/console; the compiled code looks for it one `dist/` deeper, so that is a link too, made even before
 * the console is built.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';

const root = path.join(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
const stamp = path.join(dist, '.build-stamp');
const sources = ['src', 'channels', 'dialogs'];
const assets = ['package.json', 'prisma', 'config', 'src/understanding/model', 'channels/webchat/public', 'dist/console'];

/** The newest modification time of any TypeScript source or build setting. */
function newestSource() {
  let newest = Math.max(statSync(path.join(root, 'tsconfig.json')).mtimeMs, statSync(path.join(root, 'tsconfig.build.json')).mtimeMs);
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (full !== path.join(root, 'src', 'console', 'ui')) walk(full);
      }
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const dir of sources) walk(path.join(root, dir));
  return newest;
}

if (process.argv.includes('--if-stale') && existsSync(stamp) && statSync(stamp).mtimeMs >= newestSource()) process.exit(0);

const started = Date.now();
execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'tsconfig.build.json'), '--noCheck'], { stdio: 'inherit' });
for (const asset of assets) {
  const from = path.join(root, asset);
  const to = path.join(dist, asset);
  // The console may be built after the server (`npm run build:console` on its own), so its link is made anyway.
  if (!existsSync(from) && asset !== 'dist/console') continue;
  mkdirSync(path.dirname(to), { recursive: true });
  if (existsSync(to) || isLink(to)) rmSync(to, { recursive: true, force: true });
  symlinkSync(path.relative(path.dirname(to), from), to);
}
writeFileSync(stamp, new Date().toISOString());
if (!process.argv.includes('--quiet')) process.stderr.write(`aftercare compiled to dist/ in ${Date.now() - started} ms\n`);

function isLink(p) {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
