import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Where the built console goes; the app serves this folder at /console (gitignored, built by npm scripts). */
export const consoleOutDir = fileURLToPath(new URL('../../../dist/console/', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  // Preact's automatic JSX runtime through Vite's own transform (no framework plugin needed).
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  logLevel: 'warn',
  build: {
    outDir: consoleOutDir,
    emptyOutDir: true,
    // One flat folder: the app serves a fixed list of files read at start-up.
    assetsDir: '',
    chunkSizeWarningLimit: 600,
    sourcemap: false,
  },
});
