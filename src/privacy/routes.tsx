// HTTP of data protection: the public contract of subject requests (/api/v1/privacy/subject-requests), the
// privacy notice /{lang}/privacy and the DPO's back office /{lang}/admin/privacy.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App } from '../platform/http/types.ts';
import type { Services } from '../services.ts';
import { errorResponses, LangParams, Nullable, Text, Uuid } from '../platform/http/schemas.ts';
import { AppError, fieldErrorsFromValidation, type FieldError } from '../platform/http/errors.ts';
import { toAppError } from '../platform/http/error-handler.tsx';
import { renderPage } from '../platform/views/render.tsx';
import { gateRoutes, requireActorPage } from '../identity/guards.ts';
import type { Language } from '../platform/i18n/languages.ts';
import { canOpenSupportAccess, canUsePrivacyBackOffice, isPrivacyOfficer, privacyScope } from './authorisation.ts';
import { effectivePeriods, type RetentionCategory } from './retention.ts';
import { PrivacyBackOfficePage, PrivacyNoticePage, SubjectRequestPage } from './pages.tsx';
import type { SubjectRequestRow } from './repository.ts';
import { PersonRequestPanel } from './self-service-pages.tsx';
import { selfServiceRoutes } from './self-service-routes.tsx';

const SubjectRequestBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('access'), Type.Literal('erasure')]),
    email: Text({ minLength: 3, maxLength: 254, format: 'email' }),
    phone: Type.Optional(Text({ maxLength: 30 })),
    reason: Type.Optional(Text({ maxLength: 1000 })),
    language: Type.Optional(Type.Union([Type.Literal('fr'), Type.Literal('nl'), Type.Literal('en')])),
    organisation: Type.Optional(Text({ maxLength: 100, description: 'A regional DPO: the organisation code (absent: every organisation)' })),
  },
  { additionalProperties: false },
);

const SubjectRequestAnswer = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  status: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  completedAt: Nullable(Type.String({ format: 'date-time' })),
  summary: Type.Record(Type.String(), Type.Number()),
  export: Type.Optional(Type.Unknown({ description: 'Access requests: everything held about the person, by category' })),
});

const IdParams = Type.Object({ id: Uuid() });
const PageIdParams = Type.Object({ lang: LangParams.properties.lang, id: Uuid() });
const hide = { hide: true } as const;

const RequestForm = Type.Object({
  kind: Type.Union([Type.Literal('access'), Type.Literal('erasure')]),
  email: Text({ minLength: 3, maxLength: 254, format: 'email' }),
  phone: Type.Optional(Text({ maxLength: 30 })),
  reason: Type.Optional(Text({ maxLength: 1000 })),
  language: Type.Optional(Type.Union([Type.Literal('fr'), Type.Literal('nl'), Type.Literal('en')])),
});
const RetentionForm = Type.Object({ category: Text({ maxLength: 40 }), days: Type.Optional(Text({ maxLength: 6, pattern: '^[0-9]*$' })) });
const SettingsForm = Type.Object({ releaseFreeText: Type.Optional(Type.Literal('true')), controllerContact: Type.Optional(Text({ maxLength: 300 })) });
const SupportForm = Type.Object({
  organisation: Text({ maxLength: 100 }),
  reason: Text({ maxLength: 1000 }),
  minutes: Text({ maxLength: 4, pattern: '^[0-9]+$' }),
});
const NoticeQuery = Type.Object({ organisation: Type.Optional(Text({ maxLength: 100 })), notice: Type.Optional(Text({ maxLength: 40 })) });

const NOTICES = new Set(['privacy.admin.saved', 'privacy.admin.supportOpened']);

function toAnswer(row: SubjectRequestRow) {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    summary: row.summary,
    ...(row.export ? { export: row.export } : {}),
  };
}

export function privacyRoutes(app: App, services: Services) {
  const { privacy, organisations, config } = services;
  gateRoutes(app, ['/api/v1/privacy', '/:lang/admin/privacy'], canUsePrivacyBackOffice);
  // requests filed by the person themselves (decision 0060)
  selfServiceRoutes(app, services);
  // The retention job runs daily once scheduled; scheduling is idempotent across instances.
  app.addHook('onReady', async () => {
    await privacy.scheduleRetention().catch(() => undefined);
  });

  app.post(
    '/api/v1/privacy/subject-requests',
    {
      schema: {
        tags: ['privacy'],
        summary: "A data subject's access or erasure request, handled by a data protection officer for their organisation",
        security: [{ session: [] }],
        body: SubjectRequestBody,
        response: { 201: SubjectRequestAnswer, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const created = await privacy.createSubjectRequest(
        requireActorPage(request),
        { kind: body.kind, email: body.email, phone: body.phone, reason: body.reason, language: body.language, organisationCode: body.organisation },
        request.id,
      );
      return reply.status(201).send(toAnswer(created));
    },
  );

  app.get(
    '/api/v1/privacy/subject-requests/:id',
    {
      schema: {
        tags: ['privacy'],
        summary: "A subject request's status, and an access request's export",
        security: [{ session: [] }],
        params: IdParams,
        response: { 200: SubjectRequestAnswer, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => toAnswer(await privacy.getSubjectRequest(requireActorPage(request), request.params.id, request.id)),
  );

  // ---- the public privacy notice

  app.get('/:lang/privacy', { schema: { ...hide, params: LangParams, querystring: NoticeQuery } }, async (request, reply) => {
    const lang = request.params.lang;
    const all = await organisations.listOrganisations();
    const chosen = request.query.organisation ? all.find((item) => item.code === request.query.organisation) : undefined;
    const periods = chosen ? await privacy.retentionOf(chosen.id) : effectivePeriods(new Map());
    const settings = chosen ? await privacy.settingsOf(chosen.id) : null;
    const processors: Array<'hosting' | 'mail' | 'sms'> = [
      'hosting',
      ...(config.smtpUrl ? (['mail'] as const) : []),
      ...(config.smppUrl ? (['sms'] as const) : []),
    ];
    return renderPage(
      request,
      reply,
      <PrivacyNoticePage
        periods={periods}
        processors={processors}
        organisation={chosen ? { code: chosen.code, name: chosen.name[lang] ?? chosen.code, contact: settings?.controllerContact ?? null } : null}
        organisations={all.map((item) => ({ code: item.code, name: item.name[lang] ?? item.code })).sort((a, b) => a.name.localeCompare(b.name, lang))}
      />,
    );
  });

  // ---- the back office

  const overview = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { errors?: FieldError[]; values?: Record<string, string>; notice?: string | undefined; status?: number } = {},
  ) => {
    const actor = requireActorPage(request);
    const lang = (request.params as { lang: Language }).lang;
    const officer = isPrivacyOfficer(actor);
    const scope = officer ? privacyScope(actor) : null;
    const own = officer ? await organisations.findById(scope ?? actor.organisationId) : undefined;
    const all = canOpenSupportAccess(actor) ? await organisations.listOrganisations() : [];
    return renderPage(
      request,
      reply,
      <PrivacyBackOfficePage
        organisation={own ? { id: own.id, code: own.code, name: own.name[lang] ?? own.code } : null}
        periods={own ? await privacy.retentionOf(own.id) : []}
        settings={own ? await privacy.settingsOf(own.id) : { releaseFreeText: false, controllerContact: null }}
        requests={officer ? await privacy.listSubjectRequests(actor) : []}
        accesses={await privacy.listSupportAccess(actor)}
        isOfficer={officer}
        canOpenAccess={canOpenSupportAccess(actor)}
        organisations={all.map((item) => ({ code: item.code, name: item.name[lang] ?? item.code }))}
        errors={options.errors}
        values={options.values}
        notice={options.notice && NOTICES.has(options.notice) ? options.notice : undefined}
      />,
      options.status ?? 200,
    );
  };
  const base = (request: FastifyRequest) => `/${(request.params as { lang: string }).lang}/admin/privacy`;

  /** A back-office form: validation and expected refusals re-render the page with the errors. */
  const form = async (request: FastifyRequest, reply: FastifyReply, act: () => Promise<string>) => {
    const values = (request.body ?? {}) as Record<string, string>;
    const validation = (request.validationError as (Error & { validation?: never[] }) | undefined)?.validation;
    if (validation) return overview(request, reply, { errors: fieldErrorsFromValidation(validation), values, status: 400 });
    try {
      return reply.redirect(await act(), 303);
    } catch (raw) {
      const error = toAppError(raw as Error);
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 401) throw raw;
      const fields = error.options.fields?.length ? error.options.fields : [{ field: 'form', code: `errors.${error.code}` }];
      return overview(request, reply, { errors: fields, values, status: error.status });
    }
  };

  app.get('/:lang/admin/privacy', { schema: { ...hide, params: LangParams, querystring: NoticeQuery } }, async (request, reply) =>
    overview(request, reply, { notice: request.query.notice }),
  );

  app.post('/:lang/admin/privacy/requests', { schema: { ...hide, params: LangParams, body: RequestForm }, attachValidation: true }, async (request, reply) =>
    form(request, reply, async () => {
      const body = request.body;
      const created = await privacy.createSubjectRequest(
        requireActorPage(request),
        { kind: body.kind, email: body.email, phone: body.phone, reason: body.reason, language: body.language },
        request.id,
      );
      return `${base(request)}/requests/${created.id}`;
    }),
  );

  app.get('/:lang/admin/privacy/requests/:id', { schema: { ...hide, params: PageIdParams } }, async (request, reply) => {
    const found = await privacy.getSubjectRequest(requireActorPage(request), request.params.id, request.id);
    return renderPage(
      request,
      reply,
      <SubjectRequestPage request={found}>{found.source === 'person' && <PersonRequestPanel request={found} />}</SubjectRequestPage>,
    );
  });

  app.post('/:lang/admin/privacy/retention', { schema: { ...hide, params: LangParams, body: RetentionForm }, attachValidation: true }, async (request, reply) =>
    form(request, reply, async () => {
      const actor = requireActorPage(request);
      const organisationId = privacyScope(actor) ?? actor.organisationId;
      const days = request.body.days ? Number(request.body.days) : null;
      await privacy.setRetention(actor, organisationId, request.body.category as RetentionCategory, days, request.id);
      return `${base(request)}?notice=privacy.admin.saved`;
    }),
  );

  app.post('/:lang/admin/privacy/settings', { schema: { ...hide, params: LangParams, body: SettingsForm }, attachValidation: true }, async (request, reply) =>
    form(request, reply, async () => {
      const actor = requireActorPage(request);
      const organisationId = privacyScope(actor) ?? actor.organisationId;
      await privacy.saveSettings(
        actor,
        organisationId,
        { releaseFreeText: request.body.releaseFreeText === 'true', controllerContact: request.body.controllerContact?.trim() || null },
        request.id,
      );
      return `${base(request)}?notice=privacy.admin.saved`;
    }),
  );

  app.post(
    '/:lang/admin/privacy/support-access',
    { schema: { ...hide, params: LangParams, body: SupportForm }, attachValidation: true },
    async (request, reply) =>
      form(request, reply, async () => {
        const body = request.body;
        if (body.reason.trim().length < 10) throw new AppError(400, 'validation.failed', { fields: [{ field: 'reason', code: 'privacy.reasonTooShort' }] });
        await privacy.openSupportAccess(
          requireActorPage(request),
          { organisationCode: body.organisation, reason: body.reason, minutes: Number(body.minutes) },
          request.id,
        );
        return `${base(request)}?notice=privacy.admin.supportOpened`;
      }),
  );
}
