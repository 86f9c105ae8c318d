// Results of a survey: per question, filtered, with CSV of the results and of the anonymised raw answers (API and page).
import { Type } from 'typebox';
import type { App } from '../../platform/http/types.ts';
import { sendCsvAttachment } from '../../platform/http/csv.ts';
import type { Services } from '../../services.ts';
import type { Language } from '../../platform/i18n/languages.ts';
import { errorResponses, LanguageSchema, BoundedInteger } from '../../platform/http/schemas.ts';
import { renderPage } from '../../platform/views/render.tsx';
import { requireActorPage } from '../../identity/guards.ts';
import { toAppError } from '../../platform/http/error-handler.tsx';
import { rawAnswersCsv, resultsCsv } from '../exports.ts';
import { isFiltered } from '../filters.ts';
import { SurveyResultsPage } from './pages.tsx';
import { SurveyPageParams } from '../route-parts.ts';
import { FiltersOut, OrganisationCountOut, ResultFilterQuery, ResultOut, SurveyOut, session, surveyJson, SurveyParams } from '../schemas.ts';

export function resultsRoutes(app: App, { surveys, privacy }: Services) {
  // A regional survey's free texts reach the competence center only as the privacy service allows (issue 18, item 5).
  const regionalText = (request: { lang: Language }) => privacy.regionalTextFilter(request.lang);
  app.get(
    '/api/v1/surveys/:id/results',
    {
      schema: {
        tags: ['surveys'],
        summary:
          'Results per question: counts, percentages, means, top two, NPS, matrices (suppressed under 10 answers outside the owner), optionally filtered',
        security: session,
        params: SurveyParams,
        querystring: Type.Object({ lang: Type.Optional(LanguageSchema), ...ResultFilterQuery }),
        response: {
          200: Type.Object({
            survey: SurveyOut,
            suppressed: Type.Boolean(),
            summary: Type.Object({
              total: BoundedInteger(),
              viaLink: BoundedInteger(),
              viaInvitation: BoundedInteger(),
              invitations: BoundedInteger({ description: 'Invitations sent (in the period, matching the source and organisation)' }),
            }),
            results: Type.Array(ResultOut),
            filters: Type.Optional(FiltersOut),
            byOrganisation: Type.Optional(
              Type.Array(OrganisationCountOut, {
                description: 'Regional surveys: responses after a contact per organisation (period and source filters applied)',
              }),
            ),
          }),
          ...errorResponses(400, 401, 404),
        },
      },
    },
    async (request) => {
      const data = await surveys.results(requireActorPage(request), request.params.id, request.id, request.query, await regionalText(request));
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
      const data = await surveys.results(requireActorPage(request), request.params.id, request.id, request.query, await regionalText(request));
      return sendCsvAttachment(reply, `survey-${data.survey.slug}-results.csv`, resultsCsv(data.results, request.lang));
    },
  );

  app.get(
    '/api/v1/surveys/:id/answers.csv',
    {
      schema: {
        tags: ['surveys'],
        summary: 'The anonymised raw answers, one line per response (owner only; audited)',
        security: session,
        params: SurveyParams,
        produces: ['text/csv'],
        response: errorResponses(400, 401, 403, 404),
      },
    },
    async (request, reply) => {
      const data = await surveys.rawAnswers(requireActorPage(request), request.params.id, request.id, await regionalText(request));
      return sendCsvAttachment(reply, `survey-${data.survey.slug}-answers.csv`, rawAnswersCsv(data.questions, data.responses));
    },
  );

  app.get(
    '/:lang/admin/surveys/:id/results',
    { schema: { hide: true, params: SurveyPageParams, querystring: Type.Object(ResultFilterQuery) } },
    async (request, reply) => {
      const actor = requireActorPage(request);
      try {
        return renderPage(
          request,
          reply,
          <SurveyResultsPage data={await surveys.results(actor, request.params.id, request.id, request.query, await regionalText(request))} />,
        );
      } catch (raw) {
        // Bad filters: the form with its errors above all the results, as if none were asked for.
        const error = toAppError(raw as Error);
        if (error.status !== 400) throw raw;
        const data = await surveys.results(actor, request.params.id, request.id, {}, await regionalText(request));
        return renderPage(request, reply, <SurveyResultsPage data={data} errors={error.options.fields} values={request.query} />, 400);
      }
    },
  );
}
