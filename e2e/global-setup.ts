// Once per browser-test run: one real IrisDesk server (own fresh database, demo data) that every e2e file
// shares, so a file pays for a browser launch only, not for a server start with migrations and seeding
// (about 10 s each on PGlite). Files must therefore not leave shared demo data changed: a test that changes
// a demo account's password changes it back, and tests create their own records to change.
import type { TestProject } from 'vitest/node';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../test/server-process.ts';
import { startTestClamd } from '../test/clamd.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eServerUrl: string;
    /** Markup hashes of the pages axe-core found clean in this run (e2e/browser.ts). */
    e2eCleanPagesFile: string;
  }
}

export default async function setup(project: TestProject) {
  // The server scans uploads with a clamd of its own (test/clamd.ts, the EICAR signature): forms take files as in production.
  const clamd = await startTestClamd();
  const [server, dir] = await Promise.all([startServer({ env: { CLAMD_URL: clamd.url } }), mkdtemp(path.join(os.tmpdir(), 'irisdesk-axe-'))]);
  project.provide('e2eServerUrl', server.url);
  project.provide('e2eCleanPagesFile', path.join(dir, 'clean-pages.txt'));
  return async () => {
    await server.stop();
    await clamd.close();
    await rm(dir, { recursive: true, force: true });
  };
}
