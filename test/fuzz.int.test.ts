// Fuzz: every operation of the OpenAPI document and every HTML form (POST /:lang/…) gets bounded, deterministic
// malformed input — NUL bytes, lone surrogates, whitespace-only text, huge/negative/fractional numbers, impossible
// dates, empty and malformed UUIDs, wrong types, missing bodies, CR/LF/U+3000 in query parameters — anonymously
// and signed in as staff of several roles. Bad input must be refused with a 4xx: any 5xx fails the test with the
// route and the payload that caused it, and so does a value that only PostgreSQL refused (answered 400 by the
// error handler's safety net). Values start from a valid-looking body built from the route's own schema
// (real ids of the seeded data for ids), so that one malformed field at a time reaches the service and the SQL.
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { App } from '../src/platform/http/types.ts';
import { openTestDatabase } from './database.ts';
import { csrfTokenOf, TestClient } from './app.ts';

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  required?: string[];
  $ref?: string;
};
type Json = unknown;
type Role = 'anonymous' | 'admin' | 'manager' | 'agent';
interface Operation {
  method: string;
  /** Fastify form, with :params. */
  url: string;
  params: Record<string, Schema>;
  query: Record<string, Schema>;
  body?: Schema | undefined;
  form: boolean;
}
interface Finding {
  role: Role;
  method: string;
  url: string;
  payload: string;
  status: number;
  error?: string;
}

const ACCOUNTS: Record<Exclude<Role, 'anonymous'>, string> = {
  admin: 'admin@demo.irisdesk.brussels',
  manager: 'manager@demo.irisdesk.brussels',
  agent: 'agent@demo.irisdesk.brussels',
};
/** Routes that would end the fuzzing session or change its password; they are tested on their own. */
const SKIPPED = /\/(logout|password)(\/|$)|\/events|\/stream/;

let app: App;
let db: Awaited<ReturnType<typeof openTestDatabase>>;
const routes: RouteOptions[] = [];
const clients = new Map<Role, { client: TestClient; csrf: string }>();
/** Table name → an id (or code) of one of its seeded rows. */
const ids = new Map<string, string>();
const codes = new Map<string, string>();
let lastError: string | undefined;

beforeAll(async () => {
  db = await openTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: 'memory://' });
  // Every route keeps its last error, to print it beside the payload that caused a 5xx.
  const keepError = async (_request: unknown, _reply: unknown, error: Error) => {
    lastError = `${(error as { code?: string }).code ?? ''} ${error.message}`.trim().slice(0, 300);
  };
  const onRoute = (route: RouteOptions) => {
    routes.push(route);
    route.onError = [...(Array.isArray(route.onError) ? route.onError : route.onError ? [route.onError] : []), keepError] as never;
  };
  ({ app } = await createApp({ config, db, onRoute }));
  await app.ready();
  const protectedAccounts = Object.values(ACCOUNTS);
  const tables = await db.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND ((column_name = 'id' AND data_type = 'uuid') OR (column_name IN ('code', 'slug', 'reference') AND data_type = 'text'))
      ORDER BY table_name, column_name`,
  );
  const columns = (name: string) =>
    db
      .query<{ table_name: string }>(`SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = $1`, [name])
      .then((r) => new Set(r.rows.map((row) => row.table_name)));
  const owned = await columns('organisation_id');
  const withStatus = await columns('status');
  for (const { table_name: table, column_name: column } of tables.rows) {
    // Rows of the manager's and agent's organisation first, so that their requests get past authorisation, and
    // open ones (a closed incident refuses its follow-up before looking at the values); never the accounts the
    // fuzzer signs in with (a valid "deactivate" would end its session).
    const where = table === 'accounts' ? `WHERE email <> ALL($1)` : '';
    const mine =
      (owned.has(table) ? `organisation_id IS NOT DISTINCT FROM (SELECT id FROM organisations WHERE code = 'commune-schaerbeek') DESC, ` : '') +
      (withStatus.has(table) ? `status::text IN ('closed', 'cancelled', 'done', 'archived', 'finished') ASC, ` : '');
    const { rows } = await db.query<{ value: string }>(
      `SELECT ${column}::text AS value FROM ${table} ${where} ORDER BY ${mine}${column} LIMIT 1`,
      table === 'accounts' ? [protectedAccounts] : [],
    );
    if (!rows[0]) continue;
    (column === 'id' ? ids : codes).set(`${table}${column === 'id' ? '' : `.${column}`}`, rows[0].value);
  }
  for (const role of ['anonymous', 'admin', 'manager', 'agent'] as const) {
    const client = new TestClient(app);
    if (role !== 'anonymous') await client.login(ACCOUNTS[role]).catch((error: Error) => Promise.reject(new Error(`${error.message}: ${lastError}`)));
    clients.set(role, { client, csrf: await csrfOf(client, role) });
  }
}, 120_000);

/** A form token of the client's session: the sign-in form, or the sign-out button of a signed-in page. */
async function csrfOf(client: TestClient, role: Role) {
  return csrfTokenOf((await client.get(role === 'anonymous' ? '/en/login' : '/en/back-office')).body);
}

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

// ---- valid-looking values from a schema

const snake = (name: string) =>
  name
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replaceAll('-', '_')
    .toLowerCase();

/** A seeded row's id or code for a parameter or field name, found by table name ("contactPointId" → contact_points). */
function seeded(name: string, before?: string): string | undefined {
  if (name === 'org' || name === 'organisation') return 'commune-schaerbeek';
  const isId = name === 'id' || /Id$/.test(name);
  const subject = snake(name === 'id' || name === 'code' || name === 'slug' ? (before ?? name) : name.replace(/Id$/, ''));
  const singular = subject.replace(/s$/, '');
  const pool = isId ? ids : new Map([...codes].map(([key, value]) => [key.split('.')[0]!, value] as const));
  for (const candidate of [subject, `${singular}s`, singular]) {
    for (const [table, value] of pool) if (table === candidate || table.endsWith(`_${candidate}`)) return value;
  }
  if (name === 'reference') return codes.get('cc_requests.reference');
  return undefined;
}

const STRING_CANDIDATES = [
  'fuzz',
  'fuzz-a',
  'FUZZ',
  '1000',
  '09:00',
  '2026-03-02',
  '2026-03',
  '2026-03-02T09:00',
  'fuzz@example.org',
  '+3222001111',
  'Mo-Fr 09:00-17:00',
  'BXL-AAAA-AAAA',
  'a',
];

function resolve(schema: Schema | undefined, doc?: { components?: { schemas?: Record<string, Schema> } }): Schema {
  if (!schema) return {};
  if (schema.$ref && doc?.components?.schemas) return doc.components.schemas[schema.$ref.split('/').pop()!] ?? {};
  return schema;
}

function typeOf(schema: Schema): string | undefined {
  const branch = schema.anyOf ?? schema.oneOf;
  if (branch) return typeOf(branch.find((s) => s.type !== 'null' && s.const !== '') ?? branch[0]!);
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null');
  if (schema.type) return schema.type;
  if (schema.enum) return typeof schema.enum[0] === 'number' ? 'number' : 'string';
  if (schema.properties) return 'object';
  return undefined;
}

function concrete(schema: Schema): Schema {
  const branch = schema.anyOf ?? schema.oneOf;
  if (!branch) return schema;
  return concrete(branch.find((s) => s.type !== 'null' && s.const !== '') ?? branch[0]!);
}

function sample(raw: Schema, name: string, before?: string): Json {
  const schema = concrete(raw);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum.find((value) => value !== null);
  switch (typeOf(schema)) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, value]) => [key, sample(value, key, name)]));
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => sample(schema.items ?? {}, name));
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? 1;
      return name === 'version' ? Math.max(1, min) : Math.min(Math.max(min, 1), schema.maximum ?? 1);
    }
    case 'boolean':
      return true;
    default:
      return sampleString(schema, name, before);
  }
}

function sampleString(schema: Schema, name: string, before?: string): string {
  if (schema.format === 'uuid' || /Id$/.test(name) || name === 'id') return seeded(name, before) ?? '00000000-0000-4000-8000-000000000000';
  if (schema.format === 'date') return '2026-03-02';
  if (schema.format === 'date-time') return '2026-03-02T09:00:00Z';
  if (schema.format === 'email') return 'fuzz@example.org';
  if (schema.format === 'uri') return 'https://example.org/fuzz';
  if (['code', 'slug', 'reference', 'org', 'organisation'].includes(name) || /Code$/.test(name)) {
    const found = seeded(name.replace(/Code$/, ''), before);
    if (found) return found;
  }
  // Fields checked by the service rather than the schema, by their name.
  if (/email/i.test(name)) return 'fuzz@example.org';
  if (/^(lang|language|preferredLanguage)$/.test(name)) return 'en';
  if (/postalCode/.test(name)) return '1000';
  if (/phone/i.test(name)) return '+3222001111';
  const pattern = schema.pattern ? new RegExp(schema.pattern, 'u') : undefined;
  const fits = (value: string) =>
    (!pattern || pattern.test(value)) && value.length >= (schema.minLength ?? 0) && value.length <= (schema.maxLength ?? Infinity);
  // A list of codes named after their table ("services": codes of catalogue services).
  const code = seeded(name);
  if (code && fits(code)) return code;
  return STRING_CANDIDATES.find(fits) ?? 'a'.repeat(Math.max(1, schema.minLength ?? 1));
}

// ---- malformed values

type Kind =
  | 'nul'
  | 'surrogate'
  | 'control'
  | 'blank'
  | 'crlf'
  | 'ideographic'
  | 'escape'
  | 'date'
  | 'zeroDate'
  | 'month13'
  | 'huge'
  | 'big'
  | 'unsafe'
  | 'negative'
  | 'fraction'
  | 'emptyUuid'
  | 'badUuid'
  | 'urnUuid'
  | 'wrongType'
  | 'null';
const MALFORMED: Record<Kind, Json> = {
  nul: 'a\u0000b',
  surrogate: 'a\ud800b',
  control: 'a\u001bb\u0007',
  blank: ' \t\u3000 ',
  date: '2026-02-30',
  zeroDate: '0000-00-00',
  month13: '2026-19-39',
  huge: 1e308,
  big: 1e20,
  unsafe: 2 ** 53,
  negative: -1,
  fraction: 1.5,
  emptyUuid: '',
  badUuid: 'not-a-uuid',
  urnUuid: 'urn:uuid:00000000-0000-4000-8000-000000000000',
  crlf: '/x\r\nSet-Cookie: a=b',
  ideographic: '/\u3000x',
  escape: '/\t/evil.example/x',
  wrongType: { nested: true },
  null: null,
};

/** The malformed kinds that make sense for a field: the ones its schema might let through by mistake. */
function kindsFor(raw: Schema, name: string, query = false): Kind[] {
  const schema = concrete(raw);
  const type = typeOf(schema);
  if (type === 'integer' || type === 'number') return ['huge', 'big', 'unsafe', 'negative', 'fraction', 'wrongType'];
  if (type === 'boolean' || type === 'object' || type === 'array') return ['wrongType', 'null'];
  if (schema.enum || schema.const !== undefined) return ['nul', 'wrongType'];
  if (schema.format === 'date' || schema.format === 'date-time' || /(Date|On|date|From|To|^from|^to|^day)$/.test(name))
    return ['date', 'zeroDate', 'month13', 'nul', 'blank'];
  if (schema.format === 'uuid' || /Id$/.test(name) || name === 'id') return ['emptyUuid', 'badUuid', 'urnUuid', 'nul'];
  // CR/LF, U+3000 and an escaping path matter where a value becomes a header or a link: query parameters.
  return query ? ['nul', 'surrogate', 'control', 'blank', 'crlf', 'ideographic', 'escape'] : ['nul', 'surrogate', 'blank', 'wrongType', 'null'];
}

/** Leaves of a sampled body with their schema: [path, schema]. */
function leaves(raw: Schema, path: string[] = []): Array<[string[], Schema]> {
  const schema = concrete(raw);
  const type = typeOf(schema);
  if (type === 'object' && schema.properties) {
    return Object.entries(schema.properties).flatMap(([key, value]) => leaves(value, [...path, key]));
  }
  if (type === 'array' && schema.items && typeOf(concrete(schema.items)) === 'object') return leaves(schema.items, [...path, '0']);
  return [[path, schema]];
}

function setAt(body: Json, path: string[], value: Json): Json {
  const copy = structuredClone(body) as Record<string, Json>;
  let node = copy as Record<string, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, Json>;
  node[path.at(-1)!] = value;
  return copy;
}

/** Deterministic pseudo-random numbers (mulberry32): the same sample on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Attempt {
  url: string;
  query?: Record<string, Json>;
  body?: Json;
  noBody?: boolean;
}

/** The malformed requests for one operation, at most `cap`, most telling first: each kind in every field (body or
 * query) it fits at once, each field alone, malformed path ids and body shapes, then a sample of the rest. */
function attempts(op: Operation, cap: number, next: () => number): Attempt[] {
  const validParams = Object.fromEntries(
    Object.entries(op.params).map(([name, schema]) => {
      const before = op.url.split('/').at(op.url.split('/').indexOf(`:${name}`) - 1);
      return [name, name === 'lang' ? 'en' : String(sample(schema, name, before))];
    }),
  );
  const path = (params: Record<string, string>) => op.url.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(params[name] ?? 'x'));
  const url = path(validParams);
  const valid = {
    query: Object.fromEntries(Object.entries(op.query).map(([name, schema]) => [name, sample(schema, name)])),
    body: op.body ? sample(op.body, 'body') : undefined,
  };
  const fields: Array<[string[], Schema]> = [
    ...Object.entries(op.query).map(([name, schema]): [string[], Schema] => [['query', name], schema]),
    ...(op.body ? leaves(op.body, ['body']).filter(([field]) => field.length > 1) : []),
  ];
  const attempt = (request: typeof valid, to = url): Attempt => ({ url: to, query: request.query, body: request.body });
  const out: Attempt[] = [];
  // Each kind in every field it fits, the other fields valid.
  const allKinds = new Set(fields.flatMap(([field, schema]) => kindsFor(schema, field.at(-1)!, field[0] === 'query')));
  const kinds = allKinds.size;
  for (const kind of allKinds) {
    let mutated = valid as Json;
    for (const [field, schema] of fields)
      if (kindsFor(schema, field.at(-1)!, field[0] === 'query').includes(kind)) mutated = setAt(mutated, field, MALFORMED[kind]);
    out.push(attempt(mutated as typeof valid));
  }
  // Path parameters: empty, malformed, nil and NUL ids.
  for (const name of Object.keys(op.params)) {
    if (name === 'lang') continue;
    for (const value of ['', 'not-a-uuid', '00000000-0000-0000-0000-000000000000', 'a\u0000b'])
      out.push(attempt(valid, path({ ...validParams, [name]: value })));
  }
  if (op.body) out.push({ url, query: valid.query, noBody: true }, { url, query: valid.query, body: [] }, { url, query: valid.query, body: 'x' });
  // Then one field at a time: each field once with its first kind (a value the service checks, such as an
  // e-mail address, is refused before the others reach the SQL), then a sample of the rest.
  const single = fields.flatMap(([field, schema]) =>
    kindsFor(schema, field.at(-1)!, field[0] === 'query').map((kind) => attempt(setAt(valid, field, MALFORMED[kind]) as typeof valid)),
  );
  const firsts = fields.map(([field, schema]) =>
    attempt(setAt(valid, field, MALFORMED[kindsFor(schema, field.at(-1)!, field[0] === 'query')[0]!]) as typeof valid),
  );
  const rest: Attempt[] = [];
  while (single.length) rest.push(single.splice(Math.floor(next() * single.length), 1)[0]!);
  return [...out.slice(0, kinds), ...firsts, ...out.slice(kinds), ...rest].slice(0, cap);
}

function formPayload(body: Json, csrf: string): string {
  const params = new URLSearchParams();
  const add = (key: string, value: Json) => {
    if (value === undefined) return;
    if (Array.isArray(value)) for (const item of value) add(key, item);
    else if (value !== null && typeof value === 'object') for (const [inner, v] of Object.entries(value)) add(`${key}.${inner}`, v);
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- objects and arrays are handled above
    else params.append(key, value === null ? '' : String(value));
  };
  if (body && typeof body === 'object' && !Array.isArray(body)) for (const [key, value] of Object.entries(body)) add(key, value);
  params.append('_csrf', csrf);
  return params.toString();
}

async function send(role: Role, op: Operation, attempt: Attempt): Promise<Finding | undefined> {
  const { client, csrf } = clients.get(role)!;
  const headers: Record<string, string> = { 'accept-language': 'en' };
  if (client.cookies.size) headers.cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  let payload: string | undefined;
  if (op.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    payload = attempt.noBody ? `_csrf=${encodeURIComponent(csrf)}` : formPayload(attempt.body, csrf);
  } else if (!attempt.noBody && attempt.body !== undefined && op.method !== 'GET' && op.method !== 'DELETE') {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(attempt.body);
  }
  const search = new URLSearchParams();
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- query values are strings and numbers
  for (const [key, value] of Object.entries(attempt.query ?? {})) if (value !== undefined) search.append(key, String(value));
  const url = `${attempt.url}${search.size ? `?${search}` : ''}`;
  lastError = undefined;
  const response = await app.inject({ method: op.method as 'GET', url, headers, payload });
  if (process.env.FUZZ_ONLY) console.info(response.statusCode, role, op.method, url, payload, response.statusCode >= 400 ? response.body.slice(0, 300) : '');
  // A value PostgreSQL refused is answered 400 by the error handler's safety net: still a schema to fix.
  const refusedByDatabase = response.body.includes('request.invalid_value') || response.body.includes('A value in the request is not accepted');
  if (response.statusCode < 500 && !refusedByDatabase) return undefined;
  return { role, method: op.method, url, payload: payload ?? '', status: response.statusCode, error: lastError };
}

function operationsFromOpenApi(doc: {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: Array<{ in: string; name: string; schema: Schema }>; requestBody?: { content?: Record<string, { schema: Schema }> }; security?: unknown[] }
    >
  >;
}): Operation[] {
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const url = path.replace(/\{(\w+)\}/g, ':$1');
      if (SKIPPED.test(url)) continue;
      const parameters = operation.parameters ?? [];
      out.push({
        method: method.toUpperCase(),
        url,
        params: Object.fromEntries(parameters.filter((p) => p.in === 'path').map((p) => [p.name, p.schema])),
        query: Object.fromEntries(parameters.filter((p) => p.in === 'query').map((p) => [p.name, p.schema])),
        body: resolve(operation.requestBody?.content?.['application/json']?.schema, doc as never),
        form: false,
      });
      if (!operation.requestBody) out.at(-1)!.body = undefined;
    }
  }
  return out;
}

function formOperations(): Operation[] {
  return routes
    .filter((route) => route.url.startsWith('/:lang/') && !SKIPPED.test(route.url))
    .flatMap((route) => {
      const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m === 'POST' || m === 'GET');
      const schema = (route.schema ?? {}) as { params?: Schema; querystring?: Schema; body?: Schema };
      return methods
        .filter((method) => method === 'POST' || schema.querystring?.properties)
        .map((method) => ({
          method,
          url: route.url,
          params: schema.params?.properties ?? {},
          query: schema.querystring?.properties ?? {},
          body: method === 'POST' ? (schema.body ?? { type: 'object', properties: {} }) : undefined,
          form: method === 'POST',
        }));
    });
}

describe('fuzz: malformed input never gives a 5xx', () => {
  it('every API operation and every form, anonymous and as staff of three roles', async () => {
    const doc = (await app.inject('/api/openapi.json')).json();
    // FUZZ_ONLY=<regex of "METHOD /url"> narrows the run and prints every answer (to study one route).
    const only = process.env.FUZZ_ONLY ? new RegExp(process.env.FUZZ_ONLY) : undefined;
    const operations = [...operationsFromOpenApi(doc), ...formOperations()].filter((op) => !only || only.test(`${op.method} ${op.url}`));
    if (!only) expect(operations.length).toBeGreaterThan(150);
    const next = random(13);
    const findings: Finding[] = [];
    let sent = 0;
    for (const op of operations) {
      // A platform administrator and an organisation manager reach nearly every route; agents and anonymous
      // visitors get a smaller sample (their refusals come before most of the work).
      const plan: Array<[Role, number]> = [
        ['admin', 10],
        ['manager', 8],
        ['agent', 2],
        ['anonymous', 2],
      ];
      for (const [role, cap] of plan) {
        for (const attempt of attempts(op, cap, next)) {
          sent++;
          const finding = await send(role, op, attempt);
          if (finding) findings.push(finding);
        }
      }
      // A valid request of the fuzzer may have signed a role out (a refused session is dropped): sign in again.
      for (const role of ['admin', 'manager', 'agent'] as const) {
        const { client } = clients.get(role)!;
        if (!client.cookies.has('irisdesk_session')) {
          await client.login(ACCOUNTS[role]);
          clients.set(role, { client, csrf: await csrfOf(client, role) });
        }
      }
    }
    const report = findings.map(
      (f) => `${f.status} ${f.role} ${f.method} ${JSON.stringify(f.url)} ${JSON.stringify(f.payload).slice(0, 400)}${f.error ? `\n    → ${f.error}` : ''}`,
    );
    console.info(`fuzz: ${sent} requests over ${operations.length} operations, ${findings.length} answered 5xx\n${report.join('\n')}`);
    expect(report).toEqual([]);
  }, 600_000);
});
