// HTTP for the orientation thesaurus: its public SKOS exports (Turtle, JSON-LD) and the editors' screens (list, create,
// edit, delete).
import { Type } from 'typebox';
import type { App } from '../../platform/http/types.ts';
import type { Services } from '../../services.ts';
import { LangParams, Text } from '../../platform/http/schemas.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { handleForm } from '../../platform/http/forms.ts';
import { renderPage } from '../../platform/views/render.tsx';
import { requireActorPage } from '../../identity/guards.ts';
import { LANGUAGES, type Language } from '../../platform/i18n/languages.ts';
import { ConceptPage, ThesaurusPage } from '../pages/thesaurus.tsx';
import type { ConceptInput } from './service.ts';

const suffixOf = (l: Language) => `${l[0]!.toUpperCase()}${l[1]}`;

/** The concept form, flat as HTML posts it. */
const ConceptForm = Type.Object({
  version: Type.Optional(Text({ maxLength: 12 })),
  code: Type.Optional(Text({ maxLength: 80 })),
  ...Object.fromEntries(
    LANGUAGES.flatMap((l) => [
      [`pref${suffixOf(l)}`, Type.Optional(Text({ maxLength: 80 }))],
      [`alt${suffixOf(l)}`, Type.Optional(Text({ maxLength: 4000 }))],
    ]),
  ),
  related: Type.Optional(Text({ maxLength: 2000 })),
  services: Type.Optional(Text({ maxLength: 2000 })),
  status: Type.Optional(Type.Enum(['draft', 'published'])),
});
type ConceptFormBody = Record<string, string | undefined>;

const list = (raw: string | undefined, separators: RegExp) =>
  (raw ?? '')
    .split(separators)
    .map((item) => item.trim())
    .filter(Boolean);

/** The concept a form posts (alternative labels one per line or separated by commas or semicolons). */
export function conceptFromForm(form: ConceptFormBody): ConceptInput {
  return {
    labels: Object.fromEntries(LANGUAGES.map((l) => [l, { pref: form[`pref${suffixOf(l)}`] ?? '', alt: list(form[`alt${suffixOf(l)}`], /[\n;,]/) }])),
    related: list(form.related, /[\s,;]+/),
    services: list(form.services, /[\s,;]+/),
    status: form.status === 'published' ? 'published' : 'draft',
  };
}

/** The service names fields by path ("pref.fr"), the form by input name ("prefFr"). */
function formFields<T>(action: () => Promise<T>): Promise<T> {
  return action().catch((error: unknown) => {
    if (error instanceof AppError && error.options.fields) {
      const fields: FieldError[] = error.options.fields.map((f) => {
        const [head, l] = f.field.split('.');
        return { ...f, field: l && (LANGUAGES as readonly string[]).includes(l) ? `${head}${suffixOf(l as Language)}` : f.field };
      });
      throw new AppError(error.status, error.code, { ...error.options, fields });
    }
    throw error;
  });
}

export function thesaurusRoutes(app: App, { catalogue, config }: Services) {
  const thesaurus = catalogue.thesaurus;

  app.get(
    '/api/v1/catalogue/thesaurus.ttl',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'The published orientation thesaurus as SKOS (Turtle): concepts, labels in FR/NL/EN, related concepts, services',
        produces: ['text/turtle'],
      },
    },
    async (_request, reply) => reply.header('content-type', 'text/turtle; charset=utf-8').send(await thesaurus.turtle(config.publicUrl)),
  );

  app.get(
    '/api/v1/catalogue/thesaurus.jsonld',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'The published orientation thesaurus as SKOS in JSON-LD: the same graph as the Turtle export',
        produces: ['application/ld+json'],
      },
    },
    async (_request, reply) =>
      reply.header('content-type', 'application/ld+json; charset=utf-8').send(JSON.stringify(await thesaurus.jsonLd(config.publicUrl))),
  );

  const base = (lang: Language) => `/${lang}/admin/catalogue/thesaurus`;
  const Notice = Type.Object({ notice: Type.Optional(Type.Enum(['created', 'saved', 'deleted'])) });
  const ConceptParams = Type.Object({ lang: LangParams.properties.lang, code: Text({ maxLength: 80 }) });

  app.get('/:lang/admin/catalogue/thesaurus', { schema: { hide: true, params: LangParams, querystring: Notice } }, async (request, reply) => {
    const concepts = await thesaurus.list();
    return renderPage(request, reply, <ThesaurusPage concepts={concepts} notice={request.query.notice} />);
  });

  app.get('/:lang/admin/catalogue/thesaurus/new', { schema: { hide: true, params: LangParams } }, async (request, reply) => {
    return renderPage(request, reply, <ConceptPage />);
  });

  app.post(
    '/:lang/admin/catalogue/thesaurus',
    { schema: { hide: true, params: LangParams, body: ConceptForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const form: ConceptFormBody = request.body;
      return handleForm(
        request,
        reply,
        (errors) => <ConceptPage values={form} errors={errors} />,
        () =>
          formFields(async () => {
            const created = await thesaurus.create(actor, (form.code ?? '').trim(), conceptFromForm(form), request.id);
            return `${base(request.params.lang)}/${created.code}?notice=created`;
          }),
      );
    },
  );

  app.get('/:lang/admin/catalogue/thesaurus/:code', { schema: { hide: true, params: ConceptParams, querystring: Notice } }, async (request, reply) => {
    const concept = await thesaurus.get(request.params.code);
    return renderPage(request, reply, <ConceptPage concept={concept} notice={request.query.notice} />);
  });

  app.post(
    '/:lang/admin/catalogue/thesaurus/:code',
    { schema: { hide: true, params: ConceptParams, body: ConceptForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const concept = await thesaurus.get(request.params.code);
      const form: ConceptFormBody = request.body;
      return handleForm(
        request,
        reply,
        (errors) => <ConceptPage concept={concept} values={form} errors={errors} />,
        () =>
          formFields(async () => {
            await thesaurus.update(actor, concept.code, versionOf(form), conceptFromForm(form), request.id);
            return `${base(request.params.lang)}/${concept.code}?notice=saved`;
          }),
      );
    },
  );

  app.post(
    '/:lang/admin/catalogue/thesaurus/:code/delete',
    { schema: { hide: true, params: ConceptParams, body: Type.Object({ version: Type.Optional(Text({ maxLength: 12 })) }) }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const concept = await thesaurus.get(request.params.code);
      const form: ConceptFormBody = request.body;
      return handleForm(
        request,
        reply,
        (errors) => <ConceptPage concept={concept} errors={errors} />,
        async () => {
          await thesaurus.remove(actor, concept.code, versionOf(form), request.id);
          return `${base(request.params.lang)}?notice=deleted`;
        },
      );
    },
  );
}

function versionOf(form: ConceptFormBody): number {
  const version = Number(form.version);
  if (!Number.isInteger(version) || version < 1)
    throw new AppError(400, 'validation.failed', { fields: [{ field: 'form', code: 'errors.catalogue.concept_stale' }] });
  return version;
}
