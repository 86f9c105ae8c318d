// HTTP for custom surveys: the JSON API (/api/v1/surveys…, TypeBox schemas → OpenAPI), the builder pages
// (/{lang}/admin/surveys…), and the respondent pages (/{lang}/surveys/{slug}, /{lang}/surveys/invitations/{token}).
import { Type, type Static } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../platform/http/types.ts';
import { sendCsvAttachment } from '../platform/http/csv.ts';
import type { Services } from '../services.ts';
import { errorResponses, LangParams, LanguageSchema, BoundedInteger, Text, Uuid, Nullable } from '../platform/http/schemas.ts';
import { handleForm } from '../platform/http/forms.ts';
import { renderPage } from '../platform/views/render.tsx';
import { requireActorApi, requireActorPage } from '../identity/guards.ts';
import { AppError } from '../platform/http/errors.ts';
import { toAppError } from '../platform/http/error-handler.tsx';
import type { Language, LocalizedText } from '../platform/i18n/languages.ts';
import type { Actor } from '../identity/actor.ts';
import { QUESTION_KINDS, type QuestionFields, type QuestionKind, type SurveyQuestion, type SurveyRecord } from './model.ts';
import { canCreateSurvey, usesSurveys, type SurveyOwner } from './authorisation.ts';
import { CHANNELS } from './service.ts';
import { dayToClosing, dayToOpening, formAnswers, jsonAnswers, localizedFrom, one, questionFromForm, type FormValues } from './forms.ts';
import { rawAnswersCsv, resultsCsv } from './exports.ts';
import { isFiltered, SOURCES } from './filters.ts';
import { NewSurveyPage, QuestionEditPage, RespondPage, SurveyEditPage, SurveyListPage, SurveyResultsPage, SurveyThanksPage, SurveyUnavailablePage } from './pages.tsx';

const session = [{ session: [] }];
const Id = Uuid();
const Slug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', minLength: 3, maxLength: 80 });
const Token = Text({ minLength: 1, maxLength: 200 });
const Version = BoundedInteger({ minimum: 1, description: 'The version read; a stale one is refused with 409' });
const Localized = (maxLength = 500) =>
  Type.Object({ fr: Type.Optional(Text({ maxLength })), nl: Type.Optional(Text({ maxLength })), en: Type.Optional(Text({ maxLength })) }, { additionalProperties: false });
const ItemSchema = Type.Object({ value: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 40 }), label: Localized(200) }, { additionalProperties: false });
const Kind = Type.Enum(QUESTION_KINDS);
const QuestionBody = Type.Object(
  {
    kind: Kind,
    required: Type.Optional(Type.Boolean()),
    text: Localized(),
    help: Type.Optional(Localized()),
    options: Type.Optional(Type.Array(ItemSchema, { maxItems: 20 })),
    rows: Type.Optional(Type.Array(ItemSchema, { maxItems: 20 })),
    scaleMin: Type.Optional(BoundedInteger({ minimum: 0, maximum: 10 })),
    scaleMax: Type.Optional(BoundedInteger({ minimum: 0, maximum: 10 })),
    scaleLabels: Type.Optional(Type.Object({ min: Type.Optional(Localized(100)), max: Type.Optional(Localized(100)) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
type QuestionBody = Static<typeof QuestionBody>;

const LocalizedOut = Type.Object({ fr: Type.Optional(Type.String()), nl: Type.Optional(Type.String()), en: Type.Optional(Type.String()) });
const ItemOut = Type.Object({ value: Type.String(), label: LocalizedOut });
const SurveyOut = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  owner: Type.Object({ kind: Type.Enum(['organisation', 'region']), code: Nullable(Type.String()) }),
  title: LocalizedOut,
  intro: LocalizedOut,
  status: Type.Enum(['draft', 'open', 'closed']),
  state: Type.Enum(['draft', 'scheduled', 'open', 'closed'], { description: 'Whether it can be answered now' }),
  opensAt: Nullable(Type.String({ format: 'date-time' })),
  closesAt: Nullable(Type.String({ format: 'date-time' })),
  linkEnabled: Type.Boolean(),
  samplingRate: BoundedInteger({ description: '% of contacts invited after a contact (0 = none)' }),
  channels: Type.Array(Type.String()),
  version: BoundedInteger(),
  responses: BoundedInteger(),
});
const QuestionOut = Type.Object({
  id: Type.String(),
  position: BoundedInteger(),
  kind: Kind,
  required: Type.Boolean(),
  text: LocalizedOut,
  help: LocalizedOut,
  options: Type.Array(ItemOut),
  rows: Type.Array(ItemOut),
  scaleMin: Nullable(BoundedInteger()),
  scaleMax: Nullable(BoundedInteger()),
  scaleLabels: Type.Object({ min: Type.Optional(LocalizedOut), max: Type.Optional(LocalizedOut) }),
});
const CompletenessOut = Type.Object({ language: LanguageSchema, total: BoundedInteger(), filled: BoundedInteger(), missing: Type.Array(Type.String()), complete: Type.Boolean() });
const Figure = Nullable(Type.Number());
const CellOut = Type.Object({ value: Type.String(), label: LocalizedOut, count: Nullable(BoundedInteger()), percent: Figure });
const ResultOut = Type.Object({
  questionId: Type.String(),
  position: BoundedInteger(),
  kind: Kind,
  text: LocalizedOut,
  respondents: BoundedInteger({ description: 'Responses that answered this question (the count every figure rests on)' }),
  suppressed: Type.Boolean({ description: 'Figures hidden: fewer than 10 answers, shown outside the owner' }),
  cells: Type.Array(CellOut),
  mean: Figure,
  topTwo: Figure,
  nps: Nullable(Type.Object({ score: Type.Number(), promoters: Type.Number(), passives: Type.Number(), detractors: Type.Number() })),
  rows: Type.Array(Type.Object({ value: Type.String(), label: LocalizedOut, respondents: BoundedInteger(), suppressed: Type.Boolean(), cells: Type.Array(CellOut), mean: Figure })),
});
const AnswersBody = Type.Object(
  {
    answers: Type.Record(Uuid(), Type.Union([BoundedInteger(), Text({ maxLength: 2000 }), Type.Array(Text({ maxLength: 40 }), { maxItems: 20 }), Type.Record(Type.String(), Text({ maxLength: 40 }))]), {
      description: 'Question id → answer: a number (rating, NPS), an option value (single), option values (multiple), a text, or row → option value (matrix)',
      maxProperties: 60,
    }),
  },
  { additionalProperties: false },
);

/** Results filters (docs/decisions/0017): lenient strings here, read by parseResultFilters for errors per field. */
const ResultFilterQuery = {
  from: Type.Optional(Text({ maxLength: 20, description: 'First day included, YYYY-MM-DD (Brussels); filters on the submission' })),
  to: Type.Optional(Text({ maxLength: 20, description: 'Last day included, YYYY-MM-DD (Brussels); not before `from`' })),
  source: Type.Optional(Type.String({ maxLength: 20, description: `How the responses came: ${SOURCES.join(', ')} (a channel is that of the contact behind the invitation)` })),
  organisation: Type.Optional(Text({ maxLength: 64, description: 'Regional surveys: code or id of the organisation of the contact behind the invitation' })),
};
const FiltersOut = Type.Object({ from: Nullable(Type.String()), to: Nullable(Type.String()), source: Nullable(Type.String()), organisation: Nullable(Type.String({ description: 'Organisation code' })) });
const OrganisationCountOut = Type.Object({
  organisationId: Type.String(),
  code: Type.String(),
  name: LocalizedOut,
  responses: Nullable(BoundedInteger({ description: 'null when hidden outside the owner (fewer than 10, or the next smallest when only one is)' })),
  suppressed: Type.Boolean(),
});

const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);
function surveyJson(survey: SurveyRecord, state: string) {
  return {
    id: survey.id,
    slug: survey.slug,
    owner: { kind: survey.organisationId ? ('organisation' as const) : ('region' as const), code: survey.organisationCode },
    title: survey.title,
    intro: survey.intro,
    status: survey.status,
    state: state as 'draft',
    opensAt: iso(survey.opensAt),
    closesAt: iso(survey.closesAt),
    linkEnabled: survey.linkEnabled,
    samplingRate: survey.samplingRate,
    channels: survey.channels,
    version: survey.version,
    responses: survey.responses,
  };
}
const questionJson = (q: SurveyQuestion) => ({
  id: q.id,
  position: q.position,
  kind: q.kind,
  required: q.required,
  text: q.text,
  help: q.help,
  options: q.options,
  rows: q.rows,
  scaleMin: q.scaleMin,
  scaleMax: q.scaleMax,
  scaleLabels: q.scaleLabels,
});

function questionFromBody(body: QuestionBody): QuestionFields {
  return {
    kind: body.kind,
    required: body.required ?? false,
    text: body.text,
    help: body.help ?? {},
    options: body.options ?? [],
    rows: body.rows ?? [],
    scaleMin: body.scaleMin ?? null,
    scaleMax: body.scaleMax ?? null,
    scaleLabels: body.scaleLabels ?? {},
  };
}

/** The owners an actor may create surveys for. */
const ownersOf = (actor: Actor): SurveyOwner[] => (['organisation', 'region'] as const).filter((owner) => canCreateSurvey(actor, owner));

/** The answer guard of one browser for public links: the surveys it already answered (signed cookie). */
const GUARD_COOKIE = 'irisdesk_surveys';
function answeredInBrowser(request: FastifyRequest, surveyId: string): boolean {
  const raw = request.cookies[GUARD_COOKIE];
  if (!raw) return false;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && (unsigned.value ?? '').split('.').includes(surveyId.replaceAll('-', ''));
}
function rememberAnswered(request: FastifyRequest, reply: FastifyReply, surveyId: string, secure: boolean) {
  const raw = request.cookies[GUARD_COOKIE];
  const unsigned = raw ? request.unsignCookie(raw) : { valid: false, value: null };
  const list = unsigned.valid ? (unsigned.value ?? '').split('.').filter(Boolean) : [];
  const value = [...list.filter((id) => id !== surveyId.replaceAll('-', '')), surveyId.replaceAll('-', '')].slice(-30).join('.');
  reply.setCookie(GUARD_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'lax', secure, signed: true, maxAge: 180 * 86_400 });
}

export function surveysRoutes(app: App, { surveys, config }: Services) {
  const secure = config.secureCookies;

  // ---- API: the builder
  app.get(
    '/api/v1/surveys',
    { schema: { tags: ['surveys'], summary: "The surveys of the caller's organisation (and regional ones for the competence center)", security: session, response: { 200: Type.Array(SurveyOut), ...errorResponses(401, 403) } } },
    async (request) => {
      const actor = requireActorApi(request);
      if (!usesSurveys(actor)) throw new AppError(403, 'forbidden');
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
            questions: Type.Array(Type.Object({ code: Type.String(), category: Type.String(), kind: Kind, required: Type.Boolean(), text: LocalizedOut, help: LocalizedOut, options: Type.Array(ItemOut), rows: Type.Array(ItemOut), scaleMin: Nullable(BoundedInteger()), scaleMax: Nullable(BoundedInteger()) })),
            templates: Type.Array(Type.Object({ code: Type.String(), title: LocalizedOut, description: LocalizedOut, questionCodes: Type.Array(Type.String()) })),
          }),
          ...errorResponses(401),
        },
      },
    },
    async (request) => {
      requireActorApi(request);
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
          { owner: Type.Enum(['organisation', 'region'], { description: "The caller's organisation, or the region (competence center)" }), title: Type.Optional(Localized(300)), intro: Type.Optional(Localized(2000)), templateCode: Type.Optional(Text({ maxLength: 64 })) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String(), slug: Type.String() }), ...errorResponses(400, 401, 403, 415) },
      },
    },
    async (request, reply) => {
      const created = await surveys.create(requireActorApi(request), { owner: request.body.owner, title: request.body.title ?? {}, intro: request.body.intro, templateCode: request.body.templateCode });
      return reply.code(201).send(created);
    },
  );

  const SurveyParams = Type.Object({ id: Id });
  app.get(
    '/api/v1/surveys/:id',
    {
      schema: {
        tags: ['surveys'],
        summary: 'A survey with its questions and the completeness of its texts per language',
        security: session,
        params: SurveyParams,
        response: { 200: Type.Object({ survey: SurveyOut, questions: Type.Array(QuestionOut), completeness: Type.Array(CompletenessOut), canOpen: Type.Boolean() }), ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const detail = await surveys.get(requireActorApi(request), request.params.id);
      return { survey: surveyJson(detail.survey, detail.state), questions: detail.questions.map(questionJson), completeness: detail.completeness, canOpen: detail.openingProblems.length === 0 };
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
      await surveys.updateSettings(requireActorApi(request), request.params.id, body.version, {
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
    { schema: { tags: ['surveys'], summary: 'Delete a draft without responses', security: session, params: SurveyParams, querystring: Type.Object({ version: Version }), response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) } } },
    async (request, reply) => {
      await surveys.remove(requireActorApi(request), request.params.id, request.query.version);
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
          { version: Version, bankCode: Type.Optional(Text({ maxLength: 64, description: 'A bank question to copy…' })), question: Type.Optional(QuestionBody) },
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
      const id = await surveys.addQuestion(requireActorApi(request), request.params.id, body.version, input);
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
      await surveys.updateQuestion(requireActorApi(request), request.params.id, request.params.questionId, request.body.version, questionFromBody(request.body.question));
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/v1/surveys/:id/questions/:questionId',
    { schema: { tags: ['surveys'], summary: 'Remove a question (drafts only)', security: session, params: QuestionParams, querystring: Type.Object({ version: Version }), response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) } } },
    async (request, reply) => {
      await surveys.deleteQuestion(requireActorApi(request), request.params.id, request.params.questionId, request.query.version);
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
      await surveys.moveQuestion(requireActorApi(request), request.params.id, request.params.questionId, request.body.version, request.body.direction);
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
        await surveys[action](requireActorApi(request), request.params.id, request.body.version);
        return reply.code(204).send(null);
      },
    );
  }

  app.get(
    '/api/v1/surveys/:id/results',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Results per question: counts, percentages, means, top two, NPS, matrices (suppressed under 10 answers outside the owner), optionally filtered',
        security: session,
        params: SurveyParams,
        querystring: Type.Object({ lang: Type.Optional(LanguageSchema), ...ResultFilterQuery }),
        response: {
          200: Type.Object({
            survey: SurveyOut,
            suppressed: Type.Boolean(),
            summary: Type.Object({ total: BoundedInteger(), viaLink: BoundedInteger(), viaInvitation: BoundedInteger(), invitations: BoundedInteger({ description: 'Invitations sent (in the period, matching the source and organisation)' }) }),
            results: Type.Array(ResultOut),
            filters: Type.Optional(FiltersOut),
            byOrganisation: Type.Optional(Type.Array(OrganisationCountOut, { description: 'Regional surveys: responses after a contact per organisation (period and source filters applied)' })),
          }),
          ...errorResponses(400, 401, 404),
        },
      },
    },
    async (request) => {
      const data = await surveys.results(requireActorApi(request), request.params.id, request.id, request.query);
      return {
        survey: surveyJson(data.survey, data.state),
        suppressed: data.suppressed,
        summary: data.summary,
        results: data.results,
        ...(isFiltered(data.filters) ? { filters: data.filters } : {}),
        ...(data.byOrganisation ? { byOrganisation: data.byOrganisation } : {}),
      };
    },
  );

  app.get(
    '/api/v1/surveys/:id/results.csv',
    {
      schema: {
        tags: ['surveys'],
        summary: 'The results as CSV (texts in ?lang), with the same optional filters',
        security: session,
        params: SurveyParams,
        querystring: Type.Object({ lang: Type.Optional(LanguageSchema), ...ResultFilterQuery }),
        produces: ['text/csv'],
        response: errorResponses(400, 401, 404),
      },
    },
    async (request, reply) => {
      const data = await surveys.results(requireActorApi(request), request.params.id, request.id, request.query);
      return sendCsvAttachment(reply, `survey-${data.survey.slug}-results.csv`, resultsCsv(data.results, request.lang));
    },
  );

  app.get(
    '/api/v1/surveys/:id/answers.csv',
    { schema: { tags: ['surveys'], summary: 'The anonymised raw answers, one line per response (owner only; audited)', security: session, params: SurveyParams, produces: ['text/csv'], response: errorResponses(400, 401, 403, 404) } },
    async (request, reply) => {
      const data = await surveys.rawAnswers(requireActorApi(request), request.params.id, request.id);
      return sendCsvAttachment(reply, `survey-${data.survey.slug}-answers.csv`, rawAnswersCsv(data.questions, data.responses));
    },
  );

  // ---- API: respondents
  const PublicOut = Type.Object({ survey: SurveyOut, questions: Type.Array(QuestionOut) });
  app.get(
    '/api/v1/surveys/public/:slug',
    { schema: { tags: ['surveys'], summary: 'A published survey (link distribution): 404 unknown or not yet open, 410 closed', params: Type.Object({ slug: Slug }), response: { 200: PublicOut, ...errorResponses(400, 404, 410) } } },
    async (request) => {
      const { survey, state, questions } = await surveys.publicQuestionnaire(request.params.slug);
      if (state === 'scheduled' || state === 'draft') throw new AppError(404, 'surveys.not_yet_open');
      if (state === 'closed') throw new AppError(410, 'surveys.closed');
      return { survey: surveyJson(survey, state), questions: questions.map(questionJson) };
    },
  );

  app.post(
    '/api/v1/surveys/public/:slug/responses',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Answer a published survey (anonymous; throttled per client address)',
        params: Type.Object({ slug: Slug }),
        querystring: Type.Object({ lang: Type.Optional(LanguageSchema) }),
        body: AnswersBody,
        response: { 201: Type.Object({ status: Type.Literal('recorded') }), ...errorResponses(400, 404, 409, 410, 415, 429) },
      },
    },
    async (request, reply) => {
      const survey = (await surveys.publicQuestionnaire(request.params.slug)).survey;
      if (answeredInBrowser(request, survey.id)) throw new AppError(409, 'surveys.already_answered');
      await surveys.submitByLink(request.params.slug, request.ip, request.lang, jsonAnswers(request.body.answers));
      rememberAnswered(request, reply, survey.id, secure);
      return reply.code(201).send({ status: 'recorded' as const });
    },
  );

  const TokenParams = Type.Object({ token: Token });
  app.get(
    '/api/v1/surveys/invitations/:token',
    {
      schema: {
        tags: ['surveys'],
        summary: 'The survey of an invitation after a contact',
        params: TokenParams,
        response: { 200: Type.Object({ state: Type.Enum(['draft', 'scheduled', 'open', 'closed', 'answered', 'expired']), language: LanguageSchema, survey: SurveyOut, questions: Type.Array(QuestionOut) }), ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { survey, invitation, state, questions } = await surveys.invitationQuestionnaire(request.params.token);
      return { state, language: invitation.language as Language, survey: surveyJson(survey, state === 'answered' || state === 'expired' ? 'closed' : state), questions: questions.map(questionJson) };
    },
  );

  app.post(
    '/api/v1/surveys/invitations/:token',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Answer the survey of an invitation (once: a second answer is refused with 409)',
        params: TokenParams,
        querystring: Type.Object({ lang: Type.Optional(LanguageSchema) }),
        body: AnswersBody,
        response: { 201: Type.Object({ status: Type.Literal('recorded') }), ...errorResponses(400, 404, 409, 410, 415) },
      },
    },
    async (request, reply) => {
      await surveys.submitByInvitation(request.params.token, request.lang, jsonAnswers(request.body.answers));
      return reply.code(201).send({ status: 'recorded' as const });
    },
  );

  // ---- Pages: the builder
  const pageSchema = { hide: true, params: LangParams };
  const SurveyPageParams = Type.Object({ lang: LangParams.properties.lang, id: Id });
  const QuestionPageParams = Type.Object({ lang: LangParams.properties.lang, id: Id, questionId: Id });
  const bodyOf = (request: FastifyRequest) => (request.body ?? {}) as FormValues;
  const versionOf = (form: FormValues) => {
    const version = Number(one(form.version));
    if (!Number.isInteger(version) || version < 1) throw new AppError(400, 'validation.failed', { fields: [{ field: 'version', code: 'validation.type' }] });
    return version;
  };

  app.get('/:lang/admin/surveys', { schema: pageSchema }, async (request, reply) => {
    const actor = requireActorPage(request);
    if (!usesSurveys(actor)) throw new AppError(403, 'forbidden');
    return renderPage(request, reply, <SurveyListPage surveys={await surveys.list(actor)} owners={ownersOf(actor)} />);
  });

  app.get('/:lang/admin/surveys/new', { schema: pageSchema }, async (request, reply) => {
    const actor = requireActorPage(request);
    const owners = ownersOf(actor);
    if (!owners.length) throw new AppError(403, 'forbidden');
    return renderPage(request, reply, <NewSurveyPage templates={(await surveys.bank()).templates} owners={owners} />);
  });

  app.post('/:lang/admin/surveys/new', { schema: pageSchema }, async (request, reply) => {
    const actor = requireActorPage(request);
    const owners = ownersOf(actor);
    if (!owners.length) throw new AppError(403, 'forbidden');
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

  app.get('/:lang/admin/surveys/:id', { schema: { hide: true, params: SurveyPageParams } }, async (request, reply) => renderPage(request, reply, await editPage(request)));

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
  QuestionAction('move', (actor, id, questionId, form) => surveys.moveQuestion(actor, id, questionId, versionOf(form), one(form.direction) === 'up' ? 'up' : 'down'));
  QuestionAction('delete', (actor, id, questionId, form) => surveys.deleteQuestion(actor, id, questionId, versionOf(form)));

  // The question editor (new: ?kind=…)
  const KindQuery = Type.Object({ kind: Type.Optional(Kind) });
  app.get('/:lang/admin/surveys/:id/questions/new', { schema: { hide: true, params: SurveyPageParams, querystring: KindQuery } }, async (request, reply) => {
    const detail = await surveys.get(requireActorPage(request), request.params.id);
    if (!detail.manageable) throw new AppError(403, 'forbidden');
    return renderPage(request, reply, <QuestionEditPage survey={detail.survey} question={null} kind={request.query.kind ?? 'single'} />);
  });
  app.post('/:lang/admin/surveys/:id/questions/new', { schema: { hide: true, params: SurveyPageParams, querystring: KindQuery } }, async (request, reply) => {
    const actor = requireActorPage(request);
    const form = bodyOf(request);
    const kind: QuestionKind = request.query.kind ?? 'single';
    return handleForm(
      request,
      reply,
      async (errors) => <QuestionEditPage survey={(await surveys.get(actor, request.params.id)).survey} question={null} kind={kind} errors={errors} values={form} />,
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
    if (!detail.manageable) throw new AppError(403, 'forbidden');
    return renderPage(request, reply, <QuestionEditPage survey={detail.survey} question={question} kind={question.kind} />);
  });
  app.post('/:lang/admin/surveys/:id/questions/:questionId', { schema: { hide: true, params: QuestionPageParams } }, async (request, reply) => {
    const actor = requireActorPage(request);
    const form = bodyOf(request);
    const { detail, question } = await questionOf(actor, request.params.id, request.params.questionId);
    return handleForm(
      request,
      reply,
      async (errors) => <QuestionEditPage survey={(await surveys.get(actor, request.params.id)).survey} question={question} kind={question.kind} errors={errors} values={form} />,
      async () => {
        await surveys.updateQuestion(actor, detail.survey.id, question.id, versionOf(form), questionFromForm(form, question.kind, question));
        return `/${request.params.lang}/admin/surveys/${request.params.id}`;
      },
    );
  });

  app.get('/:lang/admin/surveys/:id/results', { schema: { hide: true, params: SurveyPageParams, querystring: Type.Object(ResultFilterQuery) } }, async (request, reply) => {
    const actor = requireActorPage(request);
    try {
      return renderPage(request, reply, <SurveyResultsPage data={await surveys.results(actor, request.params.id, request.id, request.query)} />);
    } catch (raw) {
      // Bad filters: the form with its errors above all the results, as if none were asked for.
      const error = toAppError(raw as Error);
      if (error.status !== 400) throw raw;
      const data = await surveys.results(actor, request.params.id, request.id);
      return renderPage(request, reply, <SurveyResultsPage data={data} errors={error.options.fields} values={request.query} />, 400);
    }
  });

  // ---- Pages: respondents
  app.get('/:lang/surveys/thanks', { schema: pageSchema }, async (request, reply) => renderPage(request, reply, <SurveyThanksPage />));

  /** A survey that cannot be answered: its own page with 404 (not yet open) or 410 (closed, expired) or 409. */
  const unavailable = (request: FastifyRequest, reply: FastifyReply, survey: SurveyRecord, state: string) => {
    const reason = state === 'answered' ? 'already_answered' : state === 'expired' ? 'invitation_expired' : state === 'closed' ? 'closed' : 'not_yet_open';
    const status = reason === 'already_answered' ? 409 : reason === 'not_yet_open' ? 404 : 410;
    reply.header('referrer-policy', 'no-referrer');
    return renderPage(request, reply, <SurveyUnavailablePage survey={survey} reason={reason} />, status);
  };

  const SlugParams = Type.Object({ lang: LangParams.properties.lang, slug: Slug });
  app.get('/:lang/surveys/:slug', { schema: { hide: true, params: SlugParams } }, async (request, reply) => {
    const { survey, state, questions } = await surveys.publicQuestionnaire(request.params.slug);
    if (state !== 'open') return unavailable(request, reply, survey, state);
    if (answeredInBrowser(request, survey.id)) return unavailable(request, reply, survey, 'answered');
    return renderPage(request, reply, <RespondPage survey={survey} questions={questions} action={`/${request.params.lang}/surveys/${survey.slug}`} />);
  });
  app.post('/:lang/surveys/:slug', { schema: { hide: true, params: SlugParams } }, async (request, reply) => {
    const { survey, state, questions } = await surveys.publicQuestionnaire(request.params.slug);
    if (state !== 'open') return unavailable(request, reply, survey, state);
    if (answeredInBrowser(request, survey.id)) return unavailable(request, reply, survey, 'answered');
    const form = bodyOf(request);
    return handleForm(
      request,
      reply,
      (errors) => <RespondPage survey={survey} questions={questions} action={`/${request.params.lang}/surveys/${survey.slug}`} errors={errors} values={form} />,
      async () => {
        await surveys.submitByLink(survey.slug, request.ip, request.params.lang, formAnswers(form));
        rememberAnswered(request, reply, survey.id, secure);
        return `/${request.params.lang}/surveys/thanks`;
      },
    );
  });

  const InvitationParams = Type.Object({ lang: LangParams.properties.lang, token: Token });
  app.get('/:lang/surveys/invitations/:token', { schema: { hide: true, params: InvitationParams } }, async (request, reply) => {
    const { survey, state, questions } = await surveys.invitationQuestionnaire(request.params.token);
    if (state !== 'open') return unavailable(request, reply, survey, state);
    reply.header('referrer-policy', 'no-referrer');
    return renderPage(request, reply, <RespondPage survey={survey} questions={questions} action={`/${request.params.lang}/surveys/invitations/${request.params.token}`} />);
  });
  app.post('/:lang/surveys/invitations/:token', { schema: { hide: true, params: InvitationParams } }, async (request, reply) => {
    const { survey, state, questions } = await surveys.invitationQuestionnaire(request.params.token);
    if (state !== 'open') return unavailable(request, reply, survey, state);
    const form = bodyOf(request);
    reply.header('referrer-policy', 'no-referrer');
    return handleForm(
      request,
      reply,
      (errors) => <RespondPage survey={survey} questions={questions} action={`/${request.params.lang}/surveys/invitations/${request.params.token}`} errors={errors} values={form} />,
      async () => {
        await surveys.submitByInvitation(request.params.token, request.params.lang, formAnswers(form));
        return `/${request.params.lang}/surveys/thanks`;
      },
    );
  });
}

export type { LocalizedText };
