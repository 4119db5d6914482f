import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.join(import.meta.dirname, '..', '..');

/**
 * The node arguments of `npm start` (package.json's `start` script: `node <args> dist/src/main.js`), so the
 * benches measure the process as it runs, V8 memory flags included, and follow the script when it changes.
 */
export function startCommandArgs(): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [command, ...args] = scripts.start.trim().split(/\s+/);
  if (command !== 'node' || !args.length) throw new Error(`package.json start script is not "node ... <script>": ${scripts.start}`);
  return args;
}
