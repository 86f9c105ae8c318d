// HTTP for the catalogue: the public API (search, services, orientation, machine-readable exports), the
// public pages (search, service, organisation, guided orientation) and the back-office editing screens.
import { Type, type Static } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../platform/http/types.ts';
import type { Services } from '../services.ts';
import { errorResponses, LangParams } from '../platform/http/schemas.ts';
import { AppError, type FieldError } from '../platform/http/errors.ts';
import { handleForm } from '../platform/http/forms.ts';
import { renderPage } from '../platform/views/render.tsx';
import { requireActorApi, requireActorPage } from '../identity/guards.ts';
import { LANGUAGES, type Language } from '../platform/i18n/languages.ts';
import {
  EditableServiceSchema,
  LangQuery,
  OrganisationAnswerSchema,
  OrientationQuery,
  OrientationResponse,
  SearchQuery,
  SearchResponse,
  ServiceChangesBody,
  ServiceParams,
  ServiceViewSchema,
} from './schemas.ts';
import { CHANNELS, SERVICE_STATUSES, type ServiceRecord } from './repository.ts';
import { catalogueCsv, catalogueJsonLd } from './exports.ts';
import { isStale, translationCompleteness } from './service.ts';
import {
  CatalogueAdminPage,
  ContentGapsPage,
  GuidedOrientationPage,
  OrganisationPublicPage,
  SearchPage,
  ServiceEditPage,
  ServicePage,
  type OrientationState,
} from './pages.tsx';

const session = [{ session: [] }];
const langOf = (request: FastifyRequest, lang?: Language) => lang ?? request.lang;
/** Longest query the pages accept; a longer one is cut and the page says so. */
const MAX_QUERY_LENGTH = 2000;

export function catalogueRoutes(app: App, { catalogue, config }: Services) {
  app.addSchema(OrganisationAnswerSchema);
  app.addSchema(ServiceViewSchema);
  // A real server builds the search index as soon as it listens, not on the first user's search.
  app.addHook('onListen', async () => {
    void catalogue.warmUp().catch((error: unknown) => app.log.warn({ err: error }, 'search index warm-up failed'));
  });

  // ---- Public API
  app.get(
    '/api/v1/search',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'Search the public services in French, Dutch or English',
        description:
          'Accent- and case-insensitive, stemmed per language, tolerant of typos, matching keywords and the other two ' +
          'languages too. At most 20 results, best first. With a postal code that identifies one commune, services of ' +
          'every commune/CPAS are resolved to the user’s own; otherwise their organisation says resolved:false.',
        querystring: SearchQuery,
        response: { 200: SearchResponse, ...errorResponses(400) },
      },
    },
    async (request) => {
      const lang = langOf(request, request.query.lang);
      const { results } = await catalogue.search(request.query.q, lang, { postalCode: request.query.postalCode });
      return { results };
    },
  );

  app.get(
    '/api/v1/services/:code',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'One public service, texts in the requested language',
        params: ServiceParams,
        querystring: LangQuery,
        response: { 200: Type.Ref('Service'), ...errorResponses(400, 404) },
      },
    },
    async (request) => catalogue.serviceView(request.params.code, langOf(request, request.query.lang)),
  );

  app.get(
    '/api/v1/orientation',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'Where do I go? The organisation providing a service for the user, and its contact points',
        description:
          'Services of one organisation need no postal code. Services of every commune/CPAS need the user’s postal code: ' +
          'a code shared by several communes (1040, 1050, …) answers {"candidates":[…]}; call again with organisation=<code>. ' +
          'A postal code outside the Brussels Region gives 404 catalogue.postal_code_unknown.',
        querystring: OrientationQuery,
        response: { 200: OrientationResponse, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { service, postalCode, organisation } = request.query;
      const answer = await catalogue.orientation(service, langOf(request, request.query.lang), postalCode, organisation);
      return 'candidates' in answer ? { candidates: answer.candidates } : { organisation: answer.organisation, contactPoints: answer.contactPoints };
    },
  );

  app.get(
    '/api/v1/catalogue.jsonld',
    { schema: { tags: ['catalogue'], summary: 'The whole published catalogue as CPSV-AP JSON-LD', produces: ['application/ld+json'] } },
    async (_request, reply) => {
      const body = catalogueJsonLd(await catalogue.exportCatalogue(), await catalogue.listThemes(), await catalogue.listLifeEvents(), config.publicUrl);
      return reply.header('content-type', 'application/ld+json; charset=utf-8').send(JSON.stringify(body));
    },
  );

  app.get(
    '/api/v1/catalogue.csv',
    { schema: { tags: ['catalogue'], summary: 'The whole published catalogue as CSV (UTF-8, one row per service)', produces: ['text/csv'] } },
    async (_request, reply) =>
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="irisdesk-catalogue.csv"')
        .send(catalogueCsv(await catalogue.exportCatalogue())),
  );

  // ---- Back-office API
  app.get(
    '/api/v1/admin/services',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'Services the caller may edit, with translation completeness and staleness',
        security: session,
        response: { 200: Type.Object({ services: Type.Array(EditableServiceSchema) }), ...errorResponses(401, 403) },
      },
    },
    async (request) => ({
      services: (await catalogue.editableServices(requireActorApi(request))).map(({ service, completeness, stale }) => editable(service, completeness, stale)),
    }),
  );

  app.put(
    '/api/v1/admin/services/:code',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'Change a service (content editors of the owning organisation, administrators)',
        security: session,
        params: ServiceParams,
        body: ServiceChangesBody,
        response: { 200: EditableServiceSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body;
      const saved = await catalogue.updateService(requireActorApi(request), request.params.code, version, changes);
      return editable(saved, translationCompleteness(saved), isStale(saved));
    },
  );

  // ---- Public pages
  const SearchPageQuery = Type.Object({ q: Type.Optional(Type.String()), postalCode: Type.Optional(Type.String()) });
  app.get('/:lang/search', { schema: { hide: true, params: LangParams, querystring: SearchPageQuery } }, async (request, reply) => {
    const lang = request.params.lang;
    const raw = request.query.q ?? '';
    const truncated = raw.length > MAX_QUERY_LENGTH;
    const q = raw.slice(0, MAX_QUERY_LENGTH);
    const postalCode = validPostalCode(request.query.postalCode);
    if (q.trim() === '') return renderPage(request, reply, <SearchPage q="" results={[]} poor={false} empty truncated={false} />);
    const { results, poor } = await catalogue.search(q, lang, { postalCode });
    return renderPage(request, reply, <SearchPage q={q} postalCode={postalCode} results={results} poor={poor} empty={false} truncated={truncated} />);
  });

  const ServicePageParams = Type.Object({ lang: LangParams.properties.lang, code: Type.String({ maxLength: 64 }) });
  const ServicePageQuery = Type.Object({ postalCode: Type.Optional(Type.String()), organisation: Type.Optional(Type.String({ maxLength: 64 })) });
  app.get('/:lang/services/:code', { schema: { hide: true, params: ServicePageParams, querystring: ServicePageQuery } }, async (request, reply) => {
    const { lang, code } = request.params;
    const { service, view } = await catalogue.servicePage(code, lang);
    const orientation = await orientationState(service, lang, request.query.postalCode, request.query.organisation);
    return renderPage(request, reply, <ServicePage service={service} view={view} orientation={orientation} publicUrl={config.publicUrl} />, orientation.errors ? 400 : 200);
  });

  async function orientationState(service: ServiceRecord, lang: Language, rawPostalCode: string | undefined, chosen: string | undefined): Promise<OrientationState> {
    const needsPlace = service.competentKind !== 'organisation';
    const postalCode = rawPostalCode?.trim();
    if (needsPlace && postalCode === undefined) return { needsPlace };
    if (needsPlace && !/^\d{4}$/.test(postalCode ?? '')) {
      const errors: FieldError[] = [{ field: 'postalCode', code: 'catalogue.postalCodeFormat' }];
      return { needsPlace, postalCode, errors };
    }
    try {
      const answer = await catalogue.orientation(service, lang, postalCode, chosen);
      if ('candidates' in answer) return { needsPlace, postalCode, candidates: answer.candidates };
      return { needsPlace, postalCode, organisation: answer.organisation, contactPoints: answer.contactPoints };
    } catch (error) {
      if (error instanceof AppError && error.code === 'catalogue.postal_code_unknown') {
        return { needsPlace, postalCode, errors: [{ field: 'postalCode', code: 'catalogue.postalCodeUnknown', values: { postalCode: postalCode ?? '' } }] };
      }
      throw error;
    }
  }

  const OrgPageParams = Type.Object({ lang: LangParams.properties.lang, code: Type.String({ maxLength: 64 }) });
  app.get('/:lang/organisations/:code', { schema: { hide: true, params: OrgPageParams } }, async (request, reply) => {
    const view = await catalogue.organisationView(request.params.code, request.params.lang);
    return renderPage(request, reply, <OrganisationPublicPage {...view} />);
  });

  const GuidedQuery = Type.Object({
    topic: Type.Optional(Type.String({ maxLength: 80 })),
    audience: Type.Optional(Type.String({ maxLength: 20 })),
    postalCode: Type.Optional(Type.String({ maxLength: 20 })),
  });
  app.get('/:lang/orientation', { schema: { hide: true, params: LangParams, querystring: GuidedQuery } }, async (request, reply) => {
    const lang = request.params.lang;
    const [themes, lifeEvents] = await Promise.all([catalogue.listThemes(), catalogue.listLifeEvents()]);
    const topic = request.query.topic;
    const [topicKind, topicCode] = topic?.split(':') ?? [];
    const validTopic =
      (topicKind === 'event' && lifeEvents.some((e) => e.code === topicCode)) || (topicKind === 'theme' && themes.some((th) => th.code === topicCode))
        ? (topic as string)
        : undefined;
    const audience = ['citizen', 'business', 'association'].includes(request.query.audience ?? '') ? request.query.audience : undefined;
    const postalCode = validPostalCode(request.query.postalCode);
    let services: ServiceRecord[] | undefined;
    if (validTopic && audience) {
      services = await catalogue.listServices({
        ...(topicKind === 'event' ? { lifeEvent: topicCode } : { theme: topicCode }),
        audience,
      });
    }
    const results =
      services && (await catalogue.resolveMany(services, lang, postalCode));
    return renderPage(
      request,
      reply,
      <GuidedOrientationPage themes={themes} lifeEvents={lifeEvents} topic={validTopic} audience={audience} postalCode={postalCode} results={results} />,
    );
  });

  // ---- Back-office pages
  const adminPage = { hide: true, params: LangParams };
  app.get(
    '/:lang/admin/catalogue',
    { schema: { ...adminPage, querystring: Type.Object({ stale: Type.Optional(Type.String({ maxLength: 5 })) }) } },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const entries = await catalogue.editableServices(actor);
      const staleOnly = request.query.stale === '1';
      return renderPage(request, reply, <CatalogueAdminPage entries={staleOnly ? entries.filter((e) => e.stale) : entries} staleOnly={staleOnly} />);
    },
  );

  app.get('/:lang/admin/catalogue/gaps', { schema: adminPage }, async (request, reply) => {
    const actor = requireActorPage(request);
    return renderPage(request, reply, <ContentGapsPage gaps={await catalogue.contentGaps(actor)} />);
  });

  const EditParams = Type.Object({ lang: LangParams.properties.lang, code: Type.String({ maxLength: 64 }) });
  app.get(
    '/:lang/admin/catalogue/services/:code',
    { schema: { hide: true, params: EditParams, querystring: Type.Object({ saved: Type.Optional(Type.String({ maxLength: 5 })) }) } },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const data = await catalogue.editableService(actor, request.params.code);
      return renderPage(request, reply, <ServiceEditPage {...data} saved={request.query.saved === '1'} />);
    },
  );

  const Text4000 = Type.String({ maxLength: 4000 });
  const Opt = Type.Optional(Text4000);
  const EditForm = Type.Object({
    version: Type.Integer({ minimum: 1 }),
    nameFr: Type.String({ maxLength: 200 }),
    nameNl: Type.String({ maxLength: 200 }),
    nameEn: Type.String({ maxLength: 200 }),
    ...Object.fromEntries(
      ['summary', 'description', 'evidence', 'cost', 'processingTime', 'keywords'].flatMap((field) =>
        LANGUAGES.map((l) => [`${field}${l[0]!.toUpperCase()}${l[1]}`, Opt]),
      ),
    ),
    channels: Type.Optional(Type.Array(Type.Enum(CHANNELS), { maxItems: CHANNELS.length })),
    appointment: Type.Optional(Type.Literal('true')),
    status: Type.Enum(SERVICE_STATUSES),
    reviewed: Type.Optional(Type.Literal('true')),
  });
  app.post(
    '/:lang/admin/catalogue/services/:code',
    { schema: { hide: true, params: EditParams, body: EditForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const data = await catalogue.editableService(actor, request.params.code);
      const form = request.body as Static<typeof EditForm> & Record<string, string | undefined>;
      const localized = (field: string) =>
        Object.fromEntries(LANGUAGES.map((l) => [l, (form[`${field}${l[0]!.toUpperCase()}${l[1]}`] ?? '').trim()])) as Record<Language, string>;
      const keywordsOf = (l: Language) =>
        (form[`keywords${l[0]!.toUpperCase()}${l[1]}`] ?? '')
          .split(/[,\n]/)
          .map((k) => k.trim())
          .filter(Boolean)
          .slice(0, 30);
      return handleForm(
        request,
        reply,
        (errors) => <ServiceEditPage {...data} errors={errors} values={form} />,
        async () => {
          await catalogue.updateService(actor, data.service.code, form.version, {
            name: { fr: form.nameFr.trim(), nl: form.nameNl.trim(), en: form.nameEn.trim() },
            summary: localized('summary'),
            description: localized('description'),
            evidence: localized('evidence'),
            cost: localized('cost'),
            processingTime: localized('processingTime'),
            keywords: { fr: keywordsOf('fr'), nl: keywordsOf('nl'), en: keywordsOf('en') },
            channels: form.channels ?? [],
            appointment: form.appointment === 'true',
            status: form.status,
            reviewed: form.reviewed === 'true',
          });
          return `/${request.params.lang}/admin/catalogue/services/${data.service.code}?saved=1`;
        },
      );
    },
  );
}

function validPostalCode(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed && /^\d{4}$/.test(trimmed) ? trimmed : undefined;
}

function editable(service: ServiceRecord, translations: Record<Language, boolean>, stale: boolean) {
  return {
    code: service.code,
    status: service.status,
    version: service.version,
    name: { fr: service.name.fr ?? '', nl: service.name.nl ?? '', en: service.name.en ?? '' },
    lastReviewedAt: service.lastReviewedAt ? new Date(service.lastReviewedAt).toISOString() : null,
    translations,
    stale,
  };
}
