// HTTP for the catalogue: the public API (search, services, orientation, machine-readable exports), the
// public pages (search, service, organisation, guided orientation) and the back-office editing screens.
import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../platform/http/types.ts';
import type { Services } from '../services.ts';
import { errorResponses, LangParams, BoundedInteger, Text } from '../platform/http/schemas.ts';
import { AppError, type FieldError } from '../platform/http/errors.ts';
import { handleForm } from '../platform/http/forms.ts';
import { formValues, type FormValues } from '../platform/http/form-values.ts';
import { sendEncodedJson } from '../platform/http/encoded-json.ts';
import { renderPage } from '../platform/views/render.tsx';
import { FeedbackWidget } from '../satisfaction/widget/pages.tsx';
import { gateRoutes, requireActorPage } from '../identity/guards.ts';
import { LANGUAGES, pickText, type Language } from '../platform/i18n/languages.ts';
import {
  EditableServiceSchema,
  LangQuery,
  OrganisationAnswerSchema,
  OrientationQuery,
  OrientationResponse,
  SearchQuery,
  SearchResponse,
  NewServiceBody,
  PublishBody,
  ServiceChangesBody,
  ServiceDraftBody,
  ServiceParams,
  ServiceViewSchema,
  VersionBody,
} from './schemas.ts';
import { AUDIENCES, CHANNELS, liveContent, type CompetentKind, type ServiceContent, type ServiceRecord } from './repository.ts';
import { catalogueCsv, catalogueJsonLd } from './exports.ts';
import { RelatedArticles } from '../knowledge/pages.tsx';
import { changedFields, isStale, translationCompleteness } from './draft-review.ts';
import { canUseCatalogueBackOffice } from './authorisation.ts';
import { SearchPage } from './pages/search.tsx';
import { GuidedOrientationPage, OrganisationPublicPage, ServicePage, type OrientationState } from './pages/public.tsx';
import { CatalogueAdminPage, ContentGapsPage, ServiceEditPage, ServiceNewPage } from './pages/admin.tsx';
import { OpinionLink, UsefulnessPage, UsefulnessPrompt } from './pages/learning.tsx';
import { createPageCache } from '../platform/views/page-cache.ts';
import { thesaurusRoutes } from './thesaurus/routes.tsx';
import { learningRoutes } from './learning/routes.tsx';
import { localPartRoutes } from './local-parts/routes.tsx';
import { formList, formText, suffixOf } from './form-fields.ts';

const session = [{ session: [] }];
const langOf = (request: FastifyRequest, lang?: Language) => lang ?? request.lang;
/** Longest query the pages accept; a longer one is cut and the page says so. */
const MAX_QUERY_LENGTH = 2000;

export function catalogueRoutes(app: App, services: Services) {
  const { catalogue, config, knowledge, queues } = services;
  // Public pages rendered once per URL and generation (decision 0044).
  const pages = createPageCache();
  const pageGeneration = async () => `${await catalogue.generation()}|${catalogue.localParts.generation()}|${Math.floor(Date.now() / 60_000)}`;
  // The back office of the catalogue (screens and API) is for content editors and administrators; which
  // service an editor may change is the service's rule (canEditService).
  gateRoutes(app, ['/:lang/admin/catalogue', '/api/v1/admin/services'], canUseCatalogueBackOffice);
  thesaurusRoutes(app, services);
  learningRoutes(app, services);
  localPartRoutes(app, services);
  app.addSchema(OrganisationAnswerSchema);
  app.addSchema(ServiceViewSchema);
  // A real server builds the search index as soon as it listens, not on the first user's search.
  app.addHook('onListen', async () => {
    void catalogue.warmUp().catch((error: unknown) => app.log.warn({ err: error }, 'search index warm-up failed'));
  });
  // Content gaps wait in memory for up to a second: written before the database closes.
  app.addHook('onClose', () => catalogue.flushGaps());

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
    async (request, reply) => {
      const lang = langOf(request, request.query.lang);
      const answer = await catalogue.search(request.query.q, lang, { postalCode: request.query.postalCode });
      // Answers are cached and shared (catalogue service): their JSON and compressed bytes are made once.
      return sendEncodedJson(request, reply, answer, () => ({
        results: answer.results,
        outcome: answer.outcome,
        suggestion: answer.suggestion,
        guidedQuestion: answer.guidedQuestion,
      }));
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
      services: (await catalogue.editableServices(requireActorPage(request))).map(({ service }) => editable(service)),
    }),
  );

  app.post(
    '/api/v1/admin/services',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'Create a service, as a draft (content editors for their organisation, administrators for any)',
        description: 'A taken code gives 409 catalogue.code_taken. Names in French and Dutch are required.',
        security: session,
        body: NewServiceBody,
        response: { 201: EditableServiceSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const { code, ...content } = request.body;
      const created = await catalogue.createService(requireActorPage(request), code, contentFromApi(content));
      return reply.code(201).send(editable(created));
    },
  );

  app.get(
    '/api/v1/admin/services/:code',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'One service as its editors see it, with whether a draft is pending and what it changes',
        security: session,
        params: ServiceParams,
        response: { 200: EditableServiceSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => editable((await catalogue.editableService(requireActorPage(request), request.params.code)).service),
  );

  app.put(
    '/api/v1/admin/services/:code/draft',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'Save changes as a draft: a published service stays unchanged until the draft is published',
        description: 'A service not published yet is changed in place. A stale version gives 409.',
        security: session,
        params: ServiceParams,
        body: ServiceDraftBody,
        response: { 200: EditableServiceSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { version, ...content } = request.body;
      return editable(await catalogue.saveChanges(requireActorPage(request), request.params.code, version, contentFromApi(content)));
    },
  );

  app.post(
    '/api/v1/admin/services/:code/publish',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'Publish the pending draft (or a service never published): it replaces the live content, a version is recorded',
        security: session,
        params: ServiceParams,
        body: PublishBody,
        response: { 200: EditableServiceSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      editable(await catalogue.publish(requireActorPage(request), request.params.code, request.body.version, { reviewed: request.body.reviewed ?? false })),
  );

  app.post(
    '/api/v1/admin/services/:code/discard-draft',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'Drop the pending draft; the published service is untouched',
        security: session,
        params: ServiceParams,
        body: VersionBody,
        response: { 200: EditableServiceSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => editable(await catalogue.discardDraft(requireActorPage(request), request.params.code, request.body.version)),
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
      const { version, status, reviewed, audience, lifeEvents, theme, competent, ...texts } = request.body;
      const content: Partial<ServiceContent> = {
        ...texts,
        audience,
        lifeEvents,
        theme,
        ...(competent
          ? { competentKind: competent.kind, competentOrganisation: competent.kind === 'organisation' ? (competent.organisation ?? null) : null }
          : {}),
      };
      const saved = await catalogue.updateService(requireActorPage(request), request.params.code, version, { content, status, reviewed });
      return editable(saved);
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
    if (q.trim() === '') return pages.send(request, reply, 'empty', () => <SearchPage q="" results={[]} poor={false} empty truncated={false} />);
    // Asked on every request, cached or not: the answer comes from the answer cache and a poor one is logged as a gap.
    const answer = await catalogue.search(q, lang, { postalCode });
    return pages.send(request, reply, await pageGeneration(), async () => {
      const browse =
        answer.results.length === 0
          ? await Promise.all([catalogue.listThemes(), catalogue.listLifeEvents()]).then(([themes, events]) => ({
              themes: themes.map((theme) => ({ code: theme.code, name: pickText(theme.name, lang).text })),
              lifeEvents: events.map((event) => ({ code: event.code, name: pickText(event.name, lang).text })),
            }))
          : { themes: [], lifeEvents: [] };
      return (
        <SearchPage
          q={q}
          postalCode={postalCode}
          results={answer.results}
          poor={answer.poor}
          empty={false}
          truncated={truncated}
          suggestion={answer.suggestion}
          guidedQuestion={answer.guidedQuestion}
          {...browse}
        />
      );
    });
  });

  const ServicePageParams = Type.Object({ lang: LangParams.properties.lang, code: Text({ maxLength: 64 }) });
  const ServicePageQuery = Type.Object({
    postalCode: Type.Optional(Type.String()),
    organisation: Type.Optional(Text({ maxLength: 64 })),
    // The search that led here (for "was this page useful?") and the thanks after answering it.
    from: Type.Optional(Type.String({ maxLength: 2000 })),
    useful: Type.Optional(Type.Literal('thanks')),
  });
  app.get('/:lang/services/:code', { schema: { hide: true, params: ServicePageParams, querystring: ServicePageQuery } }, async (request, reply) => {
    const { lang, code } = request.params;
    // The page changes with the catalogue and, through opening status and waiting times, every minute (decision 0044).
    return pages.send(request, reply, await pageGeneration(), async () => {
      const { service, view } = await catalogue.servicePage(code, lang);
      const orientation = await orientationState(service, lang, request.query.postalCode, request.query.organisation);
      if (orientation.contactPoints?.length) {
        orientation.queueWaits = await queues.waitByContactPoint(service.code, orientation.contactPoints);
        orientation.remoteTickets = await queues.remoteTicketLinks(service.code, orientation.contactPoints, lang);
      }
      if (orientation.errors) reply.code(400);
      const related = <RelatedArticles articles={await knowledge.forService(service.code, lang)} />;
      // The commune's (or CPAS's) own part of a shared service, once the person's postal code tells which (decision 0058).
      const answering = orientation.organisation?.resolved ? orientation.organisation : undefined;
      const localContent = answering ? await catalogue.localParts.forPage(service, answering.code) : undefined;
      const local = answering && localContent ? { organisation: answering.name, content: localContent } : undefined;
      const place = new URLSearchParams();
      if (orientation.postalCode && !orientation.errors) place.set('postalCode', orientation.postalCode);
      if (request.query.organisation && orientation.organisation?.resolved) place.set('organisation', request.query.organisation);
      if (request.query.from) place.set('from', request.query.from.slice(0, 200));
      const feedback = (
        <>
          <UsefulnessPrompt serviceCode={service.code} query={place.toString()} answered={request.query.useful === 'thanks'} />
          <OpinionLink serviceCode={service.code} query={place.toString()} needsPostalCode={orientation.needsPlace && !orientation.organisation?.resolved} />
        </>
      );
      return (
        <ServicePage
          service={service}
          view={view}
          orientation={orientation}
          publicUrl={config.publicUrl}
          related={related}
          feedback={feedback}
          from={request.query.from}
          local={local}
        />
      );
    });
  });

  // "Was this page useful?" and "give your opinion" of a service page: the forms (with their CSRF token) live on this
  // page of their own, so that the service page holds nothing personal and is served from the page cache.
  const UsefulPageQuery = Type.Object({
    answer: Type.Optional(Type.Enum(['yes', 'no'])),
    postalCode: Type.Optional(Type.String()),
    organisation: Type.Optional(Text({ maxLength: 64 })),
    from: Type.Optional(Type.String({ maxLength: 2000 })),
  });
  app.get('/:lang/services/:code/useful', { schema: { hide: true, params: ServicePageParams, querystring: UsefulPageQuery } }, async (request, reply) => {
    const { lang, code } = request.params;
    const { service, view } = await catalogue.servicePage(code, lang);
    const orientation = await orientationState(service, lang, request.query.postalCode, request.query.organisation);
    const competent = orientation.organisation?.resolved ? { code: orientation.organisation.code, name: orientation.organisation.name } : undefined;
    const widget = (
      <FeedbackWidget serviceCode={service.code} needsPlace={orientation.needsPlace} postalCode={orientation.postalCode} organisation={competent} />
    );
    return renderPage(
      request,
      reply,
      <UsefulnessPage serviceCode={service.code} serviceName={view.name} answer={request.query.answer} from={request.query.from} widget={widget} />,
    );
  });

  async function orientationState(
    service: ServiceRecord,
    lang: Language,
    rawPostalCode: string | undefined,
    chosen: string | undefined,
  ): Promise<OrientationState> {
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

  const OrgPageParams = Type.Object({ lang: LangParams.properties.lang, code: Text({ maxLength: 64 }) });
  app.get('/:lang/organisations/:code', { schema: { hide: true, params: OrgPageParams } }, async (request, reply) => {
    const view = await catalogue.organisationView(request.params.code, request.params.lang);
    return renderPage(request, reply, <OrganisationPublicPage {...view} />);
  });

  const GuidedQuery = Type.Object({
    topic: Type.Optional(Text({ maxLength: 80 })),
    audience: Type.Optional(Text({ maxLength: 20 })),
    postalCode: Type.Optional(Text({ maxLength: 20 })),
    from: Type.Optional(Type.String({ maxLength: 2000 })),
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
    const results = services && (await catalogue.resolveMany(services, lang, postalCode));
    return renderPage(
      request,
      reply,
      <GuidedOrientationPage
        themes={themes}
        lifeEvents={lifeEvents}
        topic={validTopic}
        audience={audience}
        postalCode={postalCode}
        results={results}
        from={request.query.from}
      />,
    );
  });

  // ---- Back-office pages
  const adminPage = { hide: true, params: LangParams };
  app.get(
    '/:lang/admin/catalogue',
    { schema: { ...adminPage, querystring: Type.Object({ stale: Type.Optional(Text({ maxLength: 5 })) }) } },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const [entries, local] = await Promise.all([catalogue.editableServices(actor), catalogue.localParts.list(actor)]);
      const staleOnly = request.query.stale === '1';
      return renderPage(
        request,
        reply,
        <CatalogueAdminPage entries={staleOnly ? entries.filter((e) => e.stale) : entries} staleOnly={staleOnly} local={staleOnly ? [] : local} />,
      );
    },
  );

  app.get('/:lang/admin/catalogue/gaps', { schema: adminPage }, async (request, reply) => {
    return renderPage(request, reply, <ContentGapsPage gaps={await catalogue.contentGaps()} />);
  });

  const EditParams = Type.Object({ lang: LangParams.properties.lang, code: Text({ maxLength: 64 }) });
  const Notice = Type.Object({
    notice: Type.Optional(Type.Enum(['saved', 'published', 'discarded', 'created', 'withdrawn'])),
    saved: Type.Optional(Text({ maxLength: 5 })),
  });
  const referenceFor = async (actor: Parameters<typeof catalogue.competentChoices>[0]) => {
    const [themes, lifeEvents, organisations] = await Promise.all([catalogue.listThemes(), catalogue.listLifeEvents(), catalogue.competentChoices(actor)]);
    return { themes, lifeEvents, organisations };
  };

  app.get('/:lang/admin/catalogue/services/new', { schema: adminPage }, async (request, reply) => {
    const actor = requireActorPage(request);
    return renderPage(request, reply, <ServiceNewPage reference={await referenceFor(actor)} />);
  });

  app.post(
    '/:lang/admin/catalogue/services',
    { schema: { hide: true, params: LangParams, body: ServiceForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const form = formValues(request.body);
      const reference = await referenceFor(actor);
      return handleForm(
        request,
        reply,
        (errors) => <ServiceNewPage reference={reference} errors={errors} values={form} />,
        () =>
          withFormFields(async () => {
            const code = formText(form, 'code');
            await catalogue.createService(actor, code, contentFromForm(form));
            return `/${request.params.lang}/admin/catalogue/services/${code}?notice=created`;
          }),
      );
    },
  );

  app.get('/:lang/admin/catalogue/services/:code', { schema: { hide: true, params: EditParams, querystring: Notice } }, async (request, reply) => {
    const actor = requireActorPage(request);
    const data = await catalogue.editableService(actor, request.params.code);
    const notice = request.query.notice ?? (request.query.saved === '1' ? 'saved' : undefined);
    return renderPage(request, reply, <ServiceEditPage {...data} reference={await referenceFor(actor)} notice={notice} />);
  });

  app.post(
    '/:lang/admin/catalogue/services/:code',
    { schema: { hide: true, params: EditParams, body: ServiceForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const data = await catalogue.editableService(actor, request.params.code);
      const reference = await referenceFor(actor);
      const form = formValues(request.body);
      const code = data.service.code;
      return handleForm(
        request,
        reply,
        (errors) => <ServiceEditPage {...data} reference={reference} errors={errors} values={form} />,
        () =>
          withFormFields(async () => {
            const version = Number(formText(form, 'version'));
            if (!Number.isInteger(version) || version < 1)
              throw new AppError(400, 'validation.failed', { fields: [{ field: 'form', code: 'errors.catalogue.stale' }] });
            const content = contentFromForm(form, data.service);
            const reviewed = formText(form, 'reviewed') === 'true';
            if (formText(form, 'intent') === 'publish') {
              await catalogue.publish(actor, code, version, { content, reviewed });
              return `/${request.params.lang}/admin/catalogue/services/${code}?notice=published`;
            }
            await catalogue.saveChanges(actor, code, version, content, { reviewed });
            return `/${request.params.lang}/admin/catalogue/services/${code}?notice=saved`;
          }),
      );
    },
  );

  // Discarding the draft and withdrawing: small forms of their own on the edit page (version only).
  const VersionForm = Type.Object({ version: BoundedInteger({ minimum: 1 }) });
  for (const action of ['discard', 'withdraw'] as const) {
    app.post(
      `/:lang/admin/catalogue/services/:code/${action}`,
      { schema: { hide: true, params: EditParams, body: VersionForm }, attachValidation: true },
      async (request, reply) => {
        const actor = requireActorPage(request);
        const data = await catalogue.editableService(actor, request.params.code);
        const reference = await referenceFor(actor);
        const { version } = request.body;
        return handleForm(
          request,
          reply,
          (errors) => <ServiceEditPage {...data} reference={reference} errors={errors} />,
          async () => {
            if (action === 'discard') await catalogue.discardDraft(actor, data.service.code, version);
            else await catalogue.withdraw(actor, data.service.code, version);
            return `/${request.params.lang}/admin/catalogue/services/${data.service.code}?notice=${action === 'discard' ? 'discarded' : 'withdrawn'}`;
          },
        );
      },
    );
  }
}

// ---- the service form (creation and editing), flat as HTML posts it
const Slug = Text({ maxLength: 64 });
const ServiceForm = Type.Object({
  version: Type.Optional(Text({ maxLength: 12 })),
  code: Type.Optional(Text({ maxLength: 64 })),
  intent: Type.Optional(Type.Enum(['save', 'publish'])),
  ...Object.fromEntries(LANGUAGES.map((l) => [`name${suffixOf(l)}`, Type.Optional(Text({ maxLength: 200 }))])),
  legalBasisUrl: Type.Optional(Text({ maxLength: 500 })),
  ...Object.fromEntries(
    ['summary', 'description', 'evidence', 'cost', 'processingTime', 'legalBasis', 'keywords', 'searchTerms'].flatMap((field) =>
      LANGUAGES.map((l) => [`${field}${suffixOf(l)}`, Type.Optional(Text({ maxLength: 4000 }))]),
    ),
  ),
  audience: Type.Optional(Type.Array(Type.Enum(AUDIENCES), { maxItems: AUDIENCES.length })),
  lifeEvents: Type.Optional(Type.Array(Slug, { maxItems: 40 })),
  theme: Type.Optional(Slug),
  competentKind: Type.Optional(Type.Enum(['organisation', 'commune', 'cpas'])),
  competentOrganisation: Type.Optional(Slug),
  channels: Type.Optional(Type.Array(Type.Enum(CHANNELS), { maxItems: CHANNELS.length })),
  appointment: Type.Optional(Type.Literal('true')),
  reviewed: Type.Optional(Type.Literal('true')),
});
// The service form's fields as posted (the schema has checked them), read back as text or lists (form-fields.ts).
type FormBody = FormValues;

/**
 * The content a form posts. Fields the form of an older page did not send (theme, audience, competent
 * authority) keep the service's current values, so an edit never blanks them.
 */
function contentFromForm(form: FormBody, current?: ServiceRecord): ServiceContent {
  const base = current ? (current.draft ?? liveContent(current)) : undefined;
  const localized = (field: string) => Object.fromEntries(LANGUAGES.map((l) => [l, formText(form, `${field}${suffixOf(l)}`)])) as Record<Language, string>;
  const keywordsOf = (l: Language, field = 'keywords', max = 30) =>
    formText(form, `${field}${suffixOf(l)}`)
      .split(/[,\n]/)
      .map((k) => k.trim())
      .filter(Boolean)
      .slice(0, max);
  // Search terms: a form without them (an older page) keeps the service's (see withSearchTerms in the service).
  const searchTermsSent = LANGUAGES.some((l) => form[`searchTerms${suffixOf(l)}`] !== undefined);
  const searchTermsOf = () => {
    const terms = Object.fromEntries(LANGUAGES.map((l) => [l, keywordsOf(l, 'searchTerms', 60)])) as Record<Language, string[]>;
    const tooLong = LANGUAGES.filter((l) => terms[l].some((term) => term.length > 80));
    if (tooLong.length > 0) {
      throw new AppError(400, 'validation.failed', {
        fields: tooLong.map((l) => ({ field: `searchTerms.${l}`, code: 'catalogue.searchTermTooLong', values: { limit: 80 } })),
      });
    }
    return terms;
  };
  const sent = (name: string) => form[name] !== undefined;
  const competentKind = (sent('competentKind') ? formText(form, 'competentKind') : (base?.competentKind ?? '')) as CompetentKind;
  return {
    name: localized('name'),
    summary: localized('summary'),
    description: localized('description'),
    evidence: localized('evidence'),
    cost: localized('cost'),
    processingTime: localized('processingTime'),
    // A form without them (an older page) keeps the service's legal basis (see withSearchTerms in the service).
    ...(LANGUAGES.some((l) => sent(`legalBasis${suffixOf(l)}`))
      ? { legalBasis: localized('legalBasis'), legalBasisUrl: formText(form, 'legalBasisUrl') || null }
      : {}),
    keywords: { fr: keywordsOf('fr'), nl: keywordsOf('nl'), en: keywordsOf('en') },
    ...(searchTermsSent ? { searchTerms: searchTermsOf() } : {}),
    audience: sent('audience') || !base ? formList(form, 'audience') : base.audience,
    lifeEvents: sent('lifeEvents') || !base ? formList(form, 'lifeEvents') : base.lifeEvents,
    theme: sent('theme') || !base ? formText(form, 'theme') : base.theme,
    competentKind,
    competentOrganisation:
      competentKind !== 'organisation'
        ? null
        : sent('competentOrganisation')
          ? formText(form, 'competentOrganisation') || null
          : (base?.competentOrganisation ?? null),
    channels: formList(form, 'channels'),
    appointment: form.appointment === 'true',
  };
}

function contentFromApi(body: Omit<ServiceDraftBody, 'version'>): ServiceContent {
  const { competent, ...rest } = body;
  return { ...rest, competentKind: competent.kind, competentOrganisation: competent.kind === 'organisation' ? (competent.organisation ?? null) : null };
}

/** The service names fields by path ("name.fr", "competent.organisation"); the form by input name. */
const FORM_FIELD: Record<string, string> = { 'competent.organisation': 'competentOrganisation', 'competent.kind': 'competentKind' };
function formFieldName(field: string): string {
  if (FORM_FIELD[field]) return FORM_FIELD[field];
  const [head, l] = field.split('.');
  return l && (LANGUAGES as readonly string[]).includes(l) ? `${head}${suffixOf(l as Language)}` : field;
}
async function withFormFields(action: () => Promise<string>): Promise<string> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof AppError && error.options.fields) {
      throw new AppError(error.status, error.code, { ...error.options, fields: error.options.fields.map((f) => ({ ...f, field: formFieldName(f.field) })) });
    }
    throw error;
  }
}

function validPostalCode(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed && /^\d{4}$/.test(trimmed) ? trimmed : undefined;
}

/** A service as its editors see it: the pending draft's names and completeness when there is one. */
function editable(service: ServiceRecord) {
  const content = service.draft ?? liveContent(service);
  return {
    code: service.code,
    status: service.status,
    version: service.version,
    name: { fr: content.name.fr ?? '', nl: content.name.nl ?? '', en: content.name.en ?? '' },
    lastReviewedAt: service.lastReviewedAt ? new Date(service.lastReviewedAt).toISOString() : null,
    translations: translationCompleteness(content),
    stale: isStale(service),
    draft: service.draft !== null,
    changedFields: service.draft ? changedFields(liveContent(service), service.draft) : [],
  };
}
