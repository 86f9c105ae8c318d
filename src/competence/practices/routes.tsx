// The library of good practices: the JSON API under /api/v1/competence and the back-office pages under /{lang}/competence.
import { Type, type Static } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/types.ts';
import type { Services } from '../../services.ts';
import { errorResponses, LangParams, BoundedInteger, Text } from '../../platform/http/schemas.ts';
import { handleForm } from '../../platform/http/forms.ts';
import { renderPage } from '../../platform/views/render.tsx';
import { gateRoutes, requireActorPage } from '../../identity/guards.ts';
import { type FieldError } from '../../platform/http/errors.ts';
import { canViewRegion } from '../authorisation.ts';
import { DIMENSIONS, isDimension } from '../scoring.ts';
import { PracticePage, PracticesPage } from './pages.tsx';
import { NewPracticeBody, PracticeChangesBody } from './schemas.ts';
import { PRACTICE_PLACES } from '../repository.ts';
import { IdPageParams, IdParams, emptyToNull, formTexts, session, tags, page, LangFields } from '../route-parts.ts';
import { formValues, type FormValues } from '../../platform/http/form-values.ts';

const PracticeForm = Type.Object({
  version: Type.Optional(BoundedInteger({ minimum: 1 })),
  ...LangFields('title', 300),
  place: Type.Enum(PRACTICE_PLACES),
  dimension: Type.Enum(DIMENSIONS),
  ...LangFields('description', 4000),
  ...LangFields('outcome', 4000),
  sourceLabel: Text({ minLength: 1, maxLength: 300 }),
  sourceUrl: Type.Optional(Type.Union([Type.Literal(''), Type.String({ pattern: '^https?://\\S+$', maxLength: 500 })])),
});

export function practiceRoutes(app: App, { competence }: Services) {
  // One practice's page (and its edit form) is the competence center's; the list is for every staff member.
  gateRoutes(app, ['/:lang/competence/practices/:id'], canViewRegion);
  app.get(
    '/api/v1/competence/practices',
    {
      schema: {
        tags,
        summary: 'The library of good practices',
        security: session,
        querystring: Type.Object({ dimension: Type.Optional(Type.Enum(DIMENSIONS)), place: Type.Optional(Type.Enum(PRACTICE_PLACES)) }),
        response: { 200: Type.Object({ practices: Type.Array(Type.Ref('CompetencePractice')) }), ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      requireActorPage(request);
      return { practices: await competence.listPractices(request.query) };
    },
  );

  app.post(
    '/api/v1/competence/practices',
    {
      schema: {
        tags,
        summary: 'Add a good practice (competence center)',
        security: session,
        body: NewPracticeBody,
        response: { 201: Type.Ref('CompetencePractice'), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const practice = await competence.createPractice(requireActorPage(request), { ...request.body, sourceUrl: request.body.sourceUrl ?? null });
      return reply.code(201).send(practice);
    },
  );

  app.patch(
    '/api/v1/competence/practices/:id',
    {
      schema: {
        tags,
        summary: 'Edit a good practice (competence center; texts in the request language)',
        security: session,
        params: IdParams,
        body: PracticeChangesBody,
        response: { 200: Type.Ref('CompetencePractice'), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      competence.updatePractice(
        requireActorPage(request),
        request.params.id,
        request.body.version,
        { ...request.body, sourceUrl: request.body.sourceUrl ?? null },
        request.lang,
      ),
  );
  // ---- good practices
  const PracticeFilter = Type.Object({
    dimension: Type.Optional(Type.Union([Type.Literal(''), Type.Enum(DIMENSIONS)])),
    place: Type.Optional(Type.Union([Type.Literal(''), Type.Enum(PRACTICE_PLACES)])),
  });
  const practicesPage = async (request: FastifyRequest, filter: Static<typeof PracticeFilter>, errors?: FieldError[], values?: FormValues) => {
    const dimension = isDimension(filter.dimension) ? filter.dimension : undefined;
    const place = filter.place ? filter.place : undefined;
    return <PracticesPage practices={await competence.listPractices({ dimension, place })} filter={{ dimension, place }} errors={errors} values={values} />;
  };

  app.get('/:lang/competence/practices', { schema: { hide: true, params: LangParams, querystring: PracticeFilter } }, async (request, reply) => {
    requireActorPage(request);
    return renderPage(request, reply, await practicesPage(request, request.query));
  });

  app.post('/:lang/competence/practices', { schema: { ...page, body: PracticeForm }, attachValidation: true }, async (request, reply) => {
    const actor = requireActorPage(request);
    const form = request.body;
    const language = request.params.lang;
    return handleForm(
      request,
      reply,
      (errors) => practicesPage(request, {}, errors, formValues(form)),
      async () => {
        await competence.createPractice(actor, {
          title: formTexts(form, 'title'),
          description: formTexts(form, 'description'),
          outcome: formTexts(form, 'outcome'),
          place: form.place,
          dimension: form.dimension,
          sourceLabel: form.sourceLabel.trim(),
          sourceUrl: emptyToNull(form.sourceUrl),
        });
        return `/${language}/competence/practices`;
      },
    );
  });

  app.get('/:lang/competence/practices/:id', { schema: { hide: true, params: IdPageParams } }, async (request, reply) => {
    return renderPage(request, reply, <PracticePage practice={await competence.getPractice(request.params.id)} />);
  });

  app.post(
    '/:lang/competence/practices/:id',
    { schema: { hide: true, params: IdPageParams, body: PracticeForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const practice = await competence.getPractice(request.params.id);
      const form = request.body;
      return handleForm(
        request,
        reply,
        (errors) => <PracticePage practice={practice} errors={errors} values={formValues(form)} />,
        async () => {
          await competence.updatePractice(
            actor,
            practice.id,
            form.version ?? 0,
            {
              title: formTexts(form, 'title'),
              description: formTexts(form, 'description'),
              outcome: formTexts(form, 'outcome'),
              place: form.place,
              dimension: form.dimension,
              sourceLabel: form.sourceLabel,
              sourceUrl: emptyToNull(form.sourceUrl),
            },
            request.params.lang,
          );
          return `/${request.params.lang}/competence/practices`;
        },
      );
    },
  );
}
