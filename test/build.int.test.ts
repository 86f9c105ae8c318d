// The built artefact (issue 20, part 1). The container image definition is linted (dockerfile-utils; any warning
// fails) and holds what operations rely on: two stages, a non-root user, a health check on /readyz, and node
// running the build. Then the sources are built exactly as the image builds them (npm run build, into a folder of
// the test's own), and the image's own CMD and HEALTHCHECK commands are run against that build in production
// mode: pages, hashed assets and the API answer, the health check exits 0, the server stops cleanly on SIGTERM,
// and the compiled migrate CLI (the release step) finds the copied migrations already applied.
// Nothing here depends on the database engine: CI runs it in one of its two passes (vitest.config.ts).
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './server-process.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');

interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile's instructions (continuation lines joined, comments dropped), grouped by build stage. */
async function dockerfileStages(): Promise<Instruction[][]> {
  const text = (await readFile(path.join(ROOT, 'Dockerfile'), 'utf8')).replace(/\\\n\s*/g, ' ');
  const stages: Instruction[][] = [];
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line === '' || line.startsWith('#')) continue;
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === 'FROM') stages.push([]);
    stages.at(-1)?.push({ keyword: keyword.toUpperCase(), args });
  }
  return stages;
}

const last = (stage: Instruction[], keyword: string) => stage.filter((i) => i.keyword === keyword).at(-1)?.args;

describe('the container image definition', () => {
  it('passes the Dockerfile linter without a warning', { timeout: 60_000 }, async () => {
    const bin = path.join(ROOT, 'node_modules/.bin/dockerfile-utils');
    const { stdout, stderr } = await run(bin, ['lint', 'Dockerfile'], { cwd: ROOT }).catch((error: { stdout: string; stderr: string }) => error);
    expect(`${stdout}${stderr}`.trim()).toBe('');
  });

  it('builds in one stage and runs as a non-root user with a /readyz health check in another', async () => {
    const stages = await dockerfileStages();
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const final = stages.at(-1)!;
    expect(last(final, 'USER')).toMatch(/^(?!root\b|0\b)\S+/);
    expect(last(final, 'HEALTHCHECK')).toContain('/readyz');
    expect(JSON.parse(last(final, 'CMD') ?? '[]')).toEqual(['node', 'dist/main.js']);
    expect(stages[0]!.some((i) => i.keyword === 'RUN' && i.args.includes('npm run build'))).toBe(true);
  });
});

let server: TestServer | undefined;
const BUILD = path.join(ROOT, '.tmp', `build-test-${process.pid}`);
afterAll(async () => {
  await server?.stop().catch(() => undefined);
  await rm(BUILD, { recursive: true, force: true });
});

describe('the build', () => {
  it('runs with the image’s start command in production mode, and its health check passes', { timeout: 480_000 }, async () => {
    await run(process.execPath, ['scripts/build.mjs', '--out-dir', path.join(BUILD, 'dist')], { cwd: ROOT, timeout: 420_000 });
    const final = (await dockerfileStages()).at(-1)!;
    const [program, ...args] = JSON.parse(last(final, 'CMD')!) as string[];
    expect(program).toBe('node');
    const production = {
      NODE_ENV: 'production',
      SESSION_SECRET: 'a-test-secret-of-more-than-32-characters',
      SECRETS_ENCRYPTION_KEY: '0'.repeat(64),
      PUBLIC_URL: 'https://irisdesk.test',
      SEED_DEMO: 'false',
      PASSWORD_HASH_COST: 'standard',
      TRUST_PROXY: 'false',
    };
    server = await startServer({ command: { args, cwd: BUILD }, env: production });
    const url = server.url;

    const page = await fetch(`${url}/fr`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) expect((await fetch(`${url}${asset}`)).status, asset).toBe(200);
    expect((await fetch(`${url}/nl`)).status).toBe(200);
    const api = await fetch(`${url}/api/v1/organisations`);
    expect(api.status).toBeLessThan(500);

    const healthcheck = last(final, 'HEALTHCHECK')!;
    const [, command] = /CMD\s+(\[.*\])\s*$/.exec(healthcheck) ?? [];
    const [checker, ...checkArgs] = JSON.parse(command!) as string[];
    expect(checker).toBe('node');
    const port = new URL(url).port;
    await expect(run(process.execPath, checkArgs, { env: { ...process.env, PORT: port }, timeout: 10_000 })).resolves.toBeDefined();

    // Stopped (its database kept: PGlite's data folder is one process's at a time), the compiled migrate CLI
    // finds the copied migrations and nothing left to apply.
    server.signal('SIGTERM');
    await expect(server.exited()).resolves.toEqual({ code: 0, signal: null });
    const env: Record<string, string | undefined> = { ...process.env, ...production, ...server.database.env };
    if (!server.database.env.DATABASE_URL) delete env.DATABASE_URL;
    delete env.TEST_DATABASE_URL;
    const migrated = await run(process.execPath, ['dist/cli/migrate.js'], { cwd: BUILD, env });
    expect(migrated.stdout).toContain('up to date');
  });
});
