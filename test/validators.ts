// The ecosystem's own validators, run by the tests on what the app produces (decision 0028): Redocly CLI on the
// OpenAPI document, the Nu HTML Checker (vnu-jar, needs Java) on rendered pages.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function run(command: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
    execFile(command, args, { cwd: root, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 }, (error, stdout, stderr) => {
      // A non-numeric code means the tool did not run (not installed, killed by the timeout): no report to read.
      if (error && typeof error.code !== 'number') reject(new Error(`${command} did not run: ${error.message}`, { cause: error }));
      else resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}

/** Writes files into a fresh temporary folder, gives their paths to `use`, then removes the folder. */
export async function withFiles<T>(files: Record<string, string>, use: (paths: string[]) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'irisdesk-validate-'));
  try {
    const paths: string[] = [];
    for (const [name, content] of Object.entries(files)) {
      const path = join(dir, name);
      await writeFile(path, content);
      paths.push(path);
    }
    return await use(paths);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  pointer: string;
}

/** `redocly lint` with the repository's redocly.yaml (recommended rules). */
export async function redoclyLint(documentPath: string): Promise<LintProblem[]> {
  const cli = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
  const result = await run(
    process.execPath,
    [cli, 'lint', documentPath, '--config', join(root, 'redocly.yaml'), '--format', 'json', '--max-problems', '10000'],
    { REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
  );
  const start = result.stdout.indexOf('{');
  if (start < 0) throw new Error(`redocly lint gave no report (exit ${result.code}): ${result.stderr}`);
  const report = JSON.parse(result.stdout.slice(start)) as {
    problems: Array<{ ruleId: string; severity: 'error' | 'warn'; message: string; location: Array<{ pointer: string }> }>;
  };
  return report.problems.map((p) => ({ ruleId: p.ruleId, severity: p.severity, message: p.message, pointer: p.location[0]?.pointer ?? '' }));
}

export interface HtmlMessage {
  url: string;
  type: 'error' | 'info' | 'non-document-error';
  subType?: string;
  message: string;
  extract?: string;
  lastLine?: number;
}

/** The Nu HTML Checker (vnu.jar, the W3C validator's engine) on HTML files, in one Java process. */
export async function checkHtml(paths: string[]): Promise<HtmlMessage[]> {
  const jar = join(dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');
  // Preact writes void elements as <br/>: the checker's note on that is about unquoted attributes, which
  // IrisDesk never writes, so it is left out rather than repeated on every element.
  const filter = '.*Trailing slash on void elements.*';
  // A deep stack for the checker's parser on long pages; one GC thread on a shared 2-core machine.
  const result = await run('java', ['-Xss4m', '-XX:+UseSerialGC', '-jar', jar, '--format', 'json', '--exit-zero-always', '--filterpattern', filter, ...paths]);
  const output = result.stderr || result.stdout;
  if (!output.trimStart().startsWith('{')) throw new Error(`the Nu HTML Checker gave no report (exit ${result.code}): ${output.slice(0, 2000)}`);
  return (JSON.parse(output) as { messages: HtmlMessage[] }).messages;
}
