import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/db.js';
import { ensureConsoleBuilt } from './console-build.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data directory each test file copies (migrating per file would be slow). */
    pgliteTemplateDir: string;
    /** A migrated PostgreSQL database each test file clones, when TEST_DATABASE_URL is set. */
    postgresTemplate: { adminUrl: string; database: string } | null;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The app serves the built console at /console: the browser tests need it current.
  await ensureConsoleBuilt();
  const root = await mkdtemp(path.join(os.tmpdir(), 'aftercare-test-'));
  const template = await openDatabase({ dataDir: root });
  await template.close();
  project.provide('pgliteTemplateDir', path.join(root, 'pglite'));

  const adminUrl = process.env.TEST_DATABASE_URL;
  let database: string | null = null;
  if (adminUrl) {
    database = `aftercare_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    const db = await openDatabase({ dataDir: root, databaseUrl: url.toString() });
    await db.close();
  }
  project.provide('postgresTemplate', adminUrl && database ? { adminUrl, database } : null);

  return async () => {
    await rm(root, { recursive: true, force: true });
    if (adminUrl && database) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.end();
    }
  };
}
