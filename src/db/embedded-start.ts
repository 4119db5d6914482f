import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { DatabaseUnavailableError } from '../errors/app-error.js';
import { compilePgliteModule } from './pglite-memory.js';

export type EmbeddedStart = { pglite: PGlite; lock: { release(): Promise<void> } };

/**
 * Opens the embedded PostgreSQL under `$DATA_DIR/pglite` (created on first start). Kept apart from db.ts
 * with few imports, so main.ts can start it first and PGlite's WebAssembly start-up overlaps with loading
 * the rest of the application.
 */
export async function startEmbedded(dataDir: string): Promise<EmbeddedStart> {
  const dir = path.resolve(dataDir, 'pglite');
  await mkdir(path.dirname(dir), { recursive: true });
  const lock = await acquireDirLock(`${dir}.lock`);
  try {
    // A smaller shared_buffers than PGlite's fixed 128 MB (pglite-memory.ts): about 110 MB less resident.
    const compiled = await compilePgliteModule();
    if (!compiled.module) process.emitWarning(`The embedded database keeps PGlite's 128 MB shared_buffers (it works as before, using about 110 MB more memory; no action needed): ${compiled.reason}`);
    // pg_trgm: the ticket search's trigram indexes (migration 20261130180000_open_tickets_and_ticket_search).
    const pglite = new PGlite(dir, { extensions: { pg_trgm }, wasmModule: compiled.module });
    await pglite.waitReady;
    return { pglite, lock };
  } catch (err) {
    await lock.release();
    throw err;
  }
}

/**
 * PGlite is one process's database: two processes opening the same directory would corrupt it.
 * A pid file refuses the second opener with a clear message; a stale file from a crash is taken over.
 */
async function acquireDirLock(file: string): Promise<{ release(): Promise<void> }> {
  try {
    const pid = Number((await readFile(file, 'utf8')).trim());
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new DatabaseUnavailableError(
        `The embedded database ${path.dirname(file)} is in use by process ${pid}. ` +
          'Stop that aftercare process, use another DATA_DIR, or set DATABASE_URL to share a PostgreSQL server.',
      );
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await writeFile(file, String(process.pid));
  return { release: () => rm(file, { force: true }) };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

