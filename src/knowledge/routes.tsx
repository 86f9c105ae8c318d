// HTTP for the knowledge base: the API (search, read, create/update/publish, flags), the public help pages,
// the back-office screens and the knowledge-panel fragment that other screens fetch.
import { Type, type Static } from 'typebox';
import type { App } from '../platform/http/types.ts';
import type { Services } from '../services.ts';
import { OPTIONAL_SESSION_SECURITY } from '../platform/http/openapi.ts';
import { errorResponses, LangParams, LanguageSchema, BoundedInteger, Text, CalendarDate } from '../platform/http/schemas.ts';
import { AppError } from '../platform/http/errors.ts';
import { handleForm } from '../platform/http/forms.ts';
import { renderFragment, renderPage } from '../platform/views/render.tsx';
import { gateRoutes, requireActorPage } from '../identity/guards.ts';
import { LANGUAGES, pickText, type Language } from '../platform/i18n/languages.ts';
import type { Actor } from '../identity/actor.ts';
import {
  ArticleChangesBody,
  ArticleHitSchema,
  ArticleSchema,
  ArticleSearchQuery,
  ArticleSearchResponse,
  EditableArticleSchema,
  FlagBody,
  FlagSchema,
  NewArticleBody,
  PublishBody,
  ResolveBody,
  ServiceCodeSchema,
  SlugSchema,
} from './schemas.ts';
import { FLAG_KINDS, VISIBILITIES, type ArticleContent, type ArticleRecord, type FlagRecord, type VersionRecord } from './repository.ts';
import { PANEL_RESULTS } from './service.ts';
import { canWriteArticles, editScope } from './authorisation.ts';
import {
  ArticleEditPage,
  ArticleStaffPage,
  FlagsPage,
  HelpArticlePage,
  HelpIndexPage,
  KnowledgeAdminPage,
  KnowledgePanelResults,
  VersionPage,
} from './pages.tsx';
import { formValues } from '../platform/http/form-values.ts';

const session = [{ session: [] }];
// Ids are checked by the service (malformed → 404), so a bad id never reaches SQL as a uuid cast error.
const IdParams = Type.Object({ id: Text({ maxLength: 80 }) });
const LangIdParams = Type.Object({ lang: LangParams.properties.lang, id: Text({ maxLength: 80 }) });
const LangSlugParams = Type.Object({ lang: LangParams.properties.lang, slug: Text({ maxLength: 80 }) });
const LangQuery = Type.Object({ lang: Type.Optional(LanguageSchema) });
const PageQuery = Type.Object({ q: Type.Optional(Text({ maxLength: 2000 })) });

function iso(value: Date | string): string {
  return new Date(value).toISOString();
}

function editableJson(article: ArticleRecord) {
  return {
    id: article.id,
    slug: article.slug,
    organisation: { code: article.owner.code, name: full(article.owner.name) },
    status: article.status,
    revision: article.revision,
    publishedVersion: article.publishedVersion,
    unpublishedChanges: article.unpublishedChanges,
    visibility: article.visibility,
    title: full(article.title),
    body: full(article.body),
    services: article.serviceCodes,
    reviewOn: article.reviewOn,
    updatedAt: iso(article.updatedAt),
  };
}

function full(text: Partial<Record<Language, string>>) {
  return { fr: text.fr ?? '', nl: text.nl ?? '', en: text.en ?? '' };
}

function flagJson(flag: FlagRecord) {
  return {
    id: flag.id,
    article: { id: flag.articleId, slug: flag.articleSlug, title: full(flag.articleTitle) },
    articleVersion: flag.articleVersion,
    kind: flag.kind,
    comment: flag.comment,
    flaggedBy: flag.flaggedByName,
    flaggedAt: iso(flag.flaggedAt),
    status: flag.status,
    resolvedBy: flag.resolvedByName,
    resolvedAt: flag.resolvedAt ? iso(flag.resolvedAt) : null,
    resolutionNote: flag.resolutionNote,
  };
}

function contentOf(body: Static<typeof NewArticleBody> | Static<typeof ArticleChangesBody>): ArticleContent {
  return {
    visibility: body.visibility,
    title: body.title,
    body: body.body,
    serviceCodes: body.services ?? [],
    reviewOn: body.reviewOn ?? null,
  };
}

// The back-office form, flat as HTML posts it (field names as in the API: title.fr, body.nl, …).
const EditForm = Type.Object({
  revision: Type.Optional(BoundedInteger({ minimum: 1 })),
  organisation: Type.Optional(Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 64 })),
  slug: Type.Optional(Type.Union([Type.Literal(''), SlugSchema])),
  visibility: Type.Enum(VISIBILITIES),
  ...Object.fromEntries(
    LANGUAGES.flatMap((l) => [
      [`title.${l}`, Type.Optional(Text({ maxLength: 200 }))],
      [`body.${l}`, Type.Optional(Text({ maxLength: 20000 }))],
    ]),
  ),
  services: Type.Optional(Type.Array(ServiceCodeSchema, { maxItems: 20 })),
  reviewOn: Type.Optional(Type.Union([Type.Literal(''), CalendarDate()])),
  note: Type.Optional(Text({ maxLength: 500 })),
  action: Type.Optional(Type.Enum(['save', 'publish'])),
});
type EditForm = { [key: string]: string | string[] | number | undefined } & {
  revision?: number;
  organisation?: string;
  slug?: string;
  visibility: 'internal' | 'public';
  services?: string[];
  reviewOn?: string;
  note?: string;
  action?: 'save' | 'publish';
};

function contentFromForm(form: EditForm): ArticleContent {
  const text = (field: 'title' | 'body') => Object.fromEntries(LANGUAGES.map((l) => [l, String(form[`${field}.${l}`] ?? '')]));
  return { visibility: form.visibility, title: text('title'), body: text('body'), serviceCodes: form.services ?? [], reviewOn: form.reviewOn || null };
}

const FlagForm = Type.Object({ kind: Type.Enum(FLAG_KINDS), comment: Text({ minLength: 1, maxLength: 2000 }) });
const ResolveForm = Type.Object({ note: Type.Optional(Text({ maxLength: 1000 })) });

export function knowledgeRoutes(app: App, services: Services) {
  const { knowledge, catalogue } = services;
  // Writing a new article is for editors (the list is for every staff member; whose article is the service's rule).
  gateRoutes(app, ['/:lang/admin/knowledge/new'], canWriteArticles);
  app.addSchema(ArticleHitSchema);
  app.addSchema(ArticleSchema);
  app.addSchema(EditableArticleSchema);
  app.addSchema(FlagSchema);
  app.addHook('onListen', async () => {
    void knowledge.warmUp().catch((error: unknown) => app.log.warn({ err: error }, 'knowledge index warm-up failed'));
  });

  // ---- API
  app.get(
    '/api/v1/knowledge/articles',
    {
      schema: {
        tags: ['knowledge'],
        summary: 'Search the knowledge base (staff: internal and public articles; everyone else: public ones)',
        security: OPTIONAL_SESSION_SECURITY,
        description:
          'The same search as the catalogue: stemmed per language, accent- and case-insensitive, tolerant of typos, the ' +
          'other two languages counting at half weight. Filter by linked catalogue service and owning organisation. ' +
          'Without q, published articles by title. At most 20 results.',
        querystring: ArticleSearchQuery,
        response: { 200: ArticleSearchResponse, ...errorResponses(400) },
      },
    },
    async (request) => {
      const { q, service, organisation, limit } = request.query;
      return knowledge
        .search(request.actor, { q: q ?? '', lang: request.query.lang ?? request.lang, service, organisation, limit })
        .then(({ results }) => ({ results }));
    },
  );

  app.post(
    '/api/v1/knowledge/articles',
    {
      schema: {
        tags: ['knowledge'],
        summary: 'Create an article (content editors of the owning organisation, administrators); a draft unless publish is true',
        security: session,
        body: NewArticleBody,
        response: { 201: Type.Ref('KnowledgeEditableArticle'), ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const body = request.body;
      const created = await knowledge.create(
        actor,
        { ...contentOf(body), slug: body.slug, organisationCode: body.organisation },
        { publish: body.publish ?? false, note: body.note },
      );
      return reply.code(201).send(editableJson(created));
    },
  );

  app.get(
    '/api/v1/knowledge/articles/:id',
    {
      schema: {
        tags: ['knowledge'],
        summary: 'The published version of an article (by id or slug); internal articles only for signed-in staff',
        security: OPTIONAL_SESSION_SECURITY,
        params: IdParams,
        querystring: LangQuery,
        response: { 200: Type.Ref('KnowledgeArticle'), ...errorResponses(404) },
      },
    },
    async (request) => {
      const lang = request.query.lang ?? request.lang;
      const { article, published, versions } = await knowledge.read(request.actor, request.params.id);
      const title = pickText(published.title, lang);
      const body = pickText(published.body, lang);
      return {
        id: article.id,
        slug: article.slug,
        organisation: { code: article.owner.code, name: full(article.owner.name) },
        visibility: published.visibility,
        title: full(published.title),
        body: full(published.body),
        language: lang,
        titleLang: title.lang,
        bodyLang: body.lang,
        services: published.serviceCodes,
        version: published.version,
        publishedAt: iso(published.publishedAt),
        reviewOn: published.reviewOn,
        versions: versions.map((v: VersionRecord) => ({ version: v.version, publishedAt: iso(v.publishedAt), publishedBy: v.publishedByName, note: v.note })),
      };
    },
  );

  app.get(
    '/api/v1/knowledge/articles/:id/draft',
    {
      schema: {
        tags: ['knowledge'],
        summary: 'The working copy of an article with its revision (editors of the owning organisation)',
        security: session,
        params: IdParams,
        response: { 200: Type.Ref('KnowledgeEditableArticle'), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => editableJson((await knowledge.editableArticle(requireActorPage(request), request.params.id)).article),
  );

  app.put(
    '/api/v1/knowledge/articles/:id',
    {
      schema: {
        tags: ['knowledge'],
        summary: 'Save the working copy (send the revision you read; a stale one gives 409); publish:true also publishes it as a new version',
        security: session,
        params: IdParams,
        body: ArticleChangesBody,
        response: { 200: Type.Ref('KnowledgeEditableArticle'), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { revision, publish, note } = request.body;
      const saved = await knowledge.update(requireActorPage(request), request.params.id, revision, contentOf(request.body), {
        publish: publish ?? false,
        note,
      });
      return editableJson(saved);
    },
  );

  app.post(
    '/api/v1/knowledge/articles/:id/publish',
    {
      schema: {
        tags: ['knowledge'],
        summary: 'Publish the working copy as a new version (author and time kept)',
        security: session,
        params: IdParams,
        body: PublishBody,
        response: { 200: Type.Ref('KnowledgeEditableArticle'), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => editableJson(await knowledge.publish(requireActorPage(request), request.params.id, request.body.revision, request.body.note)),
  );

  app.post(
    '/api/v1/knowledge/articles/:id/flags',
    {
      schema: {
        tags: ['knowledge'],
        summary: 'Flag an article as outdated or unclear (any signed-in staff member); the owner’s editors resolve it',
        description: 'E-mail addresses, phone and national register numbers in the comment are replaced by markers before it is stored.',
        security: session,
        params: IdParams,
        body: FlagBody,
        response: { 201: Type.Ref('KnowledgeFlag'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.code(201).send(flagJson(await knowledge.flag(requireActorPage(request), request.params.id, request.body))),
  );

  app.get(
    '/api/v1/knowledge/flags',
    {
      schema: {
        tags: ['knowledge'],
        summary: 'Flags on the articles the caller edits (administrators: all)',
        security: session,
        querystring: Type.Object({ status: Type.Optional(Type.Enum(['open', 'resolved'])) }),
        response: { 200: Type.Object({ flags: Type.Array(Type.Ref('KnowledgeFlag')) }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => ({ flags: (await knowledge.flags(requireActorPage(request), request.query.status ?? 'open')).map(flagJson) }),
  );

  app.post(
    '/api/v1/knowledge/flags/:id/resolve',
    {
      schema: {
        tags: ['knowledge'],
        summary: 'Resolve an open flag (editors of the article’s organisation); resolving twice gives 409',
        security: session,
        params: IdParams,
        body: ResolveBody,
        response: { 200: Type.Ref('KnowledgeFlag'), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => flagJson(await knowledge.resolveFlag(requireActorPage(request), request.params.id, request.body.note)),
  );

  // ---- Public pages (never internal articles, whoever is signed in)
  app.get('/:lang/help', { schema: { hide: true, params: LangParams, querystring: PageQuery } }, async (request, reply) => {
    const q = (request.query.q ?? '').slice(0, 500);
    const { results } = await knowledge.search(null, { q, lang: request.params.lang });
    return renderPage(request, reply, <HelpIndexPage q={q} results={results} />);
  });

  app.get('/:lang/help/:slug', { schema: { hide: true, params: LangSlugParams } }, async (request, reply) => {
    const data = await knowledge.read(null, request.params.slug);
    return renderPage(request, reply, <HelpArticlePage {...data} />);
  });

  const VersionParams = Type.Object({
    lang: LangParams.properties.lang,
    slug: Text({ maxLength: 80 }),
    version: BoundedInteger({ minimum: 1, maximum: 100000 }),
  });
  app.get('/:lang/help/:slug/versions/:version', { schema: { hide: true, params: VersionParams } }, async (request, reply) => {
    const data = await knowledge.version(null, request.params.slug, request.params.version);
    return renderPage(request, reply, <VersionPage {...data} staff={false} />);
  });

  // ---- Back office
  const Filter = Type.Optional(Type.Union([Type.Literal(''), ServiceCodeSchema]));
  const AdminQuery = Type.Object({ q: Type.Optional(Text({ maxLength: 2000 })), service: Filter, organisation: Filter });
  app.get('/:lang/admin/knowledge', { schema: { hide: true, params: LangParams, querystring: AdminQuery } }, async (request, reply) => {
    const actor = requireActorPage(request);
    const q = (request.query.q ?? '').slice(0, 500);
    const filters = { service: request.query.service || undefined, organisation: request.query.organisation || undefined };
    const { results } = await knowledge.search(actor, { q, lang: request.params.lang, ...filters });
    const editor = canWriteArticles(actor);
    const own = editor ? await knowledge.editableArticles(actor) : null;
    const openFlags = editor ? (await knowledge.flags(actor)).length : null;
    const serviceChoices = (await catalogue.listServices({})).map((s) => ({ code: s.code, name: s.name }));
    return renderPage(
      request,
      reply,
      <KnowledgeAdminPage
        q={q}
        results={results}
        own={own}
        openFlags={openFlags}
        filters={filters}
        serviceChoices={serviceChoices}
        ownerChoices={await knowledge.owners()}
      />,
    );
  });

  const PanelQuery = Type.Object({ kq: Type.Optional(Text({ maxLength: 2000 })), kservice: Type.Optional(ServiceCodeSchema) });
  app.get('/:lang/admin/knowledge/panel', { schema: { hide: true, params: LangParams, querystring: PanelQuery } }, async (request, reply) => {
    const actor = requireActorPage(request);
    const q = (request.query.kq ?? '').slice(0, 500);
    const { results } = await knowledge.search(actor, { q, lang: request.params.lang, service: request.query.kservice, limit: PANEL_RESULTS });
    return renderFragment(request, reply, <KnowledgePanelResults q={q} results={results} />);
  });

  async function formChoices(actor: Actor, withOrganisations: boolean) {
    const serviceChoices = (await catalogue.listServices({})).map((s) => ({ code: s.code, name: s.name }));
    const organisations =
      withOrganisations && editScope(actor) === undefined
        ? (await services.organisations.listOrganisations()).map((o) => ({ code: o.code, name: o.name }))
        : undefined;
    return { serviceChoices, organisations };
  }

  app.get('/:lang/admin/knowledge/new', { schema: { hide: true, params: LangParams } }, async (request, reply) => {
    const actor = requireActorPage(request);
    return renderPage(request, reply, <ArticleEditPage {...await formChoices(actor, true)} />);
  });

  app.post('/:lang/admin/knowledge/new', { schema: { hide: true, params: LangParams, body: EditForm }, attachValidation: true }, async (request, reply) => {
    const actor = requireActorPage(request);
    const form = request.body;
    const choices = await formChoices(actor, true);
    return handleForm(
      request,
      reply,
      (errors) => <ArticleEditPage {...choices} errors={errors} values={formValues(form)} />,
      async () => {
        const publish = form.action === 'publish';
        const created = await knowledge.create(
          actor,
          { ...contentFromForm(form), slug: form.slug || undefined, organisationCode: form.organisation || undefined },
          { publish, note: form.note },
        );
        return `/${request.params.lang}/admin/knowledge/articles/${created.slug}/edit?notice=${publish ? 'published' : 'created'}`;
      },
    );
  });

  const FlagsQuery = Type.Object({ resolved: Type.Optional(Text({ maxLength: 5 })) });
  app.get('/:lang/admin/knowledge/flags', { schema: { hide: true, params: LangParams, querystring: FlagsQuery } }, async (request, reply) => {
    const actor = requireActorPage(request);
    return renderPage(request, reply, <FlagsPage flags={await knowledge.flags(actor)} resolved={request.query.resolved === '1'} />);
  });

  app.post(
    '/:lang/admin/knowledge/flags/:id/resolve',
    { schema: { hide: true, params: LangIdParams, body: ResolveForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const form = request.body;
      return handleForm(
        request,
        reply,
        async (errors) => <FlagsPage flags={await knowledge.flags(actor)} errors={errors} />,
        async () => {
          await knowledge.resolveFlag(actor, request.params.id, form.note);
          return `/${request.params.lang}/admin/knowledge/flags?resolved=1`;
        },
      );
    },
  );

  const ArticleQuery = Type.Object({ flagged: Type.Optional(Text({ maxLength: 5 })), kq: Type.Optional(Text({ maxLength: 2000 })) });
  app.get('/:lang/admin/knowledge/articles/:id', { schema: { hide: true, params: LangIdParams, querystring: ArticleQuery } }, async (request, reply) => {
    const actor = requireActorPage(request);
    const data = await knowledge.read(actor, request.params.id);
    // The knowledge panel on this page works as it does in any host page: its GET form reloads the page with kq.
    const kq = (request.query.kq ?? '').slice(0, 500);
    const panel = { q: kq, results: kq.trim() ? (await knowledge.search(actor, { q: kq, lang: request.params.lang, limit: PANEL_RESULTS })).results : [] };
    return renderPage(request, reply, <ArticleStaffPage {...data} flagged={request.query.flagged === '1'} panel={panel} />);
  });

  const StaffVersionParams = Type.Object({
    lang: LangParams.properties.lang,
    id: Text({ maxLength: 80 }),
    version: BoundedInteger({ minimum: 1, maximum: 100000 }),
  });
  app.get('/:lang/admin/knowledge/articles/:id/versions/:version', { schema: { hide: true, params: StaffVersionParams } }, async (request, reply) => {
    const actor = requireActorPage(request);
    const data = await knowledge.version(actor, request.params.id, request.params.version);
    return renderPage(request, reply, <VersionPage {...data} staff />);
  });

  app.post(
    '/:lang/admin/knowledge/articles/:id/flags',
    { schema: { hide: true, params: LangIdParams, body: FlagForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const data = await knowledge.read(actor, request.params.id);
      const form = request.body;
      return handleForm(
        request,
        reply,
        (errors) => <ArticleStaffPage {...data} errors={errors} values={form} />,
        async () => {
          await knowledge.flag(actor, data.article.id, form);
          return `/${request.params.lang}/admin/knowledge/articles/${data.article.slug}?flagged=1`;
        },
      );
    },
  );

  const EditQuery = Type.Object({ notice: Type.Optional(Type.Enum(['saved', 'published', 'created'])) });
  app.get('/:lang/admin/knowledge/articles/:id/edit', { schema: { hide: true, params: LangIdParams, querystring: EditQuery } }, async (request, reply) => {
    const actor = requireActorPage(request);
    const data = await knowledge.editableArticle(actor, request.params.id);
    return renderPage(
      request,
      reply,
      <ArticleEditPage article={data.article} versions={data.versions} {...await formChoices(actor, false)} notice={request.query.notice} />,
    );
  });

  app.post(
    '/:lang/admin/knowledge/articles/:id/edit',
    { schema: { hide: true, params: LangIdParams, body: EditForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const data = await knowledge.editableArticle(actor, request.params.id);
      const choices = await formChoices(actor, false);
      const form = request.body;
      return handleForm(
        request,
        reply,
        (errors) => <ArticleEditPage article={data.article} versions={data.versions} {...choices} errors={errors} values={formValues(form)} />,
        async () => {
          if (!form.revision) throw new AppError(400, 'validation.failed', { fields: [{ field: 'revision', code: 'validation.required' }] });
          const publish = form.action === 'publish';
          await knowledge.update(actor, data.article.id, form.revision, contentFromForm(form), { publish, note: form.note });
          return `/${request.params.lang}/admin/knowledge/articles/${data.article.slug}/edit?notice=${publish ? 'published' : 'saved'}`;
        },
      );
    },
  );
}
