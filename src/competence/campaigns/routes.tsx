// Campaigns and their questionnaire: the JSON API under /api/v1/competence and the back-office pages under /{lang}/competence.
import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/types.ts';
import type { Services } from '../../services.ts';
import { errorResponses, BoundedInteger, Text } from '../../platform/http/schemas.ts';
import { handleForm } from '../../platform/http/forms.ts';
import { renderPage } from '../../platform/views/render.tsx';
import { requireActorPage } from '../../identity/guards.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { canViewRegion } from '../authorisation.ts';
import { CampaignPage, CampaignsPage, CriterionPage } from './pages.tsx';
import { CampaignStatusBody, CriterionChangesBody, NewCampaignBody } from './schemas.ts';
import {
  CampaignParams,
  DateOrEmpty,
  Notice,
  emptyToNull,
  formTexts,
  lang,
  notice,
  page,
  session,
  tags,
  LangFields,
  CampaignPageParams,
} from '../route-parts.ts';
import { CodeSchema, CriterionKeySchema } from '../schemas.ts';
import { formValues } from '../../platform/http/form-values.ts';

const CampaignForm = Type.Object({
  code: CodeSchema,
  titleFr: Text({ minLength: 1, maxLength: 200 }),
  titleNl: Text({ minLength: 1, maxLength: 200 }),
  titleEn: Text({ minLength: 1, maxLength: 200 }),
  closesOn: Type.Optional(DateOrEmpty),
});
const StatusForm = Type.Object({ version: BoundedInteger({ minimum: 1 }), status: Type.Enum(['open', 'closed'] as const) });
const CriterionForm = Type.Object({ version: BoundedInteger({ minimum: 1 }), ...LangFields('title', 300), ...LangFields('guidance', 2000) });

export function campaignRoutes(app: App, { competence }: Services) {
  app.get(
    '/api/v1/competence/campaigns',
    {
      schema: {
        tags,
        summary: 'Self-assessment campaigns',
        security: session,
        response: { 200: Type.Object({ campaigns: Type.Array(Type.Ref('CompetenceCampaign')) }), ...errorResponses(401) },
      },
    },
    async (request) => {
      requireActorPage(request);
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
      const campaign = await competence.createCampaign(requireActorPage(request), {
        code: request.body.code,
        title: request.body.title,
        closesOn: request.body.closesOn ?? null,
      });
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
        response: {
          200: Type.Object({ campaign: Type.Ref('CompetenceCampaign'), criteria: Type.Array(Type.Ref('CompetenceCriterion')) }),
          ...errorResponses(401, 404),
        },
      },
    },
    async (request) => {
      requireActorPage(request);
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
    async (request) => competence.setCampaignStatus(requireActorPage(request), request.params.code, request.body.version, request.body.status),
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
    async (request) => competence.updateCriterion(requireActorPage(request), request.params.code, request.params.key, request.body, request.lang),
  );

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
        const campaign = await competence.createCampaign(actor, {
          code: form.code,
          title: { fr: form.titleFr, nl: form.titleNl, en: form.titleEn },
          closesOn: emptyToNull(form.closesOn),
        });
        return `/${request.params.lang}/competence/campaigns/${campaign.code}?notice=created`;
      },
    );
  });

  const campaignPage = async (request: FastifyRequest, code: string, errors?: FieldError[]) => {
    const actor = requireActorPage(request);
    const { campaign, criteria } = await competence.getCampaign(code);
    const participants = canViewRegion(actor) ? await competence.participants(actor, code) : null;
    return <CampaignPage campaign={campaign} criteria={criteria} participants={participants} errors={errors} notice={notice(request)} />;
  };
  app.get('/:lang/competence/campaigns/:code', { schema: { hide: true, params: CampaignPageParams, querystring: Notice } }, async (request, reply) =>
    renderPage(request, reply, await campaignPage(request, request.params.code)),
  );

  app.post(
    '/:lang/competence/campaigns/:code/status',
    { schema: { hide: true, params: CampaignPageParams, body: StatusForm }, attachValidation: true },
    async (request, reply) => {
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
    },
  );

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

  app.post(
    '/:lang/competence/campaigns/:code/criteria/:key',
    { schema: { hide: true, params: CriterionPageParams, body: CriterionForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const { campaign, criterion } = await criterionOr404(request.params.code, request.params.key);
      const form = request.body;
      return handleForm(
        request,
        reply,
        (errors) => <CriterionPage campaign={campaign} criterion={criterion} errors={errors} values={formValues(form)} />,
        async () => {
          await competence.updateCriterion(
            actor,
            campaign.code,
            criterion.key,
            { version: form.version, title: formTexts(form, 'title'), guidance: formTexts(form, 'guidance') },
            request.params.lang,
          );
          return `/${request.params.lang}/competence/campaigns/${campaign.code}?notice=saved`;
        },
      );
    },
  );
}
