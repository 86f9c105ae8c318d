// The portfolio of improvement actions and projects: the JSON API under /api/v1/competence and the back-office pages under /{lang}/competence.
import { Type } from 'typebox';
import type { App } from '../../platform/http/types.ts';
import type { Services } from '../../services.ts';
import { errorResponses, LangParams, BoundedInteger, Text, Nullable } from '../../platform/http/schemas.ts';
import { handleForm } from '../../platform/http/forms.ts';
import { renderPage } from '../../platform/views/render.tsx';
import { requireActorPage } from '../../identity/guards.ts';
import { actionJson } from '../action-plans/schemas.ts';
import { PortfolioPage } from './pages.tsx';
import { Notice, notice, session, tags, page } from '../route-parts.ts';
import { CriterionKeySchema } from '../schemas.ts';

const GroupForm = Type.Object({ criterionKey: CriterionKeySchema, title: Text({ minLength: 1, maxLength: 300 }) });

export function portfolioRoutes(app: App, { competence }: Services) {
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
            projects: Type.Array(
              Type.Object({
                id: Type.String(),
                title: Type.Record(Type.String(), Type.String()),
                criterionKey: Nullable(Type.String()),
                status: Type.String(),
                actionCount: BoundedInteger(),
                organisationCount: BoundedInteger(),
              }),
            ),
          }),
          ...errorResponses(401, 403),
        },
      },
    },
    async (request) => {
      const portfolio = await competence.portfolio(requireActorPage(request));
      return { actions: portfolio.actions.map(actionJson), projects: portfolio.projects };
    },
  );
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
}
