import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { LongestFirstSequencer } from './test/helpers/sequencer';

/**
 * Three projects:
 * - unit:    pure functions, no database (`*.unit.test.ts`)
 * - db:      API and service tests on a real database (`*.db.test.ts`): a fresh PGlite per
 *            file, or a fresh database per file on TEST_DATABASE_URL for the PostgreSQL pass
 * - browser: journeys in headless Debian Chromium against a running server (`*.e2e.test.ts`)
 */
/** Test files run side by side, one per core (RT_TEST_WORKERS overrides). */
const workers = Number(process.env.RT_TEST_WORKERS) || availableParallelism();

export default defineConfig({
  test: {
    // Vitest's default is one worker less than the cores: on CI's 2 cores, one file at a time.
    maxWorkers: workers,
    sequence: { sequencer: LongestFirstSequencer },
    projects: [
      { test: { name: 'unit', include: ['src/**/*.unit.test.ts', 'web/src/**/*.unit.test.ts', 'test/**/*.unit.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'db',
          include: ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
          setupFiles: ['test/helpers/db-file-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
          // Each worker runs its files in one module graph instead of importing the app again
          // for every file (about a quarter of the phase); db-file-setup.ts puts back the
          // process state a file may change, and each file has its own database.
          isolate: false,
          restoreMocks: true,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.e2e.test.ts'],
          globalSetup: ['test/browser/global-setup.ts'],
          // Journeys of a dozen pages take 20-40 s alone and up to three times that while CI runs
          // the PostgreSQL pass beside them. A hang still fails: every Playwright wait has its own
          // 30 s limit, which names the element it waited for.
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // Each file has its own server, data and browser, so files run side by side.
          // The route walk runs its roles four at a time (it.concurrent).
          maxConcurrency: 4,
        },
      },
    ],
  },
});
