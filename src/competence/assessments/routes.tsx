// Assessments (answers, submission, reopening), field observations, results and the regional view: the JSON API under /api/v1/competence and the back-office pages under /{lang}/competence.
import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/types.ts';
import type { Services } from '../../services.ts';
import { errorResponses, BoundedInteger, Text, CalendarDate } from '../../platform/http/schemas.ts';
import { handleForm } from '../../platform/http/forms.ts';
import { renderPage } from '../../platform/views/render.tsx';
import { requireActorPage, authorise } from '../../identity/guards.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { pickText, type Language } from '../../platform/i18n/languages.ts';
import { AssessmentPage, RegionPage, ReopenPage, ResultsPage } from './pages.tsx';
import { ObservationBody, ReopenBody, SaveAnswersBody, SubmitBody } from './schemas.ts';
import { type AnswerInput, answerField } from './service.ts';
import { OBSERVATION_METHODS } from '../repository.ts';
import { CampaignParams, FreeForm, Notice, OrgParams, lang, notice, session, tags, CampaignPageParams } from '../route-parts.ts';
import { CodeSchema, CriterionKeySchema } from '../schemas.ts';
import { formValues, type FormValues } from '../../platform/http/form-values.ts';

const ReopenForm = Type.Object({ version: BoundedInteger({ minimum: 1 }), reason: Text({ maxLength: 2000 }) });
const ObservationForm = Type.Object({
  criterion: CriterionKeySchema,
  method: Type.Enum(OBSERVATION_METHODS),
  observedOn: CalendarDate(),
  score: Type.Optional(Type.Union([Type.Literal(''), BoundedInteger({ minimum: 0, maximum: 100 })])),
  note: Text({ minLength: 1, maxLength: 4000 }),
});

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

/** Labels of criteria for field errors (the error summary names the criterion, not its key). */
function labelErrors(errors: FieldError[], criteria: Array<{ key: string; title: Record<string, string | undefined> }>, language: Language): FieldError[] {
  return errors.map((error) => {
    const key = error.values?.criterion;
    const criterion = typeof key === 'string' ? criteria.find((c) => c.key === key) : undefined;
    return criterion ? { ...error, values: { ...error.values, criterion: pickText(criterion.title, language).text } } : error;
  });
}

export function assessmentRoutes(app: App, { competence }: Services) {
  const assessmentJson = async (request: FastifyRequest, code: string, organisation: string) => {
    const view = await competence.getAssessment(requireActorPage(request), code, organisation);
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
      await competence.saveDraft(requireActorPage(request), request.params.code, request.params.organisation, request.body.version, request.body.answers);
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
        response: {
          200: Type.Object({ assessment: Type.Ref('CompetenceAssessment'), actionsGenerated: BoundedInteger() }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const result = await competence.submit(
        requireActorPage(request),
        request.params.code,
        request.params.organisation,
        request.body.version,
        request.lang,
        request.body.answers,
      );
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
      await competence.reopen(requireActorPage(request), request.params.code, request.params.organisation, request.body.version, request.body.reason);
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
      const r = await competence.organisationResults(requireActorPage(request), request.params.code, request.params.organisation);
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
      const v = await competence.regionalView(requireActorPage(request), request.params.code);
      return {
        campaign: v.campaign.code,
        organisations: v.count,
        overall: v.overall,
        dimensions: v.dimensionDistributions,
        criteria: v.criterionDistributions.map((c) => ({
          key: c.criterion.key,
          dimension: c.criterion.dimension,
          distribution: c.distribution,
          below50: c.below50,
        })),
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
      const id = await competence.recordObservation(requireActorPage(request), request.params.code, organisation, { ...input, score: input.score ?? null });
      return reply.code(201).send({ id });
    },
  );
  const AssessmentParams = Type.Object({ lang, code: CodeSchema, organisation: CodeSchema });

  app.get(
    '/:lang/competence/campaigns/:code/assessments/:organisation',
    { schema: { hide: true, params: AssessmentParams, querystring: Notice } },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const view = await competence.getAssessment(actor, request.params.code, request.params.organisation);
      return renderPage(request, reply, <AssessmentPage view={view} notice={notice(request)} />);
    },
  );

  app.post(
    '/:lang/competence/campaigns/:code/assessments/:organisation',
    { schema: { hide: true, params: AssessmentParams, body: FreeForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const { code, organisation } = request.params;
      const form = request.body ?? {};
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
          return <AssessmentPage view={fresh} errors={labelErrors(errors, view.criteria, request.params.lang)} values={stale ? undefined : form} />;
        },
        async () => {
          if (!Number.isInteger(version) || version < 0)
            throw new AppError(400, 'validation.failed', { fields: [{ field: 'form', code: 'errors.competence.assessment_stale' }] });
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
  const reopenPage = async (request: FastifyRequest, code: string, organisation: string, errors?: FieldError[], values?: FormValues) => {
    const view = await competence.getAssessment(requireActorPage(request), code, organisation);
    if (!view.canReopen && !errors) {
      if (view.campaign.status !== 'open') throw new AppError(409, 'competence.campaign_not_open');
      if (view.assessment?.status !== 'submitted') throw new AppError(409, 'competence.not_submitted');
      authorise(false, 'competence.reopen_forbidden');
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
        (errors) => reopenPage(request, code, organisation, errors, formValues(form)), // the reason typed is kept, even after a stale attempt
        async () => {
          await competence.reopen(actor, code, organisation, form.version, form.reason);
          return `/${language}/competence/campaigns/${code}/assessments/${organisation}?notice=reopened`;
        },
      );
    },
  );

  app.get(
    '/:lang/competence/campaigns/:code/results/:organisation',
    { schema: { hide: true, params: AssessmentParams, querystring: Notice } },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const results = await competence.organisationResults(actor, request.params.code, request.params.organisation);
      return renderPage(request, reply, <ResultsPage results={results} notice={notice(request)} />);
    },
  );

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
        async (errors) => <ResultsPage results={await competence.organisationResults(actor, code, organisation)} errors={errors} values={formValues(form)} />,
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
}
