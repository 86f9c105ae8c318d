// How every route's schema becomes an OpenAPI operation (decision 0028): one stable operationId derived from
// the method and the path, the security of public operations stated (`[]`), and the media type of answers
// that are not JSON (CSV, JSON-LD) on their success responses only, the error envelope staying JSON.
// Applied by @fastify/swagger when the document is built: the route's own schema (validation, serialisation)
// is never changed.
import type { FastifySchema, RouteOptions } from 'fastify';

/** The staff session cookie (`session`) and the API tokens of integrations (`bearer`, decision 0037). */
export function securitySchemes(sessionCookie: string) {
  return {
    session: {
      type: 'apiKey' as const,
      in: 'cookie' as const,
      name: sessionCookie,
      description:
        'The session of a signed-in staff member (sign in at /{lang}/login). Calls that change data must send a JSON ' +
        'body (application/json), which a cross-site form cannot: that is the API’s protection against request forgery.',
    },
    bearer: {
      type: 'http' as const,
      scheme: 'bearer',
      bearerFormat: 'irisd_…',
      description:
        'An API token of an organisation (created by its managers at /{lang}/admin/integrations or POST /api/v1/api-tokens), ' +
        'sent as Authorization: Bearer <token>. It acts for its organisation and reaches only the operations of its scopes, ' +
        'listed in each operation’s security requirement; 401 when it is unknown, expired or revoked, 403 outside its scopes.',
    },
    // The secret of one live chat, answered by POST /api/v1/chats (issue 19, decision 0039).
    chatToken: {
      type: 'http' as const,
      scheme: 'bearer',
      description: 'The token of one live chat, answered when it is opened (POST /api/v1/chats); 401 without it, 404 with a wrong one.',
    },
    chatTokenQuery: {
      type: 'apiKey' as const,
      in: 'query' as const,
      name: 'token',
      description: 'The same chat token on the chat’s event stream only, where EventSource cannot send headers.',
    },
  };
}

type SecurityRequirement = Record<string, string[]>;
/** Anyone; signed-in staff see more (internal content). */
export const OPTIONAL_SESSION_SECURITY: SecurityRequirement[] = [{}, { session: [] }];

const words = (segment: string) => segment.split(/[^A-Za-z0-9]+/).filter(Boolean);
const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * The operationId of a route: the method then the path's segments in camel case, `/api/v1` left out, a path
 * parameter as `By<Name>`: GET /api/v1/organisations/:code/units → getOrganisationsByCodeUnits. Method and path
 * are the public contract, so the id is as stable as the operation and unique like it.
 */
export function operationIdOf(method: string, url: string): string {
  const segments = url.split('/').filter((segment) => segment !== '');
  const rest = segments[0] === 'api' && /^v\d+$/.test(segments[1] ?? '') ? segments.slice(2) : segments;
  const parts = rest.flatMap((segment) => (segment.startsWith(':') ? ['By', ...words(segment.slice(1))] : words(segment)));
  return method.toLowerCase() + parts.map(capitalised).join('');
}

type ResponseSchema = { description?: string; content?: unknown; type?: string };
type DocumentedSchema = Omit<FastifySchema, 'response'> & {
  operationId?: string;
  security?: readonly SecurityRequirement[];
  produces?: readonly string[];
  hide?: boolean;
  response?: Record<string, unknown>;
};

/** Responses of a route whose success answer is `produces[0]` (CSV, JSON-LD): errors stay JSON envelopes. */
function responsesFor(produces: string, response: Record<string, unknown> = {}): Record<string, unknown> {
  const success = /[+/]json$/.test(produces) ? { type: 'object', description: 'The document' } : { type: 'string', description: 'The document' };
  const entries = Object.entries(response);
  if (!entries.some(([status]) => status.startsWith('2'))) entries.unshift(['200', success]);
  return Object.fromEntries(
    entries.map(([status, raw]) => {
      const schema = raw as ResponseSchema;
      if (schema.content) return [status, schema];
      const type = status.startsWith('2') ? produces : 'application/json';
      return [status, { description: schema.description ?? (status.startsWith('2') ? 'The document' : 'An error'), content: { [type]: { schema } } }];
    }),
  );
}

/** The `transform` option of @fastify/swagger; `tokenScopesOf` names the API-token scopes that open an operation. */
export function documentOperation(
  { schema, url, route }: { schema: FastifySchema; url: string; route: RouteOptions },
  tokenScopesOf: (method: string, url: string) => readonly string[] = () => [],
) {
  const given = schema as DocumentedSchema | undefined;
  if (!given || given.hide) return { schema, url };
  const method = Array.isArray(route.method) ? route.method[0]! : route.method;
  const { produces, ...rest } = given;
  // An operation that names no scheme is public: stated, so a reader (and the linter) knows it is on purpose.
  let security = given.security ?? [];
  const scopes = tokenScopesOf(method, url);
  // An API token with the scope may call it too (decision 0037); a public operation stays public (`{}`).
  if (scopes.length > 0 && !security.some((requirement) => 'bearer' in requirement))
    security = [...(security.length === 0 ? [{}] : security), { bearer: [...scopes] }];
  const documented: DocumentedSchema = {
    ...rest,
    operationId: given.operationId ?? operationIdOf(method, url),
    security,
    ...(produces && produces.length > 0 ? { response: responsesFor(produces[0]!, given.response) } : {}),
  };
  return { schema: documented as FastifySchema, url };
}
