// HTTP for satisfaction: the public questionnaire (API and page), staff-made invitation links, the
// organisation and regional dashboards with their exports, the public barometer and open data. It registers
// its sub-folders' routes too: the operations figures, the service pages' widget and the counter's QR link.
import { randomUUID } from 'node:crypto';
import { Type, type Static } from 'typebox';
import type { App } from '../platform/http/types.ts';
import { sendCsvAttachment } from '../platform/http/csv.ts';
import type { Services } from '../services.ts';
import { errorResponses, LangParams, LanguageSchema, BoundedInteger, Text, Nullable, Uuid, CalendarDate } from '../platform/http/schemas.ts';
import { handleForm } from '../platform/http/forms.ts';
import { renderPage } from '../platform/views/render.tsx';
import { requireActorPage, authorise } from '../identity/guards.ts';
import { AppError } from '../platform/http/errors.ts';
import { isLanguage } from '../platform/i18n/languages.ts';
import { translator } from '../platform/i18n/messages.ts';
import { CHANNELS } from './repository.ts';
import { FeedbackAnswerBody, FeedbackAnswerForm, formToAnswer, standardQuestions, type FeedbackAnswerFormValues } from './questionnaire.ts';
import { BarometerPage, OrganisationDashboardPage, RegionalDashboardPage } from './pages.tsx';
import { FeedbackPage, FeedbackThanksPage } from './questionnaire-pages.tsx';
import { dashboardCsv, dcatCatalog, INDICATOR_COLUMNS, indicatorValues, openDataCsv, regionCsv, sdgFeedbackCsv } from './exports.ts';
import {
  Code,
  Ind,
  IndicatorsSchema,
  Localized,
  OpenDataHead,
  organisationFiguresSchema,
  OrganisationMonthRow,
  OrganisationQuery,
  OrgParams,
  PeriodQuery,
  PeriodSchema,
  regionFiguresSchema,
  RegionQuery,
  session,
} from './schemas.ts';
import { openDataHead, openDataHeaders, openDataSet, organisationJson, queryOf, sendOpenDataCsv } from './route-parts.ts';
import { satisfactionHome } from './authorisation.ts';
import { currentMonth } from './service.ts';
import { OperationsSchema } from './operations/schemas.ts';
import { BarometerServiceLevels } from './operations/pages.tsx';
import { operationsRoutes } from './operations/routes.tsx';
import { feedbackWidgetRoutes } from './widget/routes.tsx';
import { counterLinkRoutes } from './counter-link/routes.tsx';

const Token = Text({ minLength: 1, maxLength: 200 });
const TokenParams = Type.Object({ token: Token });

export function satisfactionRoutes(app: App, services: Services) {
  const { satisfaction, operationsIndicators, config, privacy } = services;
  app.addSchema(IndicatorsSchema);
  app.addSchema(OperationsSchema);
  app.addSchema(FeedbackAnswerBody);

  // ---- Public questionnaire (API)
  app.get(
    '/api/v1/feedback/:token',
    {
      schema: {
        tags: ['satisfaction'],
        summary: 'The questionnaire of a feedback invitation, in its language (or ?lang)',
        params: TokenParams,
        querystring: Type.Object({ lang: Type.Optional(LanguageSchema) }),
        response: {
          200: Type.Object({
            language: LanguageSchema,
            state: Type.Enum(['open', 'answered', 'expired'], { description: 'Only an open invitation can be answered' }),
            organisation: Type.Object({ code: Type.String(), name: Type.String() }),
            service: Nullable(Type.Object({ code: Type.String(), name: Type.String() })),
            channel: Type.String(),
            contactDate: CalendarDate(),
            questions: Type.Array(
              Type.Object({
                id: Type.String(),
                type: Type.String(),
                required: Type.Boolean(),
                text: Type.String(),
                options: Type.Optional(Type.Array(Type.Object({ value: Type.Union([Type.String(), Type.Number(), Type.Boolean()]), label: Type.String() }))),
                maxLength: Type.Optional(BoundedInteger()),
              }),
            ),
          }),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request) => {
      const { invitation, state } = await satisfaction.getInvitation(request.params.token);
      const lang = request.query.lang ?? (isLanguage(invitation.language) ? invitation.language : 'fr');
      const t = translator(lang);
      const pick = (text: Record<string, string | undefined> | null) => (text ? (text[lang] ?? text.fr ?? text.nl ?? text.en ?? '') : '');
      return {
        language: lang,
        state,
        organisation: { code: invitation.organisationCode, name: pick(invitation.organisationName) },
        service: invitation.serviceCode ? { code: invitation.serviceCode, name: pick(invitation.serviceName) || invitation.serviceCode } : null,
        channel: invitation.channel,
        contactDate: new Date(invitation.contactAt).toISOString().slice(0, 10),
        questions: standardQuestions(t),
      };
    },
  );

  app.post(
    '/api/v1/feedback/:token',
    {
      schema: {
        tags: ['satisfaction'],
        summary: 'Answer a feedback invitation (once: a second answer is refused with 409)',
        params: TokenParams,
        body: Type.Unsafe<Static<typeof FeedbackAnswerBody>>(Type.Ref('FeedbackAnswer')),
        response: { 201: Type.Object({ status: Type.Literal('recorded') }), ...errorResponses(400, 404, 409, 410, 415) },
      },
    },
    async (request, reply) => {
      await satisfaction.submitAnswer(request.params.token, request.body);
      return reply.code(201).send({ status: 'recorded' as const });
    },
  );

  // ---- Staff: an invitation link for a contact (QR code at a counter, link read out on the phone)
  app.post(
    '/api/v1/satisfaction/invitations',
    {
      schema: {
        tags: ['satisfaction'],
        summary: "Create a feedback link for a contact of the caller's organisation",
        security: session,
        body: Type.Object(
          {
            channel: Type.Enum(CHANNELS),
            serviceCode: Type.Optional(Code),
            contactPointId: Type.Optional(Uuid()),
            contactAt: Type.Optional(Type.String({ format: 'date-time' })),
            language: LanguageSchema,
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ token: Type.String(), url: Type.String() }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const body = request.body;
      const contactAt = body.contactAt ? new Date(body.contactAt) : new Date();
      if (contactAt.getTime() > Date.now() + 60_000) {
        throw new AppError(400, 'validation.failed', { fields: [{ field: 'contactAt', code: 'satisfaction.contactAtFuture' }] });
      }
      const link = await satisfaction.createInvitationForStaff(actor, {
        organisationId: actor.organisationId,
        channel: body.channel,
        serviceCode: body.serviceCode,
        contactPointId: body.contactPointId,
        contactAt,
        language: body.language,
        source: { kind: 'link', id: randomUUID() },
      });
      return reply.code(201).send(link);
    },
  );

  // ---- Public questionnaire (page)
  const FeedbackParams = Type.Object({ lang: LangParams.properties.lang, token: Token });
  app.get('/:lang/feedback/thanks', { schema: { hide: true, params: LangParams } }, async (request, reply) =>
    renderPage(request, reply, <FeedbackThanksPage />),
  );
  app.get('/:lang/feedback/:token', { schema: { hide: true, params: FeedbackParams } }, async (request, reply) => {
    const { invitation, state } = await satisfaction.getInvitation(request.params.token);
    reply.header('referrer-policy', 'no-referrer');
    return renderPage(
      request,
      reply,
      <FeedbackPage token={request.params.token} invitation={invitation} state={state} />,
      state === 'answered' ? 409 : state === 'expired' ? 410 : 200,
    );
  });
  app.post(
    '/:lang/feedback/:token',
    { schema: { hide: true, params: FeedbackParams, body: FeedbackAnswerForm }, attachValidation: true },
    async (request, reply) => {
      const token = request.params.token;
      await satisfaction.getInvitation(token); // unknown → 404 page
      // With attachValidation the handler also runs on a body that failed its schema: shown back as typed, field by field.
      const form: Partial<FeedbackAnswerFormValues> = request.body ?? {};
      return handleForm(
        request,
        reply,
        async (errors) => {
          const { invitation, state } = await satisfaction.getInvitation(token);
          return <FeedbackPage token={token} invitation={invitation} state={state} errors={state === 'open' ? errors : undefined} values={form} />;
        },
        async () => {
          await satisfaction.submitAnswer(token, formToAnswer(request.body));
          return `/${request.params.lang}/feedback/thanks`;
        },
      );
    },
  );

  // ---- Dashboards (API)
  app.get(
    '/api/v1/satisfaction/organisations/:code',
    {
      schema: {
        tags: ['satisfaction'],
        summary: 'Satisfaction figures of an organisation: total, previous period, per month, channel, service, contact point',
        security: session,
        params: OrgParams,
        querystring: OrganisationQuery,
        response: {
          200: organisationFiguresSchema('indicators', Ind, 'answers', {}, {}),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const data = await satisfaction.organisationDashboard(requireActorPage(request), request.params.code, request.query);
      return { ...data, organisation: organisationJson(data.organisation) };
    },
  );

  app.get(
    '/api/v1/satisfaction/organisations/:code/export.csv',
    {
      schema: {
        tags: ['satisfaction'],
        summary: 'The same figures as CSV',
        security: session,
        params: OrgParams,
        querystring: OrganisationQuery,
        produces: ['text/csv'],
        response: errorResponses(400, 401, 403, 404),
      },
    },
    async (request, reply) => {
      const data = await satisfaction.organisationDashboard(requireActorPage(request), request.params.code, request.query);
      const csv = dashboardCsv(data, 'indicators', INDICATOR_COLUMNS, indicatorValues);
      return sendCsvAttachment(reply, `satisfaction-${data.organisation.code}-${data.period.from}-${data.period.to}.csv`, csv);
    },
  );

  app.get(
    '/api/v1/satisfaction/region',
    {
      schema: {
        tags: ['satisfaction'],
        summary: 'Organisations compared (competence center): suppressed under 10 answers, no personal data',
        security: session,
        querystring: RegionQuery,
        response: {
          200: regionFiguresSchema('indicators', Ind, {}, {}),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => satisfaction.regionalDashboard(requireActorPage(request), request.query),
  );

  app.get(
    '/api/v1/satisfaction/region/export.csv',
    {
      schema: {
        tags: ['satisfaction'],
        summary: 'Organisations compared, as CSV',
        security: session,
        querystring: RegionQuery,
        produces: ['text/csv'],
        response: errorResponses(400, 401, 403),
      },
    },
    async (request, reply) => {
      const data = await satisfaction.regionalDashboard(requireActorPage(request), request.query);
      return sendCsvAttachment(
        reply,
        `satisfaction-region-${data.period.from}-${data.period.to}.csv`,
        regionCsv(data.organisations, 'indicators', INDICATOR_COLUMNS, indicatorValues),
      );
    },
  );

  // ---- Operations figures (API, pages, open data): docs/decisions/0018-operations-indicators.md
  operationsRoutes(app, services);

  // ---- Dashboards (pages)
  const pageSchema = { hide: true, params: LangParams };
  app.get('/:lang/satisfaction', { schema: pageSchema }, async (request, reply) => {
    const actor = requireActorPage(request);
    const home = satisfactionHome(actor);
    authorise(home !== null);
    return reply.redirect(
      home === 'region' ? `/${request.params.lang}/satisfaction/region` : `/${request.params.lang}/satisfaction/organisations/${actor.organisationCode}`,
      303,
    );
  });

  app.get(
    '/:lang/satisfaction/organisations/:code',
    { schema: { hide: true, params: Type.Object({ lang: LangParams.properties.lang, code: Code }), querystring: OrganisationQuery } },
    async (request, reply) => {
      const regionalText = await privacy.regionalTextFilter(request.params.lang);
      const data = await satisfaction.organisationDashboard(requireActorPage(request), request.params.code, request.query, request.id, regionalText);
      return renderPage(request, reply, <OrganisationDashboardPage data={data} apiQuery={queryOf(request)} />);
    },
  );

  app.get('/:lang/satisfaction/region', { schema: { hide: true, params: LangParams, querystring: RegionQuery } }, async (request, reply) => {
    const data = await satisfaction.regionalDashboard(requireActorPage(request), request.query);
    return renderPage(request, reply, <RegionalDashboardPage data={data} rankBy={request.query.rank ?? 'csat'} apiQuery={queryOf(request)} />);
  });

  // ---- Public barometer and open data
  app.get('/:lang/barometer', { schema: { ...pageSchema, querystring: Type.Object({ ...PeriodQuery }) } }, async (request, reply) => {
    const data = await satisfaction.barometer(request.query);
    // Service levels beside satisfaction: read from the pre-computed months, never recomputed here (0018).
    const service = await operationsIndicators.barometer(data.period);
    return renderPage(request, reply, <BarometerPage data={data} serviceLevels={<BarometerServiceLevels data={service} />} />);
  });

  openDataSet(app, config.publicUrl, 'satisfaction', {
    summary: 'Published satisfaction indicators per organisation and month (36 months by default; under 10 answers suppressed)',
    title: 'IrisDesk – user satisfaction barometer',
    row: Type.Object({ ...OrganisationMonthRow, indicators: Ind }),
    load: (query) => satisfaction.openData(query),
    csv: openDataCsv,
  });
  // Single Digital Gateway user-feedback statistics (Regulation (EU) 2018/1724 art. 25, Implementing Regulation (EU) 2020/1121)
  const SdgQuery = Type.Object({
    ...PeriodQuery,
    granularity: Type.Optional(Type.Enum(['quarter', 'month'], { description: 'Quarters (default; the period is widened to whole quarters) or months' })),
    channel: Type.Optional(Type.Enum(CHANNELS, { description: 'Only the answers after contacts on one channel, e.g. web for online procedures' })),
  });
  const SdgRow = Type.Object({
    organisationCode: Type.String(),
    organisationKind: Type.String(),
    organisationName: Localized,
    serviceCode: Type.String(),
    serviceName: Nullable(Localized),
    serviceUrls: Type.Object(
      { fr: Type.String(), nl: Type.String(), en: Type.String() },
      { description: 'The public pages of the service the feedback is about' },
    ),
    period: Type.String({ description: '2026-Q3, or 2026-07 by month' }),
    granularity: Type.String(),
    start: CalendarDate(),
    end: CalendarDate(),
    answers: BoundedInteger({ description: 'Number of feedback answers' }),
    suppressed: Type.Boolean({ description: 'Ratings and obstacles hidden: fewer than 10 answers' }),
    ratings: Type.Object({
      overallMean: Nullable(Type.Number(), { description: 'Mean overall rating, 1 (very dissatisfied) to 5 (very satisfied)' }),
      satisfied: Nullable(Type.Number(), { description: '% of the top two levels' }),
      score10: Nullable(Type.Number()),
      clarity: Nullable(Type.Number(), { description: '% who found the information clear' }),
      easy: Nullable(Type.Number(), { description: '% who found it easy' }),
      needMet: Nullable(Type.Number(), { description: '% whose need was met' }),
    }),
    obstacles: Type.Object({
      needNotMet: Nullable(BoundedInteger(), { description: 'Answers: the need was not met' }),
      needPartlyMet: Nullable(BoundedInteger(), { description: 'Answers: the need was partly met' }),
      couldNotReach: Nullable(BoundedInteger(), { description: 'Answers: could not reach the administration' }),
      notEasy: Nullable(BoundedInteger(), { description: 'Answers: it was not easy' }),
    }),
  });
  app.get(
    '/api/v1/opendata/sdg-feedback.json',
    {
      schema: {
        tags: ['open data'],
        summary:
          'Single Digital Gateway user-feedback statistics per organisation, service and quarter (8 quarters by default; under 10 answers suppressed; no comments)',
        querystring: SdgQuery,
        response: {
          200: Type.Object({
            ...OpenDataHead,
            conformsTo: Type.String(),
            period: PeriodSchema,
            granularity: Type.String(),
            channel: Nullable(Type.String()),
            rows: Type.Array(SdgRow),
          }),
          ...errorResponses(400),
        },
      },
    },
    async (request, reply) => {
      const data = await satisfaction.sdgFeedback(request.query);
      openDataHeaders(reply);
      return {
        ...openDataHead('IrisDesk – user feedback statistics for the Single Digital Gateway', config.publicUrl),
        conformsTo: 'http://data.europa.eu/eli/reg_impl/2020/1121/oj',
        ...data,
      };
    },
  );
  app.get(
    '/api/v1/opendata/sdg-feedback.csv',
    { schema: { tags: ['open data'], summary: 'The same, as CSV', querystring: SdgQuery, produces: ['text/csv'], response: errorResponses(400) } },
    async (request, reply) => {
      const data = await satisfaction.sdgFeedback(request.query);
      return sendOpenDataCsv(reply, sdgFeedbackCsv(data.rows));
    },
  );
  app.get(
    '/api/v1/opendata/catalog.jsonld',
    { schema: { tags: ['open data'], summary: 'DCAT-AP description of the open data sets', produces: ['application/ld+json'] } },
    async (_request, reply) =>
      openDataHeaders(reply.header('content-type', 'application/ld+json; charset=utf-8')).send(
        JSON.stringify(dcatCatalog(config.publicUrl, `${currentMonth()}-01`)),
      ),
  );

  feedbackWidgetRoutes(app, services);
  counterLinkRoutes(app, services);
}
