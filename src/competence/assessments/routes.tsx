// HTTP for the competence center: the JSON API under /api/v1/competence and the back-office pages under
// /{lang}/competence. Handlers parse, call the service and render; the rules live in service.ts.
import { Type, type Static } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../platform/http/types.ts';
import type { Services } from '../services.ts';
import { errorResponses, LangParams, BoundedInteger, Text } from '../platform/http/schemas.ts';
import { handleForm } from '../platform/http/forms.ts';
import { renderPage } from '../platform/views/render.tsx';
import { requireActorApi, requireActorPage } from '../identity/guards.ts';
import { AppError, type FieldError } from '../platform/http/errors.ts';
import { LANGUAGES, pickText, type Language } from '../platform/i18n/languages.ts';
import { missingLanguages, textFromForm } from './texts.ts';
import {
  ActionChangesBody,
  ActionSchema,
  AssessmentSchema,
  CampaignSchema,
  CampaignStatusBody,
  CodeSchema,
  CriterionChangesBody,
  CriterionKeySchema,
  CriterionSchema,
  NewCampaignBody,
  NewPracticeBody,
  NewRequestBody,
  NewStrategyVersionBody,
  ObservationBody,
  PracticeChangesBody,
  PracticeSchema,
  RegionSchema,
  ReopenBody,
  RequestChangesBody,
  RequestSchema,
  ResultsSchema,
  SaveAnswersBody,
  StrategySchema,
  SubmitBody,
} from './schemas.ts';
import {
  ActionPage,
  ActionPlanPage,
  AssessmentPage,
  CampaignPage,
  CampaignsPage,
  CriterionPage,
  ExpertisePage,
  PortfolioPage,
  PracticePage,
  PracticesPage,
  RegionPage,
  ReopenPage,
  ResultsPage,
  StrategyPage,
} from './pages.tsx';
import { canViewRegion } from './authorisation.ts';
import { answerField, type AnswerInput } from './service.ts';
import { DIMENSIONS, isDimension } from './scoring.ts';
import { ACTION_STATUSES, HORIZONS, OBSERVATION_METHODS, PRACTICE_PLACES, REQUEST_STATUSES, SCOPES, type Action, type ExpertiseRequest } from './repository.ts';
import { INDICATOR_KEYS } from './indicators.ts';

const session = [{ session: [] }];
const tags = ['competence'];
const lang = LangParams.properties.lang;

// ---- Flat HTML form bodies (the form parser gives strings; numbers and dates are parsed here)
const FreeForm = Type.Record(Text({ maxLength: 120 }), Type.Union([Text({ maxLength: 4000 }), Type.Array(Text({ maxLength: 4000 }), { maxItems: 10 })]));
type FreeForm = Static<typeof FreeForm>;
const DateOrEmpty = Type.Union([Type.Literal(''), Type.String({ format: 'date' })]);
const NumberOrEmpty = Type.String({ pattern: '^(-?\\d+([.,]\\d+)?)?$', maxLength: 20 });

const CampaignForm = Type.Object({ code: CodeSchema, titleFr: Text({ minLength: 1, maxLength: 200 }), titleNl: Text({ minLength: 1, maxLength: 200 }), titleEn: Text({ minLength: 1, maxLength: 200 }), closesOn: Type.Optional(DateOrEmpty) });
const StatusForm = Type.Object({ version: BoundedInteger({ minimum: 1 }), status: Type.Enum(['open', 'closed'] as const) });
/**
 * A multilingual text as forms post it, one field per language: `${name}.fr`, `${name}.nl`, `${name}.en`.
 * Which languages are required (French and Dutch) is the service's rule, so missing ones are listed as
 * "required" field by field rather than as schema errors.
 */
const LangFields = (name: string, max: number) =>
  Object.fromEntries(LANGUAGES.map((l) => [`${name}.${l}`, Type.Optional(Type.String({ maxLength: max }))])) as Record<string, ReturnType<typeof Type.Optional<ReturnType<typeof Type.String>>>>;
type LangForm = Record<string, string | undefined>;
const formTexts = (form: LangForm, name: string) => textFromForm((field) => form[field] ?? '', name);

const CriterionForm = Type.Object({ version: BoundedInteger({ minimum: 1 }), ...LangFields('title', 300), ...LangFields('guidance', 2000) });
const ReopenForm = Type.Object({ version: BoundedInteger({ minimum: 1 }), reason: Text({ maxLength: 2000 }) });
const ObservationForm = Type.Object({
  criterion: CriterionKeySchema,
  method: Type.Enum(OBSERVATION_METHODS),
  observedOn: Type.String({ format: 'date' }),
  score: Type.Optional(Type.Union([Type.Literal(''), BoundedInteger({ minimum: 0, maximum: 100 })])),
  note: Text({ minLength: 1, maxLength: 4000 }),
});
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
const ActionForm = Type.Object({
  version: Type.Optional(BoundedInteger({ minimum: 1 })),
  ...LangFields('title', 300),
  owner: Type.Optional(Text({ maxLength: 200 })),
  dueOn: Type.Optional(DateOrEmpty),
  status: Type.Optional(Type.Enum(ACTION_STATUSES)),
  indicator: Type.Enum(INDICATOR_KEYS),
  targetValue: Type.Optional(NumberOrEmpty),
  horizon: Type.Enum(HORIZONS),
  scope: Type.Optional(Type.Enum(SCOPES)),
});
const RequestForm = Type.Object({ subject: Text({ minLength: 1, maxLength: 200 }), details: Type.Optional(Text({ maxLength: 4000 })), dimension: Type.Optional(Type.Union([Type.Literal(''), Type.Enum(DIMENSIONS)])) });
const RequestAnswerForm = Type.Object({ version: BoundedInteger({ minimum: 1 }), status: Type.Enum(REQUEST_STATUSES), response: Type.Optional(Text({ maxLength: 4000 })) });
const GroupForm = Type.Object({ criterionKey: CriterionKeySchema, title: Text({ minLength: 1, maxLength: 300 }) });

const parseNumber = (value: string | undefined): number | null => (value === undefined || value.trim() === '' ? null : Number(value.replace(',', '.')));
const emptyToNull = (value: string | undefined): string | null => (value === undefined || value.trim() === '' ? null : value);

/**
 * The questionnaire form: fields answers.<criterion>.score|evidence|links. Returns the answers and the
 * field errors of values that cannot be read (a score outside 0–100, a link that is not http(s)).
 */
export function parseAnswerForm(form: FreeForm, criterionKeys: string[]): { answers: AnswerInput[]; errors: FieldError[] } {
  const get = (name: string) => {
    const raw = form[name];
    return (Array.isArray(raw) ? raw[0] : raw) ?? '';
  };
  const answers: AnswerInput[] = [];
  const errors: FieldError[] = [];
  for (const key of criterionKeys) {
    const rawScore = get(answerField(key, 'score')).trim();
    let score: number | null = null;
    if (rawScore !== '') {
      score = Number(rawScore);
      if (!Number.isInteger(score) || score < 0 || score > 100) {
        errors.push({ field: answerField(key, 'score'), code: 'competence.validation.scoreRange', values: { criterion: key } });
        score = null;
      }
    }
    const links = get(answerField(key, 'links'))
      .split(/\s+/)
      .map((link) => link.trim())
      .filter(Boolean);
    if (links.length > 10 || links.some((link) => !/^https?:\/\/\S+$/.test(link) || link.length > 500)) {
      errors.push({ field: answerField(key, 'links'), code: 'competence.validation.linkInvalid', values: { criterion: key } });
    }
    answers.push({ criterion: key, score, evidence: get(answerField(key, 'evidence')), evidenceLinks: links.slice(0, 10) });
  }
  return { answers, errors };
}

function actionJson(a: Action) {
  return {
    id: a.id,
    organisation: a.organisationCode,
    campaign: a.campaignCode,
    rule: a.ruleKey,
    criterion: a.criterionKey,
    title: a.title,
    owner: a.owner,
    dueOn: a.dueOn,
    status: a.status,
    indicator: a.indicator,
    targetValue: a.targetValue,
    horizon: a.horizon,
    scope: a.scope,
    projectId: a.projectId,
    version: a.version,
  };
}

const requestJson = (r: ExpertiseRequest) => ({
  id: r.id,
  organisation: r.organisationCode,
  subject: r.subject,
  details: r.details,
  dimension: r.dimension,
  status: r.status,
  response: r.response,
  createdAt: r.createdAt,
  version: r.version,
});

/** Labels of criteria for field errors (the error summary names the criterion, not its key). */
function labelErrors(errors: FieldError[], criteria: Array<{ key: string; title: Record<string, string | undefined> }>, language: Language): FieldError[] {
  return errors.map((error) => {
    const key = error.values?.criterion;
    const criterion = typeof key === 'string' ? criteria.find((c) => c.key === key) : undefined;
    return criterion ? { ...error, values: { ...error.values, criterion: pickText(criterion.title, language).text } } : error;
  });
}

export function competenceRoutes(app: App, { competence }: Services) {
  for (const schema of [CampaignSchema, CriterionSchema, AssessmentSchema, ResultsSchema, RegionSchema, PracticeSchema, ActionSchema, RequestSchema, StrategySchema]) {
    app.addSchema(schema);
  }
  const CampaignParams = Type.Object({ code: CodeSchema });
  const OrgParams = Type.Object({ code: CodeSchema, organisation: CodeSchema });
  const IdParams = Type.Object({ id: Text({ maxLength: 64 }) });

  // =================================================================== API
  app.get(
    '/api/v1/competence/campaigns',
    { schema: { tags, summary: 'Self-assessment campaigns', security: session, response: { 200: Type.Object({ campaigns: Type.Array(Type.Ref('CompetenceCampaign')) }), ...errorResponses(401) } } },
    async (request) => {
      requireActorApi(request);
      return { campaigns: await competence.listCampaigns() };
    },
  );

  app.post(
    '/api/v1/competence/campaigns',
    {
      schema: {
        tags,
        summary: 'Create a campaign with a copy of the default questionnaire (competence center)',
        security: session,
        body: NewCampaignBody,
        response: { 201: Type.Ref('CompetenceCampaign'), ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const campaign = await competence.createCampaign(requireActorApi(request), { code: request.body.code, title: request.body.title, closesOn: request.body.closesOn ?? null });
      return reply.code(201).send(campaign);
    },
  );

  app.get(
    '/api/v1/competence/campaigns/:code',
    {
      schema: {
        tags,
        summary: 'A campaign and its questionnaire',
        security: session,
        params: CampaignParams,
        response: { 200: Type.Object({ campaign: Type.Ref('CompetenceCampaign'), criteria: Type.Array(Type.Ref('CompetenceCriterion')) }), ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      requireActorApi(request);
      return competence.getCampaign(request.params.code);
    },
  );

  app.post(
    '/api/v1/competence/campaigns/:code/status',
    {
      schema: {
        tags,
        summary: 'Open or close a campaign (competence center; send the version you read)',
        security: session,
        params: CampaignParams,
        body: CampaignStatusBody,
        response: { 200: Type.Ref('CompetenceCampaign'), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => competence.setCampaignStatus(requireActorApi(request), request.params.code, request.body.version, request.body.status),
  );

  app.patch(
    '/api/v1/competence/campaigns/:code/criteria/:key',
    {
      schema: {
        tags,
        summary: "Edit a criterion of a campaign's questionnaire before it opens (competence center)",
        security: session,
        params: Type.Object({ code: CodeSchema, key: CriterionKeySchema }),
        body: CriterionChangesBody,
        response: { 200: Type.Ref('CompetenceCriterion'), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => competence.updateCriterion(requireActorApi(request), request.params.code, request.params.key, request.body, request.lang),
  );

  const assessmentJson = async (request: FastifyRequest, code: string, organisation: string) => {
    const view = await competence.getAssessment(requireActorApi(request), code, organisation);
    return {
      campaign: view.campaign.code,
      organisation: view.organisation.code,
      status: view.assessment?.status ?? ('none' as const),
      version: view.assessment?.version ?? 0,
      submittedAt: view.assessment?.submittedAt ?? null,
      answers: view.criteria.map((c) => {
        const answer = view.answers.get(c.key);
        return { criterion: c.key, score: answer?.score ?? null, evidence: answer?.evidence ?? '', evidenceLinks: answer?.evidenceLinks ?? [] };
      }),
      history: view.history.map((e) => ({ event: e.event, by: e.actorSide, reason: e.reason, version: e.version, at: e.createdAt })),
    };
  };

  app.get(
    '/api/v1/competence/campaigns/:code/assessments/:organisation',
    {
      schema: {
        tags,
        summary: "An organisation's answers (its own people and the competence center)",
        security: session,
        params: OrgParams,
        response: { 200: Type.Ref('CompetenceAssessment'), ...errorResponses(401, 404) },
      },
    },
    async (request) => assessmentJson(request, request.params.code, request.params.organisation),
  );

  app.put(
    '/api/v1/competence/campaigns/:code/assessments/:organisation',
    {
      schema: {
        tags,
        summary: 'Save answers as a draft (the organisation’s own people; send the version you read)',
        security: session,
        params: OrgParams,
        body: SaveAnswersBody,
        response: { 200: Type.Ref('CompetenceAssessment'), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      await competence.saveDraft(requireActorApi(request), request.params.code, request.params.organisation, request.body.version, request.body.answers);
      return assessmentJson(request, request.params.code, request.params.organisation);
    },
  );

  app.post(
    '/api/v1/competence/campaigns/:code/assessments/:organisation/submit',
    {
      schema: {
        tags,
        summary: 'Submit the assessment (organisation manager). An incomplete one is refused with every missing field listed',
        security: session,
        params: OrgParams,
        body: SubmitBody,
        response: { 200: Type.Object({ assessment: Type.Ref('CompetenceAssessment'), actionsGenerated: BoundedInteger() }), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const result = await competence.submit(requireActorApi(request), request.params.code, request.params.organisation, request.body.version, request.lang, request.body.answers);
      return { assessment: await assessmentJson(request, request.params.code, request.params.organisation), actionsGenerated: result.actionsGenerated };
    },
  );

  app.post(
    '/api/v1/competence/campaigns/:code/assessments/:organisation/reopen',
    {
      schema: {
        tags,
        summary:
          'Reopen a submitted assessment as a draft, with a reason kept in its history (the organisation manager or the competence center, while the campaign is open; send the version you read). Results and the benchmark leave it out until it is submitted again',
        security: session,
        params: OrgParams,
        body: ReopenBody,
        response: { 200: Type.Ref('CompetenceAssessment'), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      await competence.reopen(requireActorApi(request), request.params.code, request.params.organisation, request.body.version, request.body.reason);
      return assessmentJson(request, request.params.code, request.params.organisation);
    },
  );

  app.get(
    '/api/v1/competence/campaigns/:code/results/:organisation',
    {
      schema: {
        tags,
        summary: "An organisation's scores, change since its previous campaign, peers of its kind and measured indicators",
        security: session,
        params: OrgParams,
        response: { 200: Type.Ref('CompetenceResults'), ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const r = await competence.organisationResults(requireActorApi(request), request.params.code, request.params.organisation);
      return {
        campaign: r.campaign.code,
        organisation: r.organisation.code,
        kind: r.organisation.kind,
        scores: r.scores,
        previousCampaign: r.previousCampaign?.code ?? null,
        previous: r.previous,
        changes: r.changes,
        peers: r.peers,
        measured: { available: r.measured.available, values: r.measured.available ? (r.measured.values as Record<string, never>) : {} },
      };
    },
  );

  app.get(
    '/api/v1/competence/campaigns/:code/region',
    {
      schema: {
        tags,
        summary: 'Regional view of a campaign: distributions, strengths and weaknesses, peers compared (competence center)',
        security: session,
        params: CampaignParams,
        response: { 200: Type.Ref('CompetenceRegion'), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const v = await competence.regionalView(requireActorApi(request), request.params.code);
      return {
        campaign: v.campaign.code,
        organisations: v.count,
        overall: v.overall,
        dimensions: v.dimensionDistributions,
        criteria: v.criterionDistributions.map((c) => ({ key: c.criterion.key, dimension: c.criterion.dimension, distribution: c.distribution, below50: c.below50 })),
        strengths: v.strengths,
        weaknesses: v.weaknesses,
        peerGroups: v.groups.map((g) => ({
          group: g.group,
          overallMedian: g.overallMedian,
          members: g.members.map((m) => ({
            organisation: m.organisation.code,
            kind: m.organisation.kind,
            overall: m.scores.overall,
            dimensions: m.scores.dimensions,
            measured: m.measured ? Object.fromEntries(Object.entries(m.measured).map(([k, value]) => [k, value!.value])) : null,
          })),
        })),
        measuredAvailable: v.measuredAvailable,
      };
    },
  );

  app.post(
    '/api/v1/competence/campaigns/:code/observations',
    {
      schema: {
        tags,
        summary: 'Record a field observation against a criterion (competence center)',
        security: session,
        params: CampaignParams,
        body: ObservationBody,
        response: { 201: Type.Object({ id: Type.String() }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { organisation, ...input } = request.body;
      const id = await competence.recordObservation(requireActorApi(request), request.params.code, organisation, { ...input, score: input.score ?? null });
      return reply.code(201).send({ id });
    },
  );

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
      requireActorApi(request);
      return { practices: await competence.listPractices(request.query) };
    },
  );

  app.post(
    '/api/v1/competence/practices',
    {
      schema: { tags, summary: 'Add a good practice (competence center)', security: session, body: NewPracticeBody, response: { 201: Type.Ref('CompetencePractice'), ...errorResponses(400, 401, 403) } },
    },
    async (request, reply) => {
      const practice = await competence.createPractice(requireActorApi(request), { ...request.body, sourceUrl: request.body.sourceUrl ?? null });
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
    async (request) => competence.updatePractice(requireActorApi(request), request.params.id, request.body.version, { ...request.body, sourceUrl: request.body.sourceUrl ?? null }, request.lang),
  );

  app.get(
    '/api/v1/competence/organisations/:organisation/actions',
    {
      schema: {
        tags,
        summary: "An organisation's action plan",
        security: session,
        params: Type.Object({ organisation: CodeSchema }),
        response: { 200: Type.Object({ actions: Type.Array(Type.Ref('CompetenceAction')) }), ...errorResponses(401, 404) },
      },
    },
    async (request) => ({ actions: (await competence.actionPlan(requireActorApi(request), request.params.organisation)).actions.map(actionJson) }),
  );

  app.patch(
    '/api/v1/competence/actions/:id',
    {
      schema: {
        tags,
        summary: 'Change an action (owner, due date, status, indicator; send the version you read)',
        security: session,
        params: IdParams,
        body: ActionChangesBody,
        response: { 200: Type.Ref('CompetenceAction'), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => actionJson(await competence.updateAction(requireActorApi(request), request.params.id, request.body, request.lang)),
  );

  app.get(
    '/api/v1/competence/portfolio',
    {
      schema: {
        tags,
        summary: 'Every improvement action and project (competence center)',
        security: session,
        response: {
          200: Type.Object({
            actions: Type.Array(Type.Ref('CompetenceAction')),
            projects: Type.Array(Type.Object({ id: Type.String(), title: Type.Record(Type.String(), Type.String()), criterionKey: Type.Union([Type.String(), Type.Null()]), status: Type.String(), actionCount: BoundedInteger(), organisationCount: BoundedInteger() })),
          }),
          ...errorResponses(401, 403),
        },
      },
    },
    async (request) => {
      const portfolio = await competence.portfolio(requireActorApi(request));
      return { actions: portfolio.actions.map(actionJson), projects: portfolio.projects };
    },
  );

  app.get(
    '/api/v1/competence/expertise-requests',
    {
      schema: {
        tags,
        summary: "Expertise requests: the caller's organisation's (all for the competence center)",
        security: session,
        response: { 200: Type.Object({ requests: Type.Array(Type.Ref('CompetenceExpertiseRequest')) }), ...errorResponses(401) },
      },
    },
    async (request) => ({ requests: (await competence.listRequests(requireActorApi(request))).map(requestJson) }),
  );

  app.post(
    '/api/v1/competence/expertise-requests',
    {
      schema: { tags, summary: 'Ask the competence center for expertise', security: session, body: NewRequestBody, response: { 201: Type.Ref('CompetenceExpertiseRequest'), ...errorResponses(400, 401) } },
    },
    async (request, reply) => {
      const created = await competence.createRequest(requireActorApi(request), { subject: request.body.subject, details: request.body.details ?? '', dimension: request.body.dimension ?? null });
      return reply.code(201).send(requestJson(created));
    },
  );

  app.patch(
    '/api/v1/competence/expertise-requests/:id',
    {
      schema: {
        tags,
        summary: 'Answer an expertise request and set its status (competence center)',
        security: session,
        params: IdParams,
        body: RequestChangesBody,
        response: { 200: Type.Ref('CompetenceExpertiseRequest'), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => requestJson(await competence.answerRequest(requireActorApi(request), request.params.id, request.body)),
  );

  const strategyJson = async () => {
    const p = await competence.strategyProgress();
    return {
      version: p.current?.number ?? null,
      note: p.current?.note ?? '',
      basedOnCampaign: p.campaign?.code ?? null,
      objectives: p.objectives.map((o) => ({ ...o.objective, value: o.value, reached: o.reached, progress: o.progress })),
      versions: p.versions.map((v) => ({ number: v.number, note: v.note, createdAt: v.createdAt, objectives: v.objectives.length })),
    };
  };

  app.get(
    '/api/v1/competence/strategy',
    { schema: { tags, summary: 'The regional strategy: current objectives and their progress, and its versions', security: session, response: { 200: Type.Ref('CompetenceStrategy'), ...errorResponses(401) } } },
    async (request) => {
      requireActorApi(request);
      return strategyJson();
    },
  );

  app.post(
    '/api/v1/competence/strategy/versions',
    {
      schema: {
        tags,
        summary: 'Adopt a new version of the regional strategy (competence center)',
        security: session,
        body: NewStrategyVersionBody,
        response: { 201: Type.Ref('CompetenceStrategy'), ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      await competence.newStrategyVersion(
        requireActorApi(request),
        {
          basedOn: request.body.basedOn,
          note: request.body.note ?? '',
          objectives: request.body.objectives.map((o) => ({ title: o.title, indicator: o.indicator, baseline: o.baseline ?? null, targetValue: o.targetValue, targetOn: o.targetOn ?? null })),
        },
        request.lang,
      );
      return reply.code(201).send(await strategyJson());
    },
  );

  // =================================================================== Pages
  const page = { hide: true, params: LangParams };
  const Notice = Type.Object({ notice: Type.Optional(Text({ maxLength: 40 })) });
  const notice = (request: FastifyRequest) => {
    const value = (request.query as { notice?: string } | undefined)?.notice;
    return value && /^[a-zA-Z]+$/.test(value) ? value : undefined;
  };

  app.get('/:lang/competence', { schema: page }, async (request, reply) => {
    const actor = requireActorPage(request);
    return renderPage(request, reply, <CampaignsPage campaigns={await competence.campaignsForActor(actor)} />);
  });

  app.post('/:lang/competence/campaigns', { schema: { ...page, body: CampaignForm }, attachValidation: true }, async (request, reply) => {
    const actor = requireActorPage(request);
    const form = request.body;
    return handleForm(
      request,
      reply,
      async (errors) => <CampaignsPage campaigns={await competence.campaignsForActor(actor)} errors={errors} values={form} />,
      async () => {
        const campaign = await competence.createCampaign(actor, { code: form.code, title: { fr: form.titleFr, nl: form.titleNl, en: form.titleEn }, closesOn: emptyToNull(form.closesOn) });
        return `/${request.params.lang}/competence/campaigns/${campaign.code}?notice=created`;
      },
    );
  });

  const CampaignPageParams = Type.Object({ lang, code: CodeSchema });
  const campaignPage = async (request: FastifyRequest, code: string, errors?: FieldError[]) => {
    const actor = requireActorPage(request);
    const { campaign, criteria } = await competence.getCampaign(code);
    const participants = canViewRegion(actor) ? await competence.participants(actor, code) : null;
    return <CampaignPage campaign={campaign} criteria={criteria} participants={participants} errors={errors} notice={notice(request)} />;
  };

  app.get('/:lang/competence/campaigns/:code', { schema: { hide: true, params: CampaignPageParams, querystring: Notice } }, async (request, reply) =>
    renderPage(request, reply, await campaignPage(request, request.params.code)),
  );

  app.post('/:lang/competence/campaigns/:code/status', { schema: { hide: true, params: CampaignPageParams, body: StatusForm }, attachValidation: true }, async (request, reply) => {
    const actor = requireActorPage(request);
    const form = request.body;
    return handleForm(
      request,
      reply,
      (errors) => campaignPage(request, request.params.code, errors),
      async () => {
        await competence.setCampaignStatus(actor, request.params.code, form.version, form.status);
        return `/${request.params.lang}/competence/campaigns/${request.params.code}?notice=${form.status}`;
      },
    );
  });

  const CriterionPageParams = Type.Object({ lang, code: CodeSchema, key: CriterionKeySchema });
  const criterionOr404 = async (code: string, key: string) => {
    const { campaign, criteria } = await competence.getCampaign(code);
    const criterion = criteria.find((c) => c.key === key);
    if (!criterion) throw new AppError(404, 'competence.criterion_not_found');
    return { campaign, criterion };
  };

  app.get('/:lang/competence/campaigns/:code/criteria/:key', { schema: { hide: true, params: CriterionPageParams } }, async (request, reply) => {
    requireActorPage(request);
    const { campaign, criterion } = await criterionOr404(request.params.code, request.params.key);
    return renderPage(request, reply, <CriterionPage campaign={campaign} criterion={criterion} />);
  });

  app.post('/:lang/competence/campaigns/:code/criteria/:key', { schema: { hide: true, params: CriterionPageParams, body: CriterionForm }, attachValidation: true }, async (request, reply) => {
    const actor = requireActorPage(request);
    const { campaign, criterion } = await criterionOr404(request.params.code, request.params.key);
    const form = request.body as Static<typeof CriterionForm> & LangForm;
    return handleForm(
      request,
      reply,
      (errors) => <CriterionPage campaign={campaign} criterion={criterion} errors={errors} values={form} />,
      async () => {
        await competence.updateCriterion(actor, campaign.code, criterion.key, { version: form.version, title: formTexts(form, 'title'), guidance: formTexts(form, 'guidance') }, request.params.lang);
        return `/${request.params.lang}/competence/campaigns/${campaign.code}?notice=saved`;
      },
    );
  });

  const AssessmentParams = Type.Object({ lang, code: CodeSchema, organisation: CodeSchema });

  app.get('/:lang/competence/campaigns/:code/assessments/:organisation', { schema: { hide: true, params: AssessmentParams, querystring: Notice } }, async (request, reply) => {
    const actor = requireActorPage(request);
    const view = await competence.getAssessment(actor, request.params.code, request.params.organisation);
    return renderPage(request, reply, <AssessmentPage view={view} notice={notice(request)} />);
  });

  app.post(
    '/:lang/competence/campaigns/:code/assessments/:organisation',
    { schema: { hide: true, params: AssessmentParams, body: FreeForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const { code, organisation } = request.params;
      const form = (request.body ?? {});
      const view = await competence.getAssessment(actor, code, organisation);
      const keys = view.criteria.map((c) => c.key);
      const version = Number(Array.isArray(form.version) ? form.version[0] : form.version);
      const intent = form.intent === 'submit' ? 'submit' : 'save';
      return handleForm(
        request,
        reply,
        async (errors) => {
          // After a stale save, show what is stored now (the other person's answers) with the new version.
          const fresh = await competence.getAssessment(actor, code, organisation);
          const stale = errors.some((e) => e.code === 'errors.competence.assessment_stale');
          return <AssessmentPage view={fresh} errors={labelErrors(errors, view.criteria, request.params.lang)} values={stale ? undefined : (form)} />;
        },
        async () => {
          if (!Number.isInteger(version) || version < 0) throw new AppError(400, 'validation.failed', { fields: [{ field: 'form', code: 'errors.competence.assessment_stale' }] });
          const { answers, errors } = parseAnswerForm(form, keys);
          if (errors.length) throw new AppError(400, 'validation.failed', { fields: errors });
          if (intent === 'submit') {
            await competence.submit(actor, code, organisation, version, request.params.lang, answers);
            return `/${request.params.lang}/competence/campaigns/${code}/results/${organisation}?notice=submitted`;
          }
          await competence.saveDraft(actor, code, organisation, version, answers);
          return `/${request.params.lang}/competence/campaigns/${code}/assessments/${organisation}?notice=draftSaved`;
        },
      );
    },
  );

  // Reopening: a confirmation page (what it does, the reason) that works without JavaScript.
  const reopenPage = async (request: FastifyRequest, code: string, organisation: string, errors?: FieldError[], values?: Record<string, string>) => {
    const view = await competence.getAssessment(requireActorPage(request), code, organisation);
    if (!view.canReopen && !errors) {
      if (view.campaign.status !== 'open') throw new AppError(409, 'competence.campaign_not_open');
      if (view.assessment?.status !== 'submitted') throw new AppError(409, 'competence.not_submitted');
      throw new AppError(403, 'competence.reopen_forbidden');
    }
    return <ReopenPage view={view} errors={errors} values={values} />;
  };

  app.get('/:lang/competence/campaigns/:code/assessments/:organisation/reopen', { schema: { hide: true, params: AssessmentParams } }, async (request, reply) =>
    renderPage(request, reply, await reopenPage(request, request.params.code, request.params.organisation)),
  );

  app.post(
    '/:lang/competence/campaigns/:code/assessments/:organisation/reopen',
    { schema: { hide: true, params: AssessmentParams, body: ReopenForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const { code, organisation, lang: language } = request.params;
      const form = request.body;
      return handleForm(
        request,
        reply,
        (errors) => reopenPage(request, code, organisation, errors, form as never), // the reason typed is kept, even after a stale attempt
        async () => {
          await competence.reopen(actor, code, organisation, form.version, form.reason);
          return `/${language}/competence/campaigns/${code}/assessments/${organisation}?notice=reopened`;
        },
      );
    },
  );

  app.get('/:lang/competence/campaigns/:code/results/:organisation', { schema: { hide: true, params: AssessmentParams, querystring: Notice } }, async (request, reply) => {
    const actor = requireActorPage(request);
    const results = await competence.organisationResults(actor, request.params.code, request.params.organisation);
    return renderPage(request, reply, <ResultsPage results={results} notice={notice(request)} />);
  });

  app.post(
    '/:lang/competence/campaigns/:code/results/:organisation/observations',
    { schema: { hide: true, params: AssessmentParams, body: ObservationForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const { code, organisation } = request.params;
      const form = request.body;
      return handleForm(
        request,
        reply,
        async (errors) => <ResultsPage results={await competence.organisationResults(actor, code, organisation)} errors={errors} values={form as never} />,
        async () => {
          await competence.recordObservation(actor, code, organisation, { ...form, score: form.score === '' || form.score === undefined ? null : form.score });
          return `/${request.params.lang}/competence/campaigns/${code}/results/${organisation}?notice=observationAdded#observations`;
        },
      );
    },
  );

  app.get('/:lang/competence/campaigns/:code/region', { schema: { hide: true, params: CampaignPageParams } }, async (request, reply) => {
    const actor = requireActorPage(request);
    return renderPage(request, reply, <RegionPage view={await competence.regionalView(actor, request.params.code)} />);
  });

  // ---- good practices
  const PracticeFilter = Type.Object({ dimension: Type.Optional(Type.Union([Type.Literal(''), Type.Enum(DIMENSIONS)])), place: Type.Optional(Type.Union([Type.Literal(''), Type.Enum(PRACTICE_PLACES)])) });
  const practicesPage = async (request: FastifyRequest, filter: Static<typeof PracticeFilter>, errors?: FieldError[], values?: Record<string, string>) => {
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
    const form = request.body as Static<typeof PracticeForm> & LangForm;
    const language = request.params.lang;
    return handleForm(
      request,
      reply,
      (errors) => practicesPage(request, {}, errors, form as never),
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

  const IdPageParams = Type.Object({ lang, id: Text({ maxLength: 64 }) });
  app.get('/:lang/competence/practices/:id', { schema: { hide: true, params: IdPageParams } }, async (request, reply) => {
    const actor = requireActorPage(request);
    if (!canViewRegion(actor)) throw new AppError(403, 'forbidden');
    return renderPage(request, reply, <PracticePage practice={await competence.getPractice(request.params.id)} />);
  });

  app.post('/:lang/competence/practices/:id', { schema: { hide: true, params: IdPageParams, body: PracticeForm }, attachValidation: true }, async (request, reply) => {
    const actor = requireActorPage(request);
    const practice = await competence.getPractice(request.params.id);
    const form = request.body as Static<typeof PracticeForm> & LangForm;
    return handleForm(
      request,
      reply,
      (errors) => <PracticePage practice={practice} errors={errors} values={form} />,
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
  });

  // ---- action plans
  const OrgPageParams = Type.Object({ lang, organisation: CodeSchema });
  app.get('/:lang/competence/action-plans/:organisation', { schema: { hide: true, params: OrgPageParams, querystring: Notice } }, async (request, reply) => {
    const actor = requireActorPage(request);
    return renderPage(request, reply, <ActionPlanPage plan={await competence.actionPlan(actor, request.params.organisation)} notice={notice(request)} />);
  });

  app.post('/:lang/competence/action-plans/:organisation', { schema: { hide: true, params: OrgPageParams, body: ActionForm }, attachValidation: true }, async (request, reply) => {
    const actor = requireActorPage(request);
    const plan = await competence.actionPlan(actor, request.params.organisation);
    const form = request.body as Static<typeof ActionForm> & LangForm;
    return handleForm(
      request,
      reply,
      (errors) => <ActionPlanPage plan={plan} errors={errors} values={form} />,
      async () => {
        await competence.addAction(
          actor,
          request.params.organisation,
          { title: formTexts(form, 'title'), owner: form.owner ?? '', dueOn: emptyToNull(form.dueOn), indicator: form.indicator, targetValue: parseNumber(form.targetValue), horizon: form.horizon, scope: form.scope ?? 'individual' },
          request.params.lang,
        );
        return `/${request.params.lang}/competence/action-plans/${request.params.organisation}?notice=actionAdded`;
      },
    );
  });

  app.get('/:lang/competence/actions/:id', { schema: { hide: true, params: IdPageParams } }, async (request, reply) => {
    const actor = requireActorPage(request);
    return renderPage(request, reply, <ActionPage action={await competence.getAction(actor, request.params.id)} />);
  });

  app.post('/:lang/competence/actions/:id', { schema: { hide: true, params: IdPageParams, body: ActionForm }, attachValidation: true }, async (request, reply) => {
    const actor = requireActorPage(request);
    const action = await competence.getAction(actor, request.params.id);
    const form = request.body as Static<typeof ActionForm> & LangForm;
    return handleForm(
      request,
      reply,
      (errors) => <ActionPage action={action} errors={errors} values={form} />,
      async () => {
        await competence.updateAction(
          actor,
          action.id,
          {
            version: form.version ?? 0,
            title: formTexts(form, 'title'),
            owner: form.owner ?? '',
            dueOn: emptyToNull(form.dueOn),
            status: form.status ?? action.status,
            indicator: form.indicator,
            targetValue: parseNumber(form.targetValue),
            horizon: form.horizon,
          },
          request.params.lang,
        );
        return `/${request.params.lang}/competence/action-plans/${action.organisationCode}?notice=actionSaved`;
      },
    );
  });

  // ---- portfolio
  app.get('/:lang/competence/portfolio', { schema: { hide: true, params: LangParams, querystring: Notice } }, async (request, reply) => {
    const actor = requireActorPage(request);
    return renderPage(request, reply, <PortfolioPage portfolio={await competence.portfolio(actor)} notice={notice(request)} />);
  });

  app.post('/:lang/competence/portfolio/projects', { schema: { ...page, body: GroupForm }, attachValidation: true }, async (request, reply) => {
    const actor = requireActorPage(request);
    const form = request.body;
    return handleForm(
      request,
      reply,
      async (errors) => <PortfolioPage portfolio={await competence.portfolio(actor)} errors={errors} />,
      async () => {
        await competence.groupCollective(actor, form.criterionKey, form.title, request.params.lang);
        return `/${request.params.lang}/competence/portfolio?notice=grouped`;
      },
    );
  });

  // ---- expertise requests
  app.get('/:lang/competence/expertise', { schema: { hide: true, params: LangParams, querystring: Notice } }, async (request, reply) => {
    const actor = requireActorPage(request);
    return renderPage(request, reply, <ExpertisePage requests={await competence.listRequests(actor)} notice={notice(request)} />);
  });

  app.post('/:lang/competence/expertise', { schema: { ...page, body: RequestForm }, attachValidation: true }, async (request, reply) => {
    const actor = requireActorPage(request);
    const form = request.body;
    return handleForm(
      request,
      reply,
      async (errors) => <ExpertisePage requests={await competence.listRequests(actor)} errors={errors} values={form} />,
      async () => {
        await competence.createRequest(actor, { subject: form.subject, details: form.details ?? '', dimension: isDimension(form.dimension) ? form.dimension : null });
        return `/${request.params.lang}/competence/expertise?notice=requestSent`;
      },
    );
  });

  app.post('/:lang/competence/expertise/:id', { schema: { hide: true, params: IdPageParams, body: RequestAnswerForm }, attachValidation: true }, async (request, reply) => {
    const actor = requireActorPage(request);
    const form = request.body;
    return handleForm(
      request,
      reply,
      async (errors) => <ExpertisePage requests={await competence.listRequests(actor)} errors={errors} />,
      async () => {
        await competence.answerRequest(actor, request.params.id, { version: form.version, status: form.status, response: form.response ?? '' });
        return `/${request.params.lang}/competence/expertise?notice=requestAnswered`;
      },
    );
  });

  // ---- strategy
  app.get('/:lang/competence/strategy', { schema: { hide: true, params: LangParams, querystring: Notice } }, async (request, reply) => {
    requireActorPage(request);
    return renderPage(request, reply, <StrategyPage progress={await competence.strategyProgress()} notice={notice(request)} />);
  });

  app.post('/:lang/competence/strategy', { schema: { ...page, body: FreeForm }, attachValidation: true }, async (request, reply) => {
    const actor = requireActorPage(request);
    const form = (request.body ?? {});
    const get = (name: string) => {
      const raw = form[name];
      return ((Array.isArray(raw) ? raw[0] : raw) ?? '').trim();
    };
    return handleForm(
      request,
      reply,
      async (errors) => <StrategyPage progress={await competence.strategyProgress()} errors={errors} values={form} />,
      async () => {
        const progress = await competence.strategyProgress();
        const previous = new Map((progress.current?.objectives ?? []).map((o) => [o.id, o]));
        const fields: FieldError[] = [];
        const objectives = [];
        for (let index = 0; index < 40; index++) {
          const title = textFromForm(get, `objectives.${index}.title`);
          if (!LANGUAGES.some((l) => title[l])) continue; // an empty row is no objective
          fields.push(...missingLanguages(title, `objectives.${index}.title`)); // named by the form's row
          const target = parseNumber(get(`objectives.${index}.targetValue`));
          const baseline = parseNumber(get(`objectives.${index}.baseline`));
          const targetOn = get(`objectives.${index}.targetOn`);
          if (target === null || Number.isNaN(target)) fields.push({ field: `objectives.${index}.targetValue`, code: 'competence.validation.targetMissing', values: { n: index + 1 } });
          if (baseline !== null && Number.isNaN(baseline)) fields.push({ field: `objectives.${index}.baseline`, code: 'competence.validation.numberInvalid', values: { n: index + 1 } });
          if (targetOn && !/^\d{4}-\d{2}-\d{2}$/.test(targetOn)) fields.push({ field: `objectives.${index}.targetOn`, code: 'competence.validation.dateInvalid', values: { n: index + 1 } });
          objectives.push({
            title,
            previousTitle: previous.get(get(`objectives.${index}.id`))?.title ?? null,
            indicator: get(`objectives.${index}.indicator`),
            baseline: baseline !== null && Number.isNaN(baseline) ? null : baseline,
            targetValue: target ?? 0,
            targetOn: targetOn || null,
          });
        }
        if (fields.length) throw new AppError(400, 'validation.failed', { fields });
        const basedOn = Number(get('basedOn'));
        await competence.newStrategyVersion(actor, { basedOn: Number.isInteger(basedOn) ? basedOn : -1, note: get('note'), objectives }, request.params.lang);
        return `/${request.params.lang}/competence/strategy?notice=strategySaved`;
      },
    );
  });
}
