// The two halves of the browser files (decision 0014). CI runs each browser file in one of its two passes only:
// half "a" with the server on PGlite, half "b" with the server on PostgreSQL (TEST_ENGINE_NEUTRAL_SKIP=browser-b
// and browser-a). What the pages do with the database is tested on both engines by the integration tier; a
// browser file tests pages, keyboard paths and axe-core, which do not depend on the engine. The halves weigh
// about the same (seconds per file measured in CI, axe included); the PostgreSQL pass, which also runs the unit
// tier, the build, the validators, Lighthouse and the server-restarting tests, takes the lighter share.
// A plain `npm test` runs every file. The axe-a / axe-b tokens still split only the axe scans.
export const BROWSER_HALF_B: ReadonlySet<string> = new Set([
  'back-office.e2e.test.ts',
  'queues.e2e.test.ts',
  'public.e2e.test.ts',
  'appointments.e2e.test.ts',
  'chat.e2e.test.ts',
  'knowledge.e2e.test.ts',
  'integrations.e2e.test.ts',
  'contact-intake.e2e.test.ts',
  'privacy.e2e.test.ts',
  'satisfaction.e2e.test.ts',
  'surveys.e2e.test.ts',
  'telephony.e2e.test.ts',
  'citizen-space.e2e.test.ts',
  // Engine-neutral (vitest.config.ts): the PGlite pass leaves those out, so it must run in the PostgreSQL pass.
  'lighthouse.e2e.test.ts',
]);
