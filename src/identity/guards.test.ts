// The one authorisation mechanism (decision 0033): the prefix gate on a real Fastify instance, authorise's
// refusals, and the lint rule that keeps every other 403 out of src/.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../platform/http/errors.ts';
import type { App } from '../platform/http/types.ts';
import type { Actor } from './actor.ts';
import { authorise, authoriseOrRecord, gateRoutes, isUnder } from './guards.ts';

const actor = (roles: Actor['roles']): Actor => ({
  accountId: '00000000-0000-4000-8000-000000000001',
  organisationId: '00000000-0000-4000-8000-000000000002',
  organisationCode: 'demo',
  displayName: 'Test',
  email: 'test@example.org',
  roles,
  unitIds: [],
  preferredLanguage: 'en',
});

async function gatedApp() {
  const app = Fastify() as unknown as App;
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const roles = request.headers['x-roles'];
    request.actor = typeof roles === 'string' ? actor(roles.split(',') as Actor['roles']) : null;
  });
  app.setErrorHandler(async (error, _request, reply) =>
    reply.status(error instanceof AppError ? error.status : 500).send({ code: error instanceof AppError ? error.code : 'internal' }),
  );
  app.get('/:lang/queues', async () => 'queues (registered before the gate: gated all the same)');
  gateRoutes(app, ['/:lang/queues'], (who) => who.roles.includes('first_line_agent'));
  app.post('/:lang/queues/:id/call', { preHandler: async () => undefined }, async () => 'called');
  app.get('/:lang/queues-archive', async () => 'another prefix');
  await app.ready();
  return app;
}

describe('gateRoutes', () => {
  it('answers 401 without an actor, 403 without the role, and lets the role through, on every route under the prefix', async () => {
    const app = await gatedApp();
    expect((await app.inject({ url: '/en/queues' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/en/queues', headers: { 'x-roles': 'content_editor' } })).json()).toEqual({ code: 'forbidden' });
    expect((await app.inject({ url: '/en/queues', headers: { 'x-roles': 'content_editor' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'HEAD', url: '/en/queues', headers: { 'x-roles': 'content_editor' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/en/queues/1/call', headers: { 'x-roles': 'content_editor' } })).statusCode).toBe(403);
    expect((await app.inject({ url: '/en/queues', headers: { 'x-roles': 'first_line_agent' } })).body).toBe(
      'queues (registered before the gate: gated all the same)',
    );
    expect((await app.inject({ method: 'POST', url: '/en/queues/1/call', headers: { 'x-roles': 'first_line_agent' } })).body).toBe('called');
    await app.close();
  });

  it('leaves other prefixes alone', async () => {
    const app = await gatedApp();
    expect((await app.inject({ url: '/en/queues-archive' })).body).toBe('another prefix');
    await app.close();
  });

  it('matches a prefix as whole path segments', () => {
    expect(isUnder('/:lang/queues', '/:lang/queues')).toBe(true);
    expect(isUnder('/:lang/queues/:id', '/:lang/queues')).toBe(true);
    expect(isUnder('/:lang/queues-archive', '/:lang/queues')).toBe(false);
  });
});

describe('authorise', () => {
  it('refuses with 403 forbidden, or the code and field errors a client reads', () => {
    expect(() => authorise(true)).not.toThrow();
    expect(() => authorise(false)).toThrow(expect.objectContaining({ status: 403, code: 'forbidden' }));
    expect(() => authorise(false, 'knowledge.not_owner')).toThrow(expect.objectContaining({ status: 403, code: 'knowledge.not_owner' }));
    const fields = [{ field: 'roles', code: 'account.roleNotGrantable' }];
    expect(() => authorise(false, { code: 'account.role_not_grantable', fields })).toThrow(
      expect.objectContaining({ status: 403, code: 'account.role_not_grantable', options: { fields } }),
    );
  });

  it('records a denial before refusing, and only a denial', async () => {
    const recorded: string[] = [];
    await authoriseOrRecord(true, async () => recorded.push('allowed?'));
    await expect(authoriseOrRecord(false, async () => recorded.push('denied'), 'safety.incident_forbidden')).rejects.toMatchObject({
      status: 403,
      code: 'safety.incident_forbidden',
    });
    expect(recorded).toEqual(['denied']);
  });
});

describe('lint rule: no hand-written 403 outside guards.ts', () => {
  const root = path.resolve(import.meta.dirname, '../..');
  const dir = mkdtempSync(path.join(tmpdir(), 'irisdesk-lint-403-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
    return path.join(dir, file);
  };
  const errors = 'export class AppError extends Error { constructor(readonly status: number, readonly code: string) { super(code); } }\n';

  it('refuses new AppError(403, …) in a module and allows it in the mechanism and for other statuses', async () => {
    write('src/platform/http/errors.ts', errors);
    const service = write(
      'src/queues/service.ts',
      "import { AppError } from '../platform/http/errors.ts';\nexport const no = () => { throw new AppError(403, 'forbidden'); };\n",
    );
    const notFound = write(
      'src/queues/other.ts',
      "import { AppError } from '../platform/http/errors.ts';\nexport const no = () => { throw new AppError(404, 'queue.not_found'); };\n",
    );
    const guards = write(
      'src/identity/guards.ts',
      "import { AppError } from '../platform/http/errors.ts';\nexport const no = () => { throw new AppError(403, 'forbidden'); };\n",
    );
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: path.join(root, 'eslint.config.js'),
      overrideConfig: [{ files: ['**/*.ts'], ...tseslint.configs.disableTypeChecked }],
    });
    const ids = async (file: string) => (await eslint.lintFiles([file]))[0]!.messages.map((message) => message.ruleId);
    expect(await ids(service)).toEqual(['no-restricted-syntax']);
    expect(await ids(notFound)).toEqual([]);
    expect(await ids(guards)).toEqual([]);
  }, 60_000);
});
