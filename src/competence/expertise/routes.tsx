// Expertise requests: the JSON API under /api/v1/competence and the back-office pages under /{lang}/competence.
import { Type } from 'typebox';
import type { App } from '../../platform/http/types.ts';
import type { Services } from '../../services.ts';
import { errorResponses, LangParams, BoundedInteger, Text } from '../../platform/http/schemas.ts';
import { handleForm } from '../../platform/http/forms.ts';
import { renderPage } from '../../platform/views/render.tsx';
import { requireActorPage } from '../../identity/guards.ts';
import { DIMENSIONS, isDimension } from '../scoring.ts';
import { ExpertisePage } from './pages.tsx';
import { type ExpertiseRequest } from './repository.ts';
import { NewRequestBody, RequestChangesBody } from './schemas.ts';
import { REQUEST_STATUSES } from '../repository.ts';
import { IdPageParams, IdParams, Notice, notice, session, tags, page } from '../route-parts.ts';

const RequestForm = Type.Object({
  subject: Text({ minLength: 1, maxLength: 200 }),
  details: Type.Optional(Text({ maxLength: 4000 })),
  dimension: Type.Optional(Type.Union([Type.Literal(''), Type.Enum(DIMENSIONS)])),
});
const RequestAnswerForm = Type.Object({
  version: BoundedInteger({ minimum: 1 }),
  status: Type.Enum(REQUEST_STATUSES),
  response: Type.Optional(Text({ maxLength: 4000 })),
});

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

export function expertiseRoutes(app: App, { competence }: Services) {
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
    async (request) => ({ requests: (await competence.listRequests(requireActorPage(request))).map(requestJson) }),
  );

  app.post(
    '/api/v1/competence/expertise-requests',
    {
      schema: {
        tags,
        summary: 'Ask the competence center for expertise',
        security: session,
        body: NewRequestBody,
        response: { 201: Type.Ref('CompetenceExpertiseRequest'), ...errorResponses(400, 401) },
      },
    },
    async (request, reply) => {
      const created = await competence.createRequest(requireActorPage(request), {
        subject: request.body.subject,
        details: request.body.details ?? '',
        dimension: request.body.dimension ?? null,
      });
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
    async (request) => requestJson(await competence.answerRequest(requireActorPage(request), request.params.id, request.body)),
  );
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
        await competence.createRequest(actor, {
          subject: form.subject,
          details: form.details ?? '',
          dimension: isDimension(form.dimension) ? form.dimension : null,
        });
        return `/${request.params.lang}/competence/expertise?notice=requestSent`;
      },
    );
  });

  app.post(
    '/:lang/competence/expertise/:id',
    { schema: { hide: true, params: IdPageParams, body: RequestAnswerForm }, attachValidation: true },
    async (request, reply) => {
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
    },
  );
}
