// HTTP of the integrations: the API of tokens (/api/v1/api-tokens, signed-in managers only) and webhooks
// (/api/v1/webhooks, managers or a token with webhooks:manage), and the back-office page
// /{lang}/admin/integrations where managers create, list and revoke tokens and subscriptions and read the
// delivery log with replay. A new token or signing secret is shown once, on the page answering the form.
import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../platform/http/types.ts';
import type { Services } from '../services.ts';
import { errorResponses, LangParams, Text, Uuid } from '../platform/http/schemas.ts';
import { AppError, fieldErrorsFromValidation, type FieldError } from '../platform/http/errors.ts';
import { toAppError } from '../platform/http/error-handler.tsx';
import { renderPage } from '../platform/views/render.tsx';
import { gateRoutes, requireActorPage } from '../identity/guards.ts';
import type { Actor } from '../identity/actor.ts';
import { canManageApiTokens } from './authorisation.ts';
import { WEBHOOK_EVENTS, type WebhookScope } from './events.ts';
import { TOKEN_SCOPES } from './scopes.ts';
import { CreatedToken, CreatedWebhook, CreateTokenBody, CreateWebhookBody, DeliveryJson, IdParams, TokenJson, WebhookJson } from './schemas.ts';
import type { DeliveryRow, SubscriptionRow, TokenRow } from './repository.ts';
import { DeliveriesPage, EXPIRY_CHOICES, IntegrationsPage, knownNotice, type Shown } from './pages.tsx';

const session = [{ session: [] }];
const sessionOrToken = (scope: string): Array<Record<string, string[]>> => [{ session: [] }, { bearer: [scope] }];
const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);

const tokenJson = (t: TokenRow) => ({
  id: t.id,
  name: t.name,
  hint: t.tokenHint,
  scopes: t.scopes,
  createdAt: iso(t.createdAt)!,
  expiresAt: iso(t.expiresAt)!,
  lastUsedAt: iso(t.lastUsedAt),
  revokedAt: iso(t.revokedAt),
});
const webhookJson = (s: SubscriptionRow) => ({ id: s.id, url: s.url, events: s.events, scopes: s.scopes, createdAt: iso(s.createdAt)! });
const deliveryJson = (d: DeliveryRow) => ({
  id: d.id,
  eventId: d.eventId,
  eventType: d.eventType,
  status: d.status as 'pending',
  attempts: d.attempts,
  responseStatus: d.responseStatus,
  durationMs: d.durationMs,
  createdAt: iso(d.createdAt)!,
  lastAttemptAt: iso(d.lastAttemptAt),
  replayOf: d.replayOf,
});

const TokenForm = Type.Object({
  name: Text({ minLength: 1, maxLength: 100, pattern: '\\S' }),
  scopes: Type.Optional(Type.Array(Type.Enum(TOKEN_SCOPES), { maxItems: TOKEN_SCOPES.length })),
  expiresInDays: Type.Enum(EXPIRY_CHOICES),
});
const WebhookForm = Type.Object({
  url: Text({ minLength: 1, maxLength: 2000 }),
  events: Type.Optional(Type.Array(Type.Enum(WEBHOOK_EVENTS), { maxItems: WEBHOOK_EVENTS.length })),
  personalData: Type.Optional(Type.Literal('true')),
});
const PageParams = Type.Object({ lang: LangParams.properties.lang, id: Uuid() });
const NoticeQuery = Type.Object({ notice: Type.Optional(Text({ maxLength: 30 })) });

type Values = Record<string, unknown>;

export function integrationsRoutes(app: App, services: Services) {
  const integrations = services.integrations;
  const hide = { hide: true } as const;

  // ---- API

  app.post(
    '/api/v1/api-tokens',
    {
      schema: {
        tags: ['integrations'],
        summary: 'Create an API token for the organisation (its managers, signed in; the token is shown once)',
        security: session,
        body: CreateTokenBody,
        response: { 201: CreatedToken, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const created = await integrations.createToken(requireActorPage(request), request.body, request.id);
      return reply.code(201).send({ id: created.id, token: created.token, expiresAt: created.expiresAt.toISOString() });
    },
  );

  app.get(
    '/api/v1/api-tokens',
    {
      schema: {
        tags: ['integrations'],
        summary: 'The organisation’s API tokens (never their secret)',
        security: session,
        response: { 200: Type.Array(TokenJson), ...errorResponses(401, 403) },
      },
    },
    async (request) => (await integrations.listTokens(requireActorPage(request))).map(tokenJson),
  );

  app.delete(
    '/api/v1/api-tokens/:id',
    {
      schema: {
        tags: ['integrations'],
        summary: 'Revoke an API token',
        security: session,
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await integrations.revokeToken(requireActorPage(request), request.params.id, request.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/webhooks',
    {
      schema: {
        tags: ['integrations'],
        summary: 'Subscribe a URL to the organisation’s events (CloudEvents 1.0, signed as Standard Webhooks; the secret is shown once)',
        security: sessionOrToken('webhooks:manage'),
        body: CreateWebhookBody,
        response: { 201: CreatedWebhook, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await integrations.subscribe(requireActorPage(request), request.body, request.id)),
  );

  app.get(
    '/api/v1/webhooks',
    {
      schema: {
        tags: ['integrations'],
        summary: 'The organisation’s webhook subscriptions',
        security: sessionOrToken('webhooks:manage'),
        response: { 200: Type.Array(WebhookJson), ...errorResponses(401, 403) },
      },
    },
    async (request) => (await integrations.listSubscriptions(requireActorPage(request))).map(webhookJson),
  );

  app.delete(
    '/api/v1/webhooks/:id',
    {
      schema: {
        tags: ['integrations'],
        summary: 'End a webhook subscription',
        security: sessionOrToken('webhooks:manage'),
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await integrations.unsubscribe(requireActorPage(request), request.params.id, request.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      schema: {
        tags: ['integrations'],
        summary: 'The delivery log of a subscription (the last 100)',
        security: sessionOrToken('webhooks:manage'),
        params: IdParams,
        response: { 200: Type.Array(DeliveryJson), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => (await integrations.subscriptionWithDeliveries(requireActorPage(request), request.params.id)).deliveries.map(deliveryJson),
  );

  app.post(
    '/api/v1/webhooks/deliveries/:id/replay',
    {
      schema: {
        tags: ['integrations'],
        summary: 'Send a logged delivery’s event again (a new delivery with the same event id)',
        security: sessionOrToken('webhooks:manage'),
        params: IdParams,
        response: { 202: Type.Object({ id: Uuid() }), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const replayed = await integrations.replay(requireActorPage(request), request.params.id, request.id);
      return reply.code(202).send({ id: replayed.id });
    },
  );

  // ---- Back office

  // The pages are for the organisation's managers, signed in (decision 0033's prefix gate).
  gateRoutes(app, ['/:lang/admin/integrations'], (actor) => canManageApiTokens(actor, actor.organisationId));
  const pageActor = (request: FastifyRequest): Actor => requireActorPage(request);
  const overview = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { shown?: Shown; errors?: { token?: FieldError[]; webhook?: FieldError[] }; values?: Values; notice?: string | undefined; status?: number } = {},
  ) => {
    const actor = pageActor(request);
    const [tokens, subscriptions] = await Promise.all([integrations.listTokens(actor), integrations.listSubscriptions(actor)]);
    return renderPage(
      request,
      reply,
      <IntegrationsPage
        tokens={tokens}
        subscriptions={subscriptions}
        shown={options.shown}
        errors={options.errors ?? {}}
        values={options.values ?? {}}
        notice={knownNotice(options.notice)}
      />,
      options.status ?? 200,
    );
  };
  const base = (request: FastifyRequest) => `/${(request.params as { lang: string }).lang}/admin/integrations`;

  /** A form that shows a secret once: errors re-render the page (400/403/409), success renders it with the secret. */
  const formShowingSecret = async (request: FastifyRequest, reply: FastifyReply, part: 'token' | 'webhook', create: () => Promise<Shown>) => {
    const values = (request.body ?? {}) as Values;
    const validation = (request.validationError as (Error & { validation?: never[] }) | undefined)?.validation;
    if (validation) return overview(request, reply, { errors: { [part]: fieldErrorsFromValidation(validation) }, values, status: 400 });
    try {
      return await overview(request, reply, { shown: await create(), status: 201 });
    } catch (raw) {
      const error = toAppError(raw as Error);
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 401 || error.status === 404) throw raw;
      const fields = error.options.fields?.length ? error.options.fields : [{ field: 'form', code: `errors.${error.code}`, values: error.options.values }];
      return overview(request, reply, { errors: { [part]: fields }, values, status: error.status });
    }
  };

  app.get('/:lang/admin/integrations', { schema: { ...hide, params: LangParams, querystring: NoticeQuery } }, async (request, reply) =>
    overview(request, reply, { notice: request.query.notice }),
  );

  app.post('/:lang/admin/integrations/tokens', { schema: { ...hide, params: LangParams, body: TokenForm }, attachValidation: true }, async (request, reply) =>
    formShowingSecret(request, reply, 'token', async () => {
      const body = request.body;
      const created = await integrations.createToken(
        pageActor(request),
        { name: body.name, scopes: body.scopes ?? [], expiresInDays: Number(body.expiresInDays) },
        request.id,
      );
      return { kind: 'token', name: body.name.trim(), secret: created.token };
    }),
  );

  // Revoking and ending have nothing to correct: a refusal (403, 404) is an error page.
  app.post('/:lang/admin/integrations/tokens/:id/revoke', { schema: { ...hide, params: PageParams } }, async (request, reply) => {
    await integrations.revokeToken(pageActor(request), request.params.id, request.id);
    return reply.redirect(`${base(request)}?notice=tokenRevoked`, 303);
  });

  app.post(
    '/:lang/admin/integrations/webhooks',
    { schema: { ...hide, params: LangParams, body: WebhookForm }, attachValidation: true },
    async (request, reply) =>
      formShowingSecret(request, reply, 'webhook', async () => {
        const body = request.body;
        const scopes: WebhookScope[] = body.personalData === 'true' ? ['personal-data'] : [];
        const created = await integrations.subscribe(pageActor(request), { url: body.url.trim(), events: body.events ?? [], scopes }, request.id);
        return { kind: 'webhook', name: body.url.trim(), secret: created.secret };
      }),
  );

  app.post('/:lang/admin/integrations/webhooks/:id/delete', { schema: { ...hide, params: PageParams } }, async (request, reply) => {
    await integrations.unsubscribe(pageActor(request), request.params.id, request.id);
    return reply.redirect(`${base(request)}?notice=webhookDeleted`, 303);
  });

  app.get('/:lang/admin/integrations/webhooks/:id', { schema: { ...hide, params: PageParams, querystring: NoticeQuery } }, async (request, reply) => {
    const { subscription, deliveries } = await integrations.subscriptionWithDeliveries(pageActor(request), request.params.id);
    return renderPage(request, reply, <DeliveriesPage subscription={subscription} deliveries={deliveries} notice={knownNotice(request.query.notice)} />);
  });

  app.post('/:lang/admin/integrations/deliveries/:id/replay', { schema: { ...hide, params: PageParams } }, async (request, reply) => {
    const replayed = await integrations.replay(pageActor(request), request.params.id, request.id);
    return reply.redirect(`${base(request)}/webhooks/${replayed.subscriptionId}?notice=replayed`, 303);
  });
}
