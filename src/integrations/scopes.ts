// What an API token may reach (decisions 0037 and 0059): each scope names the API operations — method and route pattern
// as registered — it opens. A token reaches nothing else, whatever the roles of the account that created it;
// and it never reaches more than that account could (its routes still apply the account's own predicates).
export const TOKEN_SCOPES = [
  'organisation:read',
  'satisfaction:read',
  'surveys:read',
  'knowledge:read',
  'webhooks:manage',
  'personal-data',
  'calls:write',
  'requests:read',
  'tasks:read',
  'tasks:write',
  'appointments:read',
] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

type Operation = readonly [method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', route: string];

const SCOPE_OPERATIONS: Record<TokenScope, readonly Operation[]> = {
  'organisation:read': [
    ['GET', '/api/v1/organisations/:code'],
    ['GET', '/api/v1/organisations/:code/units'],
    ['GET', '/api/v1/organisations/:code/contact-points'],
  ],
  'satisfaction:read': [
    ['GET', '/api/v1/satisfaction/organisations/:code'],
    ['GET', '/api/v1/satisfaction/organisations/:code/export.csv'],
    ['GET', '/api/v1/satisfaction/organisations/:code/operations'],
    ['GET', '/api/v1/satisfaction/organisations/:code/operations/export.csv'],
  ],
  'surveys:read': [
    ['GET', '/api/v1/surveys'],
    ['GET', '/api/v1/surveys/:id'],
    ['GET', '/api/v1/surveys/:id/results'],
    ['GET', '/api/v1/surveys/:id/results.csv'],
  ],
  'knowledge:read': [
    ['GET', '/api/v1/knowledge/articles'],
    ['GET', '/api/v1/knowledge/articles/:id'],
  ],
  'webhooks:manage': [
    ['GET', '/api/v1/webhooks'],
    ['POST', '/api/v1/webhooks'],
    ['DELETE', '/api/v1/webhooks/:id'],
    ['GET', '/api/v1/webhooks/:id/deliveries'],
    ['POST', '/api/v1/webhooks/deliveries/:id/replay'],
  ],
  // Not an operation of its own: with webhooks:manage, lets the token subscribe with personal data.
  'personal-data': [],
  // A telephone system reporting its calls (src/telephony, docs/telephony.md).
  'calls:write': [['POST', '/api/v1/telephony/call-events']],
  // The staff API (decision 0059): what a back-office system follows and does, as the console shows it.
  'requests:read': [
    ['GET', '/api/v1/requests'],
    ['GET', '/api/v1/requests/:reference'],
  ],
  'tasks:read': [
    ['GET', '/api/v1/tasks'],
    ['GET', '/api/v1/tasks/:id'],
  ],
  'tasks:write': [
    ['POST', '/api/v1/requests/:reference/tasks'],
    ['POST', '/api/v1/tasks/:id/answer'],
  ],
  'appointments:read': [['GET', '/api/v1/appointments']],
};

/** Any token may ask who it is. */
const ALWAYS: readonly Operation[] = [['GET', '/api/v1/me']];

export function isTokenScope(value: string): value is TokenScope {
  return (TOKEN_SCOPES as readonly string[]).includes(value);
}

/** Whether a token with these scopes may call this operation (route pattern as registered, e.g. `/api/v1/surveys/:id`). */
export function scopesAllow(scopes: readonly string[], method: string, route: string): boolean {
  const allowed = (operations: readonly Operation[]) => operations.some(([m, r]) => (m === method || (m === 'GET' && method === 'HEAD')) && r === route);
  if (allowed(ALWAYS)) return true;
  return scopes.some((scope) => isTokenScope(scope) && allowed(SCOPE_OPERATIONS[scope]));
}

/** The scopes that open an operation (for the OpenAPI document: `security: [{ bearer: [scope] }]`). */
export function tokenScopesOf(method: string, route: string): string[] {
  if (ALWAYS.some(([m, r]) => m === method && r === route)) return [];
  return TOKEN_SCOPES.filter((scope) => SCOPE_OPERATIONS[scope].some(([m, r]) => m === method && r === route));
}

/** Whether any token may call the operation at all. */
export function tokenMayCall(method: string, route: string): boolean {
  return ALWAYS.some(([m, r]) => m === method && r === route) || tokenScopesOf(method, route).length > 0;
}
