// npm run build: compiles src/ to JavaScript in dist/ (tsconfig.build.json) and copies beside it the files the
// server reads from disk at run time (SQL migrations, JSON catalogues and seed data, CSS/JS/font/image assets),
// at the same relative paths, so `node dist/main.js` finds them exactly as `tsx src/main.ts` does.
// dist/ is emptied first: a file removed from src/ must not survive in a build. `--out-dir DIR` builds elsewhere
// (test/build.int.test.ts); DIR must lie inside the repository so that node_modules resolves from it.
import { execFileSync } from 'node:child_process';
import { cp, readdir, rm } from 'node:fs/promises';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const SRC = path.join(ROOT, 'src');
const outIndex = process.argv.indexOf('--out-dir');
const DIST = outIndex > 0 ? path.resolve(process.argv[outIndex + 1] ?? '') : path.join(ROOT, 'dist');
// What src/ reads at run time (readFileSync/readdir next to the module, or `new URL('./x', import.meta.url)`).
const RUNTIME_FILE = /\.(sql|json|css|js|woff2?|svg|png|ico|txt)$/;

await rm(DIST, { recursive: true, force: true });
execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', DIST], {
  cwd: ROOT,
  stdio: 'inherit',
});
let copied = 0;
for (const entry of await readdir(SRC, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !RUNTIME_FILE.test(entry.name)) continue;
  const from = path.join(entry.parentPath, entry.name);
  await cp(from, path.join(DIST, path.relative(SRC, from)));
  copied += 1;
}
console.log(`built ${path.relative(ROOT, DIST)}/ (${copied} run-time files copied beside the JavaScript)`);
