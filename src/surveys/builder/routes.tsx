// The survey builder: the JSON API (/api/v1/surveys…) and the back-office pages (/{lang}/admin/surveys…) to create, edit, open and close surveys.
import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/types.ts';
import type { Services } from '../../services.ts';
import { errorResponses, BoundedInteger, Text, Nullable } from '../../platform/http/schemas.ts';
import { handleForm } from '../../platform/http/forms.ts';
import { renderPage } from '../../platform/views/render.tsx';
import { authorise, gateRoutes, requireActorPage } from '../../identity/guards.ts';
import { AppError } from '../../platform/http/errors.ts';
import { toAppError } from '../../platform/http/error-handler.tsx';
import type { Language } from '../../platform/i18n/languages.ts';
import type { Actor } from '../../identity/actor.ts';
import { type QuestionKind } from '../model.ts';
import { canCreateSomeSurvey, canCreateSurvey, type SurveyOwner } from '../authorisation.ts';
import { CHANNELS } from '../service.ts';
import { dayToClosing, dayToOpening, localizedFrom, one, questionFromForm, type FormValues } from '../forms.ts';
import { NewSurveyPage, QuestionEditPage, SurveyEditPage, SurveyListPage } from './pages.tsx';
import { QuestionPageParams, SurveyPageParams, bodyOf, pageSchema, versionOf } from '../route-parts.ts';
import {
  CompletenessOut,
  Id,
  ItemOut,
  Kind,
  Localized,
  LocalizedOut,
  QuestionBody,
  QuestionOut,
  SurveyOut,
  Version,
  questionFromBody,
  questionJson,
  session,
  surveyJson,
  SurveyParams,
} from '../schemas.ts';

/** The owners an actor may create surveys for. */
const ownersOf = (actor: Actor): SurveyOwner[] => (['organisation', 'region'] as const).filter((owner) => canCreateSurvey(actor, owner));

export function builderRoutes(app: App, { surveys, config }: Services) {
  // Who may start a survey at all (which owner is the service's rule, canCreateSurvey).
  gateRoutes(app, ['/:lang/admin/surveys/new'], canCreateSomeSurvey);
  // ---- API: the builder
  app.get(
    '/api/v1/surveys',
    {
      schema: {
        tags: ['surveys'],
        summary: "The surveys of the caller's organisation (and regional ones for the competence center)",
        security: session,
        response: { 200: Type.Array(SurveyOut), ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const actor = requireActorPage(request);
      return (await surveys.list(actor)).map((survey) => surveyJson(survey, survey.state));
    },
  );

  app.get(
    '/api/v1/surveys/bank',
    {
      schema: {
        tags: ['surveys'],
        summary: 'The question bank and the templates (methodological support)',
        security: session,
        response: {
          200: Type.Object({
            questions: Type.Array(
              Type.Object({
                code: Type.String(),
                category: Type.String(),
                kind: Kind,
                required: Type.Boolean(),
                text: LocalizedOut,
                help: LocalizedOut,
                options: Type.Array(ItemOut),
                rows: Type.Array(ItemOut),
                scaleMin: Nullable(BoundedInteger()),
                scaleMax: Nullable(BoundedInteger()),
              }),
            ),
            templates: Type.Array(
              Type.Object({ code: Type.String(), title: LocalizedOut, description: LocalizedOut, questionCodes: Type.Array(Type.String()) }),
            ),
          }),
          ...errorResponses(401),
        },
      },
    },
    async (request) => {
      requireActorPage(request);
      return surveys.bank();
    },
  );

  app.post(
    '/api/v1/surveys',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Create a draft survey, blank or from a template',
        security: session,
        body: Type.Object(
          {
            owner: Type.Enum(['organisation', 'region'], { description: "The caller's organisation, or the region (competence center)" }),
            title: Type.Optional(Localized(300)),
            intro: Type.Optional(Localized(2000)),
            templateCode: Type.Optional(Text({ maxLength: 64 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String(), slug: Type.String() }), ...errorResponses(400, 401, 403, 415) },
      },
    },
    async (request, reply) => {
      const created = await surveys.create(requireActorPage(request), {
        owner: request.body.owner,
        title: request.body.title ?? {},
        intro: request.body.intro,
        templateCode: request.body.templateCode,
      });
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/v1/surveys/:id',
    {
      schema: {
        tags: ['surveys'],
        summary: 'A survey with its questions and the completeness of its texts per language',
        security: session,
        params: SurveyParams,
        response: {
          200: Type.Object({ survey: SurveyOut, questions: Type.Array(QuestionOut), completeness: Type.Array(CompletenessOut), canOpen: Type.Boolean() }),
          ...errorResponses(400, 401, 404),
        },
      },
    },
    async (request) => {
      const detail = await surveys.get(requireActorPage(request), request.params.id);
      return {
        survey: surveyJson(detail.survey, detail.state),
        questions: detail.questions.map(questionJson),
        completeness: detail.completeness,
        canOpen: detail.openingProblems.length === 0,
      };
    },
  );

  app.patch(
    '/api/v1/surveys/:id',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Change the texts, dates and distribution of a survey',
        security: session,
        params: SurveyParams,
        body: Type.Object(
          {
            version: Version,
            title: Localized(300),
            intro: Type.Optional(Localized(2000)),
            opensAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
            closesAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
            linkEnabled: Type.Boolean(),
            samplingRate: BoundedInteger({ minimum: 0, maximum: 100 }),
            channels: Type.Optional(Type.Array(Type.Enum(CHANNELS), { maxItems: CHANNELS.length })),
          },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409, 415) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      await surveys.updateSettings(requireActorPage(request), request.params.id, body.version, {
        title: body.title,
        intro: body.intro ?? {},
        opensAt: body.opensAt ? new Date(body.opensAt) : null,
        closesAt: body.closesAt ? new Date(body.closesAt) : null,
        linkEnabled: body.linkEnabled,
        samplingRate: body.samplingRate,
        channels: body.channels ?? [],
      });
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/v1/surveys/:id',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Delete a draft without responses',
        security: session,
        params: SurveyParams,
        querystring: Type.Object({ version: Version }),
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await surveys.remove(requireActorPage(request), request.params.id, request.query.version);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/surveys/:id/questions',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Add a question at the end (drafts only): a copy of a bank question, or written by hand',
        security: session,
        params: SurveyParams,
        body: Type.Object(
          {
            version: Version,
            bankCode: Type.Optional(Text({ maxLength: 64, description: 'A bank question to copy…' })),
            question: Type.Optional(QuestionBody),
          },
          { additionalProperties: false, description: '…or a question written by hand: exactly one of bankCode and question' },
        ),
        response: { 201: Type.Object({ id: Type.String() }), ...errorResponses(400, 401, 403, 404, 409, 415) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      if ((body.bankCode === undefined) === (body.question === undefined)) {
        throw new AppError(400, 'validation.failed', { fields: [{ field: 'bankCode', code: 'surveys.bankOrQuestion' }] });
      }
      const input = body.bankCode !== undefined ? { bankCode: body.bankCode } : questionFromBody(body.question!);
      const id = await surveys.addQuestion(requireActorPage(request), request.params.id, body.version, input);
      return reply.code(201).send({ id });
    },
  );

  const QuestionParams = Type.Object({ id: Id, questionId: Id });
  app.put(
    '/api/v1/surveys/:id/questions/:questionId',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Replace a question (drafts only; its kind stays)',
        security: session,
        params: QuestionParams,
        body: Type.Object({ version: Version, question: QuestionBody }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409, 415) },
      },
    },
    async (request, reply) => {
      await surveys.updateQuestion(
        requireActorPage(request),
        request.params.id,
        request.params.questionId,
        request.body.version,
        questionFromBody(request.body.question),
      );
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/v1/surveys/:id/questions/:questionId',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Remove a question (drafts only)',
        security: session,
        params: QuestionParams,
        querystring: Type.Object({ version: Version }),
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await surveys.deleteQuestion(requireActorPage(request), request.params.id, request.params.questionId, request.query.version);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/surveys/:id/questions/:questionId/move',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Move a question one place up or down (drafts only)',
        security: session,
        params: QuestionParams,
        body: Type.Object({ version: Version, direction: Type.Enum(['up', 'down']) }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409, 415) },
      },
    },
    async (request, reply) => {
      await surveys.moveQuestion(requireActorPage(request), request.params.id, request.params.questionId, request.body.version, request.body.direction);
      return reply.code(204).send(null);
    },
  );

  for (const action of ['open', 'close'] as const) {
    app.post(
      `/api/v1/surveys/:id/${action}`,
      {
        schema: {
          tags: ['surveys'],
          summary: action === 'open' ? 'Open a survey (French and Dutch texts must be complete)' : 'Close a survey',
          security: session,
          params: SurveyParams,
          body: Type.Object({ version: Version }, { additionalProperties: false }),
          response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409, 415) },
        },
      },
      async (request, reply) => {
        await surveys[action](requireActorPage(request), request.params.id, request.body.version);
        return reply.code(204).send(null);
      },
    );
  }

  app.get('/:lang/admin/surveys', { schema: pageSchema }, async (request, reply) => {
    const actor = requireActorPage(request);
    return renderPage(request, reply, <SurveyListPage surveys={await surveys.list(actor)} owners={ownersOf(actor)} />);
  });

  app.get('/:lang/admin/surveys/new', { schema: pageSchema }, async (request, reply) => {
    const actor = requireActorPage(request);
    const owners = ownersOf(actor);
    return renderPage(request, reply, <NewSurveyPage templates={(await surveys.bank()).templates} owners={owners} />);
  });

  app.post('/:lang/admin/surveys/new', { schema: pageSchema }, async (request, reply) => {
    const actor = requireActorPage(request);
    const owners = ownersOf(actor);
    const form = bodyOf(request);
    return handleForm(
      request,
      reply,
      async (errors) => <NewSurveyPage templates={(await surveys.bank()).templates} owners={owners} errors={errors} values={form} />,
      async () => {
        const owner = one(form.owner) === 'region' ? 'region' : 'organisation';
        const { id } = await surveys.create(actor, { owner, title: localizedFrom(form, 'title'), templateCode: one(form.templateCode) || undefined });
        return `/${request.params.lang}/admin/surveys/${id}`;
      },
    );
  });

  const editPage = async (request: FastifyRequest, errors?: Parameters<typeof SurveyEditPage>[0]['errors'], values?: FormValues) => {
    const actor = requireActorPage(request);
    const { id } = request.params as { id: string };
    const [detail, bank] = await Promise.all([surveys.get(actor, id), surveys.bank()]);
    return <SurveyEditPage detail={detail} bank={bank} errors={errors} values={values} publicUrl={config.publicUrl} />;
  };

  app.get('/:lang/admin/surveys/:id', { schema: { hide: true, params: SurveyPageParams } }, async (request, reply) =>
    renderPage(request, reply, await editPage(request)),
  );

  /** A builder action posted from the survey page: re-renders it with the errors, or goes back to it. */
  const surveyAction = (path: string, run: (actor: Actor, id: string, form: FormValues, lang: Language) => Promise<string | void>, keepValues = false) =>
    app.post(path, { schema: { hide: true, params: SurveyPageParams } }, async (request, reply) => {
      const actor = requireActorPage(request);
      const form = bodyOf(request);
      return handleForm(
        request,
        reply,
        (errors) => editPage(request, errors, keepValues ? form : undefined),
        async () => (await run(actor, request.params.id, form, request.params.lang)) ?? `/${request.params.lang}/admin/surveys/${request.params.id}`,
      );
    });

  surveyAction(
    '/:lang/admin/surveys/:id/settings',
    async (actor, id, form) => {
      const fieldErrors = [];
      let opensAt: Date | null = null;
      let closesAt: Date | null = null;
      try {
        opensAt = dayToOpening(one(form.opensOn), 'opensOn');
      } catch (error) {
        fieldErrors.push(...(toAppError(error as Error).options.fields ?? []));
      }
      try {
        closesAt = dayToClosing(one(form.closesOn), 'closesOn');
      } catch (error) {
        fieldErrors.push(...(toAppError(error as Error).options.fields ?? []));
      }
      const rate = one(form.samplingRate).trim() === '' ? 0 : Number(one(form.samplingRate));
      if (!Number.isInteger(rate) || rate < 0 || rate > 100) fieldErrors.push({ field: 'samplingRate', code: 'surveys.samplingRateRange' });
      if (fieldErrors.length) throw new AppError(400, 'validation.failed', { fields: fieldErrors });
      await surveys.updateSettings(actor, id, versionOf(form), {
        title: localizedFrom(form, 'title'),
        intro: localizedFrom(form, 'intro'),
        opensAt,
        closesAt,
        linkEnabled: one(form.linkEnabled) === 'yes',
        samplingRate: rate,
        channels: [form.channels ?? []].flat(),
      });
    },
    true,
  );
  surveyAction('/:lang/admin/surveys/:id/open', (actor, id, form) => surveys.open(actor, id, versionOf(form)));
  surveyAction('/:lang/admin/surveys/:id/close', (actor, id, form) => surveys.close(actor, id, versionOf(form)));
  surveyAction('/:lang/admin/surveys/:id/delete', async (actor, id, form, lang) => {
    await surveys.remove(actor, id, versionOf(form));
    return `/${lang}/admin/surveys`;
  });
  surveyAction('/:lang/admin/surveys/:id/questions', async (actor, id, form) => {
    await surveys.addQuestion(actor, id, versionOf(form), { bankCode: one(form.bankCode) });
  });

  const QuestionAction = (suffix: string, run: (actor: Actor, id: string, questionId: string, form: FormValues) => Promise<void>) =>
    app.post(`/:lang/admin/surveys/:id/questions/:questionId/${suffix}`, { schema: { hide: true, params: QuestionPageParams } }, async (request, reply) => {
      const actor = requireActorPage(request);
      const form = bodyOf(request);
      return handleForm(
        request,
        reply,
        (errors) => editPage(request, errors),
        async () => {
          await run(actor, request.params.id, request.params.questionId, form);
          return `/${request.params.lang}/admin/surveys/${request.params.id}`;
        },
      );
    });
  QuestionAction('move', (actor, id, questionId, form) =>
    surveys.moveQuestion(actor, id, questionId, versionOf(form), one(form.direction) === 'up' ? 'up' : 'down'),
  );
  QuestionAction('delete', (actor, id, questionId, form) => surveys.deleteQuestion(actor, id, questionId, versionOf(form)));

  // The question editor (new: ?kind=…)
  const KindQuery = Type.Object({ kind: Type.Optional(Kind) });
  app.get('/:lang/admin/surveys/:id/questions/new', { schema: { hide: true, params: SurveyPageParams, querystring: KindQuery } }, async (request, reply) => {
    const detail = await surveys.get(requireActorPage(request), request.params.id);
    authorise(detail.manageable);
    return renderPage(request, reply, <QuestionEditPage survey={detail.survey} question={null} kind={request.query.kind ?? 'single'} />);
  });
  app.post('/:lang/admin/surveys/:id/questions/new', { schema: { hide: true, params: SurveyPageParams, querystring: KindQuery } }, async (request, reply) => {
    const actor = requireActorPage(request);
    const form = bodyOf(request);
    const kind: QuestionKind = request.query.kind ?? 'single';
    return handleForm(
      request,
      reply,
      async (errors) => (
        <QuestionEditPage survey={(await surveys.get(actor, request.params.id)).survey} question={null} kind={kind} errors={errors} values={form} />
      ),
      async () => {
        await surveys.addQuestion(actor, request.params.id, versionOf(form), questionFromForm(form, kind, null));
        return `/${request.params.lang}/admin/surveys/${request.params.id}`;
      },
    );
  });

  const questionOf = async (actor: Actor, id: string, questionId: string) => {
    const detail = await surveys.get(actor, id);
    const question = detail.questions.find((q) => q.id === questionId);
    if (!question) throw new AppError(404, 'surveys.question_not_found');
    return { detail, question };
  };
  app.get('/:lang/admin/surveys/:id/questions/:questionId', { schema: { hide: true, params: QuestionPageParams } }, async (request, reply) => {
    const { detail, question } = await questionOf(requireActorPage(request), request.params.id, request.params.questionId);
    authorise(detail.manageable);
    return renderPage(request, reply, <QuestionEditPage survey={detail.survey} question={question} kind={question.kind} />);
  });
  app.post('/:lang/admin/surveys/:id/questions/:questionId', { schema: { hide: true, params: QuestionPageParams } }, async (request, reply) => {
    const actor = requireActorPage(request);
    const form = bodyOf(request);
    const { detail, question } = await questionOf(actor, request.params.id, request.params.questionId);
    return handleForm(
      request,
      reply,
      async (errors) => (
        <QuestionEditPage
          survey={(await surveys.get(actor, request.params.id)).survey}
          question={question}
          kind={question.kind}
          errors={errors}
          values={form}
        />
      ),
      async () => {
        await surveys.updateQuestion(actor, detail.survey.id, question.id, versionOf(form), questionFromForm(form, question.kind, question));
        return `/${request.params.lang}/admin/surveys/${request.params.id}`;
      },
    );
  });
}
