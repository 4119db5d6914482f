import path from 'node:path';
import { defineConfig } from 'prisma/config';

// The CLI is used for `generate` and `migrate diff` only (the JS engine: no binary download).
// The app applies migrations itself at start-up (src/db/migrate.ts); an in-memory PGlite stands in
// for the CLI's database so no server is needed to write a migration.
// schema.prisma requires a url even though the adapter makes it unused.
process.env.DATABASE_URL ??= 'postgresql://unused@localhost/unused';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  adapter: async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
    const { PrismaPGlite } = await import('pglite-prisma-adapter');
    // As the app's PGlite (src/db/embedded-start.ts): a migration creates the pg_trgm extension.
    return new PrismaPGlite(new PGlite({ extensions: { pg_trgm } }));
  },
});
