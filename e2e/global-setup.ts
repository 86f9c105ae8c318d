// Once per browser-test run: one real IrisDesk server (own fresh database, demo data) that every e2e file
// shares, so a file pays for a browser launch only, not for a server start with migrations and seeding
// (about 10 s each on PGlite). Files must therefore not leave shared demo data changed: a test that changes
// a demo account's password changes it back, and tests create their own records to change.
import type { TestProject } from 'vitest/node';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../test/server-process.ts';
import { startTestClamd } from '../test/clamd.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eServerUrl: string;
    /** The environment that points a server at the run's database (DATABASE_URL, or DATA_DIR on PGlite). */
    e2eServerDatabase: Record<string, string>;
    /** Markup hashes of the pages axe-core found clean in this run (e2e/browser.ts). */
    e2eCleanPagesFile: string;
    /** One line per axe-core check of the run (file, analysed or known, ms), summed up at the end (e2e/browser.ts). */
    e2eAxeLedgerFile: string;
  }
}

export default async function setup(project: TestProject) {
  // The server scans uploads with a clamd of its own (test/clamd.ts, the EICAR signature): forms take files as in production.
  const clamd = await startTestClamd();
  const [server, dir] = await Promise.all([startServer({ env: { CLAMD_URL: clamd.url } }), mkdtemp(path.join(os.tmpdir(), 'irisdesk-axe-'))]);
  project.provide('e2eServerUrl', server.url);
  project.provide('e2eServerDatabase', server.database.env);
  project.provide('e2eCleanPagesFile', path.join(dir, 'clean-pages.txt'));
  project.provide('e2eAxeLedgerFile', path.join(dir, 'axe-ledger.tsv'));
  return async () => {
    await printAxeLedger(path.join(dir, 'axe-ledger.tsv'));
    await server.stop();
    await clamd.close();
    await rm(dir, { recursive: true, force: true });
  };
}

/** Where axe-core's time went, per browser file: the figure to look at first when the browser tier grows. */
async function printAxeLedger(file: string): Promise<void> {
  const lines = await readFile(file, 'utf8').catch(() => '');
  const perFile = new Map<string, { analysed: number; known: number; ms: number }>();
  for (const line of lines.split('\n')) {
    const [name, outcome, ms] = line.split('\t');
    if (!name || !outcome) continue;
    const entry = perFile.get(name) ?? { analysed: 0, known: 0, ms: 0 };
    if (outcome === 'analysed') entry.analysed += 1;
    else entry.known += 1;
    entry.ms += Number(ms);
    perFile.set(name, entry);
  }
  if (perFile.size === 0) return;
  const rows = [...perFile].sort((a, b) => b[1].ms - a[1].ms);
  const total = rows.reduce((sum, [, entry]) => sum + entry.ms, 0);
  const report = rows.map(
    ([name, entry]) =>
      `  ${name.padEnd(40)} ${String(entry.analysed).padStart(4)} analysed ${String(entry.known).padStart(4)} known ${(entry.ms / 1000).toFixed(1).padStart(7)} s`,
  );
  process.stdout.write(
    `\naxe-core per browser file (pages analysed, pages known clean by structure, time in checks):\n${report.join('\n')}\n  total ${(total / 1000).toFixed(1)} s\n`,
  );
}
