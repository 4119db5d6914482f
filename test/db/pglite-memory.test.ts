import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/db.js';
import { PGLITE_SHARED_BUFFERS, withSharedBuffers } from '../../src/db/pglite-memory.js';

const cString = (...parts: string[]) => Buffer.from(`\0${parts.join('\0')}\0`, 'latin1');

describe('the embedded database memory', () => {
  it('runs PostgreSQL with the smaller shared_buffers, on a new and on an existing data directory', { timeout: 90_000 }, async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'aftercare-pglite-memory-'));
    try {
      for (const round of ['new', 'existing']) {
        const db = await openDatabase({ dataDir: dir });
        const [row] = await db.sql.query<{ shared_buffers: string }>('SHOW shared_buffers');
        await db.close();
        expect({ round, sharedBuffers: row?.shared_buffers }).toEqual({ round, sharedBuffers: PGLITE_SHARED_BUFFERS });
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('rewriting the shared_buffers setting in pglite.wasm', () => {
  it('replaces the one C string in place, padded with NULs, and leaves every other byte as it was', () => {
    const wasm = cString('temp_buffers=8MB', 'shared_buffers=128MB', 'wal_buffers=4MB');
    const patched = withSharedBuffers(wasm, '16MB')!;
    expect(patched.length).toBe(wasm.length);
    expect(Buffer.from(patched).toString('latin1')).toBe(cString('temp_buffers=8MB', 'shared_buffers=16MB\0', 'wal_buffers=4MB').toString('latin1'));
    expect(wasm.toString('latin1')).toContain('shared_buffers=128MB');
  });

  it('gives nothing back when the setting is missing or there twice, so the stock module is used', () => {
    expect(withSharedBuffers(cString('work_mem=4MB'), '16MB')).toBeUndefined();
    expect(withSharedBuffers(cString('shared_buffers=128MB', 'shared_buffers=128MB'), '16MB')).toBeUndefined();
  });

  it('does not touch a longer text that only contains the setting', () => {
    expect(withSharedBuffers(cString('-c shared_buffers=128MB -c work_mem=4MB'), '16MB')).toBeUndefined();
  });

  it('refuses a size that does not fit in place or is not a size', () => {
    expect(() => withSharedBuffers(cString('shared_buffers=128MB'), '1024000MB')).toThrow(RangeError);
    expect(() => withSharedBuffers(cString('shared_buffers=128MB'), '16; x')).toThrow(RangeError);
  });
});
