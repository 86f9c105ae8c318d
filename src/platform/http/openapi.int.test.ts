// The OpenAPI document the app serves passes Redocly's recommended rules with 0 errors (decision 0028), and
// what the linter cannot judge is checked here: paths that look alike are told apart by their parameters,
// and operations documented as public really answer without a session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { redoclyLint, withFiles } from '../../../test/validators.ts';
import { operationIdOf } from './openapi.ts';

type Schema = { type?: string; format?: string; pattern?: string; enum?: unknown[]; minLength?: number };
type Parameter = { in: string; name: string; required?: boolean; schema: Schema };
type Operation = { operationId?: string; security?: unknown[]; parameters?: Parameter[]; responses: Record<string, { content?: Record<string, unknown> }> };
type OpenApi = { paths: Record<string, Record<string, Operation>> };

let t: TestApp;
let document: OpenApi;
beforeAll(async () => {
  t = await createTestApp();
  document = (await t.client().get('/api/openapi.json')).json() as OpenApi;
});
afterAll(() => t.close());

const operations = () =>
  Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })));

/** Whether a literal path segment can be a value of the parameter. */
function accepts(schema: Schema, literal: string): boolean {
  if (schema.format === 'uuid') return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(literal);
  if (schema.enum) return schema.enum.includes(literal);
  if (schema.pattern) return new RegExp(schema.pattern, 'u').test(literal);
  return schema.type !== 'integer' || /^\d+$/.test(literal);
}

/** A value that passes the parameter's schema, so that a request reaches the handler. */
function sample(schema: Schema): string | undefined {
  if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
  if (schema.enum) return String(schema.enum[0]);
  if (schema.type === 'integer' || schema.type === 'number') return '1';
  const value = 'abc'.padEnd(schema.minLength ?? 3, 'c');
  return !schema.pattern || new RegExp(schema.pattern, 'u').test(value) ? value : undefined;
}

describe('the OpenAPI document', () => {
  it('passes redocly lint (recommended rules) with 0 errors', async () => {
    const problems = await withFiles({ 'openapi.json': JSON.stringify(document) }, ([path]) => redoclyLint(path!));
    const warnings = problems.filter((p) => p.severity === 'warn');
    if (warnings.length > 0)
      console.info(`redocly lint: ${warnings.length} warning(s)\n${warnings.map((w) => `  ${w.ruleId} ${w.pointer}: ${w.message}`).join('\n')}`);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  }, 120_000);

  it('names every operation once, from its method and path', () => {
    const ids = operations().map(({ operation }) => operation.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z0-9]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(document.paths['/api/v1/organisations/{code}/units']!.get!.operationId).toBe('getOrganisationsByCodeUnits');
    expect(document.paths['/api/v1/opendata/sdg-feedback.csv']!.get!.operationId).toBe('getOpendataSdgFeedbackCsv');
    expect(operationIdOf('GET', '/healthz')).toBe('getHealthz');
  });

  it('declares the media type of CSV and JSON-LD answers, errors staying JSON', () => {
    expect(Object.keys(document.paths['/api/v1/catalogue.csv']!.get!.responses['200']!.content!)).toEqual(['text/csv']);
    expect(Object.keys(document.paths['/api/v1/opendata/catalog.jsonld']!.get!.responses['200']!.content!)).toEqual(['application/ld+json']);
    for (const { path, method, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (status === '204') continue;
        expect(response.content, `${method} ${path} ${status}`).toBeDefined();
        if (!status.startsWith('2')) expect(Object.keys(response.content!), `${method} ${path} ${status}`).toEqual(['application/json']);
      }
    }
  });

  it('has no two paths one URL could match: a parameter beside a literal segment refuses that literal', () => {
    const paths = Object.keys(document.paths);
    const ambiguous: string[] = [];
    for (const [i, a] of paths.entries()) {
      for (const b of paths.slice(i + 1)) {
        const sa = a.split('/');
        const sb = b.split('/');
        if (sa.length !== sb.length) continue;
        const told = sa.some((segment, k) => {
          const other = sb[k]!;
          const param = (p: string, s: string, literal: string) => {
            const name = s.slice(1, -1);
            const schema = Object.values(document.paths[p]!)
              .flatMap((o) => o.parameters ?? [])
              .find((x) => x.in === 'path' && x.name === name)?.schema;
            return schema !== undefined && !accepts(schema, literal);
          };
          const isParam = (s: string) => s.startsWith('{');
          if (!isParam(segment) && !isParam(other)) return segment !== other;
          if (isParam(segment) && !isParam(other)) return param(a, segment, other);
          if (!isParam(segment) && isParam(other)) return param(b, other, segment);
          return false;
        });
        if (!told) ambiguous.push(`${a} ~ ${b}`);
      }
    }
    expect(ambiguous).toEqual([]);
  });

  it('states security on every operation; the public GETs answer without a session, the staff ones ask for one', async () => {
    let probed = 0;
    for (const { path, method, operation } of operations()) {
      expect(operation.security, `${method} ${path}`).toBeDefined();
      if (method !== 'get' || operation.responses['200']?.content?.['text/event-stream']) continue;
      if ((operation.parameters ?? []).some((p) => p.in === 'query' && p.required)) continue;
      let url = path;
      let usable = true;
      for (const p of (operation.parameters ?? []).filter((x) => x.in === 'path')) {
        const value = sample(p.schema);
        if (value === undefined) usable = false;
        else url = url.replace(`{${p.name}}`, value);
      }
      if (!usable) continue;
      const status = (await t.app.inject({ method: 'GET', url })).statusCode;
      const isPublic = operation.security!.length === 0 || operation.security!.some((requirement) => Object.keys(requirement as object).length === 0);
      if (isPublic) expect(status, `GET ${url} is documented public`).not.toBe(401);
      else expect(status, `GET ${url} is documented for staff`).toBe(401);
      probed++;
    }
    expect(probed).toBeGreaterThan(50);
  });
});
