// Action plans and their actions: the JSON API under /api/v1/competence and the back-office pages under /{lang}/competence.
import { Type } from 'typebox';
import type { App } from '../../platform/http/types.ts';
import type { Services } from '../../services.ts';
import { errorResponses, BoundedInteger, Text } from '../../platform/http/schemas.ts';
import { handleForm } from '../../platform/http/forms.ts';
import { renderPage } from '../../platform/views/render.tsx';
import { requireActorPage } from '../../identity/guards.ts';
import { INDICATOR_KEYS } from '../indicators.ts';
import { ActionPage, ActionPlanPage } from './pages.tsx';
import { ActionChangesBody, actionJson } from './schemas.ts';
import { ACTION_STATUSES, HORIZONS, SCOPES } from '../repository.ts';
import {
  DateOrEmpty,
  IdPageParams,
  IdParams,
  Notice,
  NumberOrEmpty,
  emptyToNull,
  formTexts,
  lang,
  notice,
  parseNumber,
  session,
  tags,
  LangFields,
} from '../route-parts.ts';
import { CodeSchema } from '../schemas.ts';
import { formValues } from '../../platform/http/form-values.ts';

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

export function actionPlanRoutes(app: App, { competence }: Services) {
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
    async (request) => ({ actions: (await competence.actionPlan(requireActorPage(request), request.params.organisation)).actions.map(actionJson) }),
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
    async (request) => actionJson(await competence.updateAction(requireActorPage(request), request.params.id, request.body, request.lang)),
  );
  // ---- action plans
  const OrgPageParams = Type.Object({ lang, organisation: CodeSchema });
  app.get('/:lang/competence/action-plans/:organisation', { schema: { hide: true, params: OrgPageParams, querystring: Notice } }, async (request, reply) => {
    const actor = requireActorPage(request);
    return renderPage(request, reply, <ActionPlanPage plan={await competence.actionPlan(actor, request.params.organisation)} notice={notice(request)} />);
  });

  app.post(
    '/:lang/competence/action-plans/:organisation',
    { schema: { hide: true, params: OrgPageParams, body: ActionForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const plan = await competence.actionPlan(actor, request.params.organisation);
      const form = request.body;
      return handleForm(
        request,
        reply,
        (errors) => <ActionPlanPage plan={plan} errors={errors} values={formValues(form)} />,
        async () => {
          await competence.addAction(
            actor,
            request.params.organisation,
            {
              title: formTexts(form, 'title'),
              owner: form.owner ?? '',
              dueOn: emptyToNull(form.dueOn),
              indicator: form.indicator,
              targetValue: parseNumber(form.targetValue),
              horizon: form.horizon,
              scope: form.scope ?? 'individual',
            },
            request.params.lang,
          );
          return `/${request.params.lang}/competence/action-plans/${request.params.organisation}?notice=actionAdded`;
        },
      );
    },
  );

  app.get('/:lang/competence/actions/:id', { schema: { hide: true, params: IdPageParams } }, async (request, reply) => {
    const actor = requireActorPage(request);
    return renderPage(request, reply, <ActionPage action={await competence.getAction(actor, request.params.id)} />);
  });

  app.post(
    '/:lang/competence/actions/:id',
    { schema: { hide: true, params: IdPageParams, body: ActionForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const action = await competence.getAction(actor, request.params.id);
      const form = request.body;
      return handleForm(
        request,
        reply,
        (errors) => <ActionPage action={action} errors={errors} values={formValues(form)} />,
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
    },
  );
}
