import pg from 'pg';

/** The PostgreSQL server the benches create their databases on. */
export const benchServerUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/**
 * Runs `fn` with the URL of a new, empty database on the bench server and drops it afterwards (also when
 * `fn` throws; connections still open are terminated). Null when the server cannot be reached, so a bench
 * can say it skipped PostgreSQL instead of failing.
 */
export async function withFreshDatabase<T>(name: string, fn: (url: string) => Promise<T>): Promise<T | null> {
  const admin = new pg.Client({ connectionString: benchServerUrl });
  admin.on('error', () => undefined);
  try {
    await admin.connect();
  } catch {
    return null;
  }
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(benchServerUrl);
    url.pathname = `/${name}`;
    try {
      return await fn(url.toString());
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}
