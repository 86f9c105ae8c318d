import { readdirSync } from 'node:fs';
import { configDefaults, defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { BROWSER_HALF_B } from './e2e/halves.ts';

// Three tiers (docs/architecture.md): unit tests next to the code, integration tests of the whole app
// in-process on a real database (PGlite, or the PostgreSQL server of TEST_DATABASE_URL), and browser
// tests in e2e/ driving Debian's Chromium against a real server process.
// Unit and integration files share their worker's module graph (isolate: false): each file still builds its
// own app on its own database copy, but importing the whole app once per file cost more than the tests did
// (about 15 s per integration file on a loaded 2-core machine; decision 0014). Test files must not leave
// module-level state behind (no vi.mock, no global stubs).
// The tiers run one after the other (sequence.groupOrder): on a 2-core machine, browser tests started next
// to integration tests only slow both down and make start-up timeouts flaky.
//
// Engine-neutral tests: CI runs the whole suite on both database engines (.ci/run), but some checks cannot
// come out differently on PGlite and on PostgreSQL: the unit tier (no database at all), the build, the
// validators of what the app renders and documents alike on both (Nu HTML Checker, Redocly, Lighthouse) and
// axe-core on the browser tests' pages (e2e/browser.ts). Each CI pass leaves a share of them to the other with
// TEST_ENGINE_NEUTRAL_SKIP, a comma-separated list: `tests` (the unit tier and the files below) and/or `axe`
// (every browser file's scan), `axe-a` or `axe-b` (the scans of one half of the browser files, e2e/browser.ts)
// (decision 0014); `browser-a` or `browser-b` leaves out the browser files of that half altogether (e2e/halves.ts).
// A plain `npm test` runs everything.
const skipped = new Set((process.env.TEST_ENGINE_NEUTRAL_SKIP ?? '').split(',').map((part) => part.trim()));
skipped.delete('');
const KNOWN_SKIPS = ['tests', 'axe', 'axe-a', 'axe-b', 'browser-a', 'browser-b'];
for (const part of skipped) if (!KNOWN_SKIPS.includes(part)) throw new Error(`TEST_ENGINE_NEUTRAL_SKIP: "${part}" is not one of ${KNOWN_SKIPS.join(', ')}`);
const skipEngineNeutral = skipped.has('tests');
const ENGINE_NEUTRAL_FILES = [
  'test/build.int.test.ts',
  'src/platform/views/pages-valid.int.test.ts',
  'src/platform/http/openapi.int.test.ts',
  'e2e/lighthouse.e2e.test.ts',
];
const engineNeutralExcluded = skipEngineNeutral ? ENGINE_NEUTRAL_FILES : [];
// CI's PGlite pass leaves out the engine-neutral files and half "b" runs in the other pass only: an engine-neutral
// browser file outside half "b" would run in neither (Lighthouse did, unnoticed, in sessions 7 and 8).
for (const file of ENGINE_NEUTRAL_FILES) {
  if (file.startsWith('e2e/') && !BROWSER_HALF_B.has(file.slice('e2e/'.length)))
    throw new Error(`${file} is engine-neutral: it must be in half "b" (e2e/halves.ts)`);
}
// Browser files run in one CI pass each (e2e/halves.ts): browser-a leaves out half "a", browser-b half "b".
const browserFiles = readdirSync(new URL('./e2e/', import.meta.url)).filter((file) => file.endsWith('.e2e.test.ts'));
const browserExcluded = browserFiles
  .filter((file) => (skipped.has('browser-b') && BROWSER_HALF_B.has(file)) || (skipped.has('browser-a') && !BROWSER_HALF_B.has(file)))
  .map((file) => `e2e/${file}`);

const unit: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: 'unit',
    isolate: false,
    include: ['src/**/*.test.{ts,tsx}'],
    exclude: [...configDefaults.exclude, 'src/**/*.int.test.{ts,tsx}'],
    sequence: { groupOrder: 0 },
  },
};

export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      ...(skipEngineNeutral ? [] : [unit]),
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['src/**/*.int.test.{ts,tsx}', 'test/**/*.int.test.{ts,tsx}'],
          exclude: [...configDefaults.exclude, ...engineNeutralExcluded],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          pool: 'forks',
          isolate: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.{ts,tsx}'],
          exclude: [...configDefaults.exclude, ...engineNeutralExcluded, ...browserExcluded],
          // One server for the whole browser tier (see e2e/global-setup.ts); each file launches its browser.
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          pool: 'forks',
          fileParallelism: false,
          isolate: false, // as above: playwright-core and axe-core are imported once per run
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
