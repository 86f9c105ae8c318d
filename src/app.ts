// The composition root: builds the whole application from its dependencies. Tests call createApp with a
// fresh database; main.ts calls it with the configured one. Nothing here talks SQL.
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest, type RouteOptions } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import csrf from '@fastify/csrf-protection';
import helmet from 'helmet';
import compress from '@fastify/compress';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { randomUUID } from 'node:crypto';
import type { Config } from './config.ts';
import { setPasswordHashCost } from './identity/passwords.ts';
import type { Database } from './platform/db/database.ts';
import { isLanguage, negotiateLanguage } from './platform/i18n/languages.ts';
import type { App } from './platform/http/types.ts';
import { ErrorEnvelopeSchema } from './platform/http/schemas.ts';
import { AppError } from './platform/http/errors.ts';
import { handleError, handleNotFound } from './platform/http/error-handler.tsx';
import { assetRoutes } from './platform/http/assets.ts';
import { ajvFormats } from './platform/http/formats.ts';
import { rejectForbiddenCharacters } from './platform/http/input-guard.ts';
import { documentOperation, securitySchemes } from './platform/http/openapi.ts';
import { csrfAuditor, isCsrfRefusal } from './platform/http/csrf-audit.ts';
import { isMultipartPost } from './platform/files/multipart.ts';
import { createMetrics } from './platform/observability/metrics.ts';
import { healthRoutes } from './platform/observability/routes.ts';
import { registerDraining, type Draining } from './platform/http/draining.ts';
import { homeRoutes } from './platform/home/routes.tsx';
import { createServices, type Services } from './services.ts';
import { identityRoutes } from './identity/routes.tsx';
import { SESSION_COOKIE } from './identity/sessions.ts';
import { isUnder, requireActorPage } from './identity/guards.ts';
import { organisationRoutes } from './organisations/routes.tsx';
import { auditRoutes } from './audit/routes.tsx';
import { contactPointRoutes } from './contactpoints/routes.tsx';
import { mailRoutes } from './platform/mail/routes.tsx';
import { smsRoutes } from './platform/sms/routes.tsx';
import { realtimeRoutes } from './platform/realtime/routes.ts';
import { catalogueRoutes } from './catalogue/routes.tsx';
import { satisfactionRoutes } from './satisfaction/routes.tsx';
import { competenceRoutes } from './competence/routes.tsx';
import { contactIntakeRoutes } from './contactcenter/intake/routes.tsx';
import { queueRoutes } from './queues/routes.tsx';
import { appointmentRoutes } from './appointments/routes.tsx';
import { knowledgeRoutes } from './knowledge/routes.tsx';
import { safetyRoutes } from './safety/routes.tsx';
import { contactConsoleRoutes } from './contactcenter/console/routes.tsx';
import { notificationsRoutes } from './notifications/routes.tsx';
import { contactCenterSettingsRoutes } from './contactcenter/settings/routes.tsx';
import { announcementsRoutes } from './announcements/routes.tsx';
import { surveysRoutes } from './surveys/routes.tsx';
import { integrationsRoutes } from './integrations/routes.tsx';
import { requestsApiRoutes } from './contactcenter/staff-api/routes.ts';
import { appointmentsApiRoutes } from './appointments/staff-api/routes.ts';
import { CHAT_API_PREFIX, chatRoutes } from './chat/routes.tsx';
import { telephonyRoutes } from './telephony/routes.tsx';
import { privacyRoutes } from './privacy/routes.tsx';
import { citizenRoutes } from './citizens/routes.tsx';
import { tokenScopesOf } from './integrations/scopes.ts';

export interface AppDeps {
  config: Config;
  db: Database;
  /** Called for every route as it is registered (the fuzz test enumerates the form routes with their schemas). */
  onRoute?: (route: RouteOptions) => void;
}

export async function createApp(deps: AppDeps): Promise<{ app: App; services: Services; draining: Draining }> {
  const { config, db } = deps;
  setPasswordHashCost(config.passwordHashCost);
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            // Requests are logged by method, route and status only: no bodies, no cookies, no query strings
            // (which may carry an e-mail address), so logs hold no personal data.
            serializers: {
              req: (req) => ({ method: req.method, route: req.routeOptions?.url, id: req.id }),
              res: (res) => ({ statusCode: res.statusCode }),
            },
          },
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    },
    bodyLimit: config.bodyLimit,
    // The client's address and protocol as the configured reverse proxies report them (TRUST_PROXY): a number
    // of hops believes that many senders in front of the server, whatever their address.
    trustProxy: typeof config.trustProxy === 'number' ? (_address: string, hop: number) => hop < (config.trustProxy as number) : config.trustProxy,
    ajv: {
      customOptions: { removeAdditional: true, coerceTypes: 'array', useDefaults: true, allErrors: true },
      // ajv-formats' fast formats, then strict date, date-time and uuid (a real day, a canonical UUID).
      plugins: [ajvFormats],
    },
  }).withTypeProvider<TypeBoxTypeProvider>() satisfies App;
  if (deps.onRoute) app.addHook('onRoute', deps.onRoute);

  const services = createServices({ config, db });
  const metrics = createMetrics(db, { statistics: services.mail.deliveryStatistics, config });
  const recordRefusedCsrf = csrfAuditor(db);

  app.decorate('publicUrl', config.publicUrl.replace(/\/$/, ''));
  app.decorateRequest('lang', 'fr');
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);

  // Security headers by helmet, its middleware built once (@fastify/helmet rebuilt it, CSP parsing included,
  // on every request: a tenth of the CPU of a small API answer).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        fontSrc: ["'self'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    hsts: config.secureCookies,
  });
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)));
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(formbody, { bodyLimit: config.bodyLimit });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'irisdesk_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies, signed: true },
    getToken: (request) => (request.body as { _csrf?: string } | undefined)?._csrf,
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'IrisDesk API',
        version: '1.0.0',
        description:
          'The API of IrisDesk, the shared reception platform of the public services of the Brussels-Capital Region. ' +
          'Every error uses one envelope: {"error":{"code","message","status","fields"}}. ' +
          'Messages follow the lang query parameter or Accept-Language (fr, nl, en). ' +
          'Every POST, PUT, PATCH and DELETE sends Content-Type: application/json, with {} when it has nothing to send (415 otherwise).',
      },
      servers: [{ url: config.publicUrl }],
      components: { securitySchemes: securitySchemes(SESSION_COOKIE) },
    },
    transform: (input) => documentOperation(input, tokenScopesOf),
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  app.addSchema(ErrorEnvelopeSchema);

  // Language and actor for every request; unknown language prefixes are handled as not found.
  app.addHook('onRequest', async (request, reply) => {
    const first = request.url.split('?')[0]!.split('/')[1];
    const queryLang = (request.query as { lang?: unknown } | undefined)?.lang;
    request.lang = isLanguage(first) ? first : isLanguage(queryLang) ? queryLang : negotiateLanguage(request.headers['accept-language']);
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      request.actor = await services.identity.actorForSession(token);
      if (request.actor) request.sessionToken = token;
      else reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
    // An API token (Authorization: Bearer) on an API call acts instead of any cookie, within its scopes.
    // The public chat's bearer token is the chat's own secret, checked by the chat service (issue 19).
    const authorization = request.headers.authorization;
    if (authorization !== undefined && request.url.startsWith('/api/') && !isUnder(request.url.split('?')[0]!, CHAT_API_PREFIX)) {
      request.sessionToken = null;
      request.actor = await services.integrations.actorForBearer(authorization, {
        method: request.method,
        route: request.routeOptions.url,
        requestId: request.id,
      });
    }
  });

  // Forms are protected by a CSRF token; API calls by requiring a JSON body, which a cross-site form
  // cannot send without a CORS preflight that IrisDesk never grants.
  app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    if (request.url.startsWith('/api/')) {
      // Every state-changing call, bodiless ones included (`{}` then): a form or a bare fetch from another
      // site must never reach a handler.
      if (!isJson(request.headers['content-type'])) throw new AppError(415, 'request.unsupported_media_type');
      return;
    }
    // A form with files reaches a handler only inside a multipart scope, which checks the token once it has
    // read the fields (platform/files/multipart.ts); anywhere else multipart was already refused with 415.
    if (isMultipartPost(request)) return;
    await new Promise<void>((resolve, reject) => {
      app.csrfProtection(request, reply, (error?: Error) => (error ? reject(error) : resolve()));
    });
  });

  // Text with NUL bytes, control characters or lone surrogates that a schema let through stops here (400).
  app.addHook('preHandler', rejectForbiddenCharacters);

  metrics.instrument(app);
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    // The CSRF plugin refuses with reply.send(error): a forged or replayed form post is audited here.
    if (isCsrfRefusal(error)) await recordRefusedCsrf(request, error);
    return handleError(error, request, reply);
  });
  app.setNotFoundHandler((request, reply) => handleNotFound(request, reply));

  assetRoutes(app);
  const draining = registerDraining(app);
  healthRoutes(app, { db, metrics, draining });
  homeRoutes(app, services);
  identityRoutes(app, services);
  organisationRoutes(app, services);
  auditRoutes(app, services);
  contactPointRoutes(app, services);
  mailRoutes(app, services);
  smsRoutes(app, services);
  realtimeRoutes(app, services);
  catalogueRoutes(app, services);
  satisfactionRoutes(app, services);
  competenceRoutes(app, services);
  contactIntakeRoutes(app, services);
  queueRoutes(app, services);
  appointmentRoutes(app, services);
  knowledgeRoutes(app, services);
  safetyRoutes(app, services);
  contactConsoleRoutes(app, services);
  notificationsRoutes(app, services);
  contactCenterSettingsRoutes(app, services);
  announcementsRoutes(app, services);
  surveysRoutes(app, services);
  integrationsRoutes(app, services);
  requestsApiRoutes(app, services);
  appointmentsApiRoutes(app, services);
  chatRoutes(app, services);
  telephonyRoutes(app, services);
  privacyRoutes(app, services);
  citizenRoutes(app, services);

  // Public unless OPENAPI_PUBLIC=false: then for signed-in staff only (401 otherwise).
  app.get('/api/openapi.json', { schema: { hide: true } }, async (request) => {
    if (!config.openapiPublic) requireActorPage(request);
    return app.swagger();
  });

  return { app, services, draining };
}

/** application/json, with or without parameters (charset): not application/jsonp, nor text/plain. */
function isJson(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';
}

export type { Services };
