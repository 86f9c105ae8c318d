// The lint rules of decision 0029 fail where they should: an import cycle, and a module importing another
// module's repository. ESLint runs with the project's own eslint.config.js on small files written to a
// temporary folder laid out like src/ (type-aware rules off there: the folder is outside the TypeScript project).
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const root = path.resolve(import.meta.dirname, '..');
let dir: string;
let eslint: ESLint;
const cwd = process.cwd();

function write(file: string, text: string) {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
}

async function ruleIds(file: string): Promise<string[]> {
  const [result] = await eslint.lintFiles([path.join(dir, file)]);
  return result!.messages.map((message) => message.ruleId ?? message.message);
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'irisdesk-lint-'));
  write('src/contactpoints/repository.ts', 'export const findContactPoint = (id: string) => id;\n');
  write('src/contactpoints/service.ts', "import { findContactPoint } from './repository.ts';\nexport const find = (id: string) => findContactPoint(id);\n");
  write(
    'src/safety/service.ts',
    "import { findContactPoint } from '../contactpoints/repository.ts';\nexport const place = (id: string) => findContactPoint(id);\n",
  );
  write('src/safety/through-service.ts', "import { find } from '../contactpoints/service.ts';\nexport const place = (id: string) => find(id);\n");
  write('src/platform/realtime/routes.ts', "import { b } from './hub.ts';\nexport const a = () => b;\n");
  write('src/platform/realtime/hub.ts', "import { a } from './routes.ts';\nexport const b = () => a;\n");
  // import-x/no-restricted-paths reads its zones relative to the process's directory (npm run lint: the root).
  process.chdir(dir);
  eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: path.join(root, 'eslint.config.js'),
    overrideConfig: [{ files: ['**/*.ts'], ...tseslint.configs.disableTypeChecked }],
  });
});

afterAll(() => {
  process.chdir(cwd);
  rmSync(dir, { recursive: true, force: true });
});

describe('lint rules (eslint.config.js)', () => {
  it('refuse a module importing another module’s repository', async () => {
    expect(await ruleIds('src/safety/service.ts')).toEqual(['import-x/no-restricted-paths']);
  });

  it('let a module import its own repository, and another module’s service', async () => {
    expect(await ruleIds('src/contactpoints/service.ts')).toEqual([]);
    expect(await ruleIds('src/safety/through-service.ts')).toEqual([]);
  });

  it('refuse an import cycle', async () => {
    expect(await ruleIds('src/platform/realtime/routes.ts')).toEqual(['import-x/no-cycle']);
  });
}, 60_000);
