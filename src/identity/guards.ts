// Authorisation, one way (decision 0033):
// - `requireActorPage(request)`: a signed-in actor is required (401; pages send the user to the login page,
//   see the error handler, the API answers with the error envelope). One name for pages and API alike.
// - `gateRoutes(app, prefixes, allow)`: the role gate of a URL prefix, registered once with the module's
//   routes (a preHandler for every route under the prefix, as fastify/demo's autohooks do per folder).
// - `authorise(allowed, refusal?)`: a rule about one record, asked in the service through the module's named
//   predicates (`authorise(canEditService(actor, service))`); `authoriseOrRecord` writes the denial first
//   where a refusal is audited. These are the only places that answer 403 (a lint rule keeps it so).
import type { FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../platform/http/errors.ts';
import type { App } from '../platform/http/types.ts';
import type { Actor } from './actor.ts';

export const AUTH_REQUIRED = 'auth.required';
export const FORBIDDEN = 'forbidden';

export function requireActorPage(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError(401, AUTH_REQUIRED);
  return request.actor;
}

/** How a refusal reads when not the plain 'forbidden': a code clients rely on, field errors for a form. */
export type Refusal = string | { code: string; fields?: FieldError[] };

/** Refuses with 403 unless the predicate allows it. */
export function authorise(allowed: boolean, refusal: Refusal = FORBIDDEN): asserts allowed {
  if (allowed) return;
  const { code, fields } = typeof refusal === 'string' ? { code: refusal, fields: undefined } : refusal;
  throw new AppError(403, code, fields ? { fields } : {});
}

/** As `authorise`, recording the denial (an audit entry) before refusing. */
export async function authoriseOrRecord(allowed: boolean, recordDenial: () => Promise<unknown>, refusal: Refusal = FORBIDDEN): Promise<void> {
  if (!allowed) await recordDenial();
  authorise(allowed, refusal);
}

/**
 * The role gate of URL prefixes: every route whose URL is a prefix or lies under it answers 401 without a
 * signed-in actor and 403 unless `allow(actor)`, whichever module registers the route and in whatever order.
 * It is a preHandler, after the CSRF check and the schema, where the handlers' own checks ran before.
 */
export function gateRoutes(app: App, prefixes: readonly string[], allow: (actor: Actor) => boolean): void {
  const gated = new Map<string, boolean>(); // route URL → under one of the prefixes (decided once per route)
  app.addHook('preHandler', async (request) => {
    const url = request.routeOptions.url;
    if (url === undefined) return; // not found
    let under = gated.get(url);
    if (under === undefined) gated.set(url, (under = prefixes.some((prefix) => isUnder(url, prefix))));
    if (under) authorise(allow(requireActorPage(request)));
  });
}

/** `/:lang/queues` covers `/:lang/queues` and `/:lang/queues/…`, not `/:lang/queues-archive`. */
export function isUnder(url: string, prefix: string): boolean {
  return url === prefix || url.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
}
