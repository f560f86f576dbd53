import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['graph/**/*.test.ts', 'server/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    // One module registry per worker, not per file: every file imports the whole server, and
    // re-evaluating it (plus compiling PGlite's WASM again) cost about 5 s per file. Test files
    // keep their state in their own scope and close what they open, so sharing is safe.
    isolate: false,
    maxWorkers: 2,
    // Limits only, never measures: generous because a loaded two-core machine runs everything
    // several times slower (a fresh embedded database plus a Chromium can take a minute there).
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
