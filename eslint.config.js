// ESLint (flat config): typescript-eslint's type-aware recommended rules, import cycles and module boundaries
// (decision 0029). `npm run lint`; CI runs it beside the type check.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';

// A module is a folder of src/ (src/platform/* each count as one). A module reaches another through that
// module's service; only its own files import its repository (`repository.ts`, `*-repository.ts`).
const folders = (dir) =>
  readdirSync(path.join(import.meta.dirname, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${dir}/${entry.name}`);
const modules = [...folders('src').filter((dir) => dir !== 'src/platform'), ...folders('src/platform')];
const repositoriesOf = (dir) => [`./${dir}/**/repository.ts`, `./${dir}/**/*-repository.ts`];
// The seed loads reference and demo data straight into every module's tables, like bench/ and test/ do: it is
// a tool that runs before the app serves, not a module that others call, so it may write through repositories.
const TOOLS = new Set(['src/seed']);
const boundaryZones = [
  ...modules
    .filter((dir) => !TOOLS.has(dir))
    .map((dir) => ({
      target: `./${dir}/**`,
      from: modules.filter((other) => other !== dir).flatMap(repositoriesOf),
      message: 'Another module’s repository: call that module’s service (wired in src/services.ts).',
    })),
  {
    target: './src/*.{ts,tsx}',
    from: modules.flatMap(repositoriesOf),
    message: 'The composition root reaches modules through their services, never their repositories.',
  },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', '.tmp/', 'docs/', 'dist/'] },
  js.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Unused parameters keep a documented signature (route handlers, job handlers); a leading _ says so.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Fastify hooks and handlers are async by contract (a synchronous hook must call done(), a synchronous
      // handler must use reply.send): `async` without `await` is how this codebase writes them.
      '@typescript-eslint/require-await': 'off',
      // `interface SettingsInput extends SettingsFields {}` names a shape for its callers: allowed.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  {
    // Authorisation, one way (decision 0033): a refusal is `authorise(predicate)` or the prefix gate of
    // src/identity/guards.ts, the one place that writes the 403.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/identity/guards.ts', '**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='AppError'][arguments.0.value=403]",
          message: 'Refuse through authorise(predicate) or gateRoutes (src/identity/guards.ts), not a hand-written 403.',
        },
      ],
    },
  },
  {
    // Tests read the API's JSON answers as `any` on purpose and assert on them field by field: typing every
    // answer would copy the TypeBox schemas the tests are there to check.
    files: ['**/*.test.{ts,tsx}', 'test/**', 'e2e/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // `response.json() as { reference: string }` states the answer the test expects.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
    },
    rules: {
      // Type-only imports are erased at compile time and cannot make a cycle at run time.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: boundaryZones }],
    },
  },
  {
    // Browser scripts served as static assets (progressive enhancement), and Node scripts.
    files: ['src/**/*.js'],
    languageOptions: { globals: globals.browser, sourceType: 'script' },
    // The enhancement scripts keep to ES5 syntax, where a catch clause needs a binding it may not use.
    rules: { 'no-unused-vars': ['error', { caughtErrors: 'none' }] },
  },
  {
    files: ['**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: globals.node },
  },
);
