import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * PGlite 0.3 runs its PostgreSQL with `-c shared_buffers=128MB` written into its WebAssembly, and a
 * command-line setting wins over postgresql.conf and ALTER SYSTEM; 0.3 has no option for it (0.4 added
 * `startParams`, with a new data-directory format and a Prisma CLI that no longer exits, see
 * STACK-NOTES.md). The 128 MB are allocated and touched at start: about 110 MB of the app's resident
 * memory on an embedded database of a few MB, whose pages the operating system caches anyway.
 *
 * PGlite accepts a compiled module (`wasmModule`), so the app compiles a copy of pglite.wasm in which that
 * one C string reads `shared_buffers=16MB` instead, padded with NULs to the same length: nothing else in
 * the binary moves. When the string is not found exactly once (another PGlite version), the stock module
 * is used and the caller is told why; test/db/pglite-memory.test.ts notices that on an upgrade.
 */
export const PGLITE_SHARED_BUFFERS = '16MB';

const STOCK_SETTING = 'shared_buffers=128MB';

export type PgliteModule = { module: WebAssembly.Module; sharedBuffers: string } | { module: undefined; reason: string };

/** The setting's text replaced in place: same length, NUL-padded; `undefined` unless found exactly once. */
export function withSharedBuffers(wasm: Uint8Array, size: string): Uint8Array<ArrayBuffer> | undefined {
  const bytes = Buffer.from(wasm.buffer, wasm.byteOffset, wasm.byteLength);
  const from = Buffer.from(STOCK_SETTING, 'latin1');
  const to = Buffer.from(`shared_buffers=${size}`, 'latin1');
  if (!/^\d+(kB|MB)$/.test(size) || to.length > from.length) throw new RangeError(`shared_buffers ${size}: give kB or MB, at most ${from.length - 15} characters`);
  // A C string constant: NUL before and after, so a longer text that merely contains it is not touched.
  const at = bytes.indexOf(Buffer.concat([Buffer.of(0), from, Buffer.of(0)]));
  if (at < 0 || bytes.indexOf(from, at + 2) >= 0) return undefined;
  const patched = new Uint8Array(bytes);
  patched.fill(0, at + 1, at + 1 + from.length);
  patched.set(to, at + 1);
  return patched;
}

const compiled = new Map<string, Promise<PgliteModule>>();

/**
 * pglite.wasm of the installed PGlite, compiled with the smaller shared_buffers: once per process and size, as
 * PGlite keeps its own compiled module for every instance after the first (tests open many).
 */
export function compilePgliteModule(size = PGLITE_SHARED_BUFFERS): Promise<PgliteModule> {
  let module = compiled.get(size);
  if (!module) {
    compiled.set(size, (module = compile(size)));
    module.catch(() => compiled.delete(size)); // a failed read or compile is tried again by the next opener
  }
  return module;
}

async function compile(size: string): Promise<PgliteModule> {
  const require = createRequire(import.meta.url);
  const file = path.join(path.dirname(require.resolve('@electric-sql/pglite')), 'pglite.wasm');
  const patched = withSharedBuffers(await readFile(file), size);
  if (!patched) return { module: undefined, reason: `${STOCK_SETTING} is not in ${file} exactly once (another PGlite version?)` };
  return { module: await WebAssembly.compile(patched), sharedBuffers: size };
}
