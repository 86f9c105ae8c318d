// HTTP of an administrator's reset of two-step sign-in (issue 18 item 8, decision 0059): the page
// /{lang}/admin/accounts/{id}/two-factor with its form, and POST /api/v1/accounts/{id}/two-factor/reset.
import { Type } from 'typebox';
import type { App } from '../../platform/http/types.ts';
import type { Services } from '../../services.ts';
import { errorResponses, LangParams, Text, Uuid } from '../../platform/http/schemas.ts';
import { handleForm } from '../../platform/http/forms.ts';
import { renderPage } from '../../platform/views/render.tsx';
import { requireActorPage } from '../guards.ts';
import { RESET_REASON_MAX } from './reset.ts';
import { TwoFactorResetPage } from './reset-pages.tsx';

const PageParams = Type.Object({ lang: LangParams.properties.lang, id: Text({ maxLength: 64 }) });
const ResetBody = Type.Object({
  reason: Text({ minLength: 1, maxLength: RESET_REASON_MAX, description: 'Why: told to the person and kept in the audit log' }),
});
const ResetForm = Type.Object({ reason: Text({ minLength: 1, maxLength: RESET_REASON_MAX }), _csrf: Type.Optional(Type.String()) });
const DoneQuery = Type.Object({ reset: Type.Optional(Type.Enum(['required', 'optional'])) });

export function twoFactorResetRoutes(app: App, { twoFactorReset }: Services) {
  app.post(
    '/api/v1/accounts/:id/two-factor/reset',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Reset a colleague’s two-step sign-in (lost phone and recovery codes): their sessions end and they are told by e-mail',
        description:
          'Organisation managers for their staff, platform administrators for anyone; never one’s own. At the next sign-in the person sets ' +
          'two-step sign-in up again when their role or organisation requires it (required: true).',
        security: [{ session: [] }],
        params: Type.Object({ id: Uuid() }),
        body: ResetBody,
        response: { 200: Type.Object({ required: Type.Boolean() }), ...errorResponses(400, 401, 403, 404, 409, 415) },
      },
    },
    async (request) => twoFactorReset.reset(requireActorPage(request), request.params.id, request.body.reason, request.id),
  );

  app.get('/:lang/admin/accounts/:id/two-factor', { schema: { hide: true, params: PageParams, querystring: DoneQuery } }, async (request, reply) => {
    const status = await twoFactorReset.status(requireActorPage(request), request.params.id, request.id);
    return renderPage(request, reply, <TwoFactorResetPage {...status} done={request.query.reset} />);
  });

  app.post(
    '/:lang/admin/accounts/:id/two-factor/reset',
    { schema: { hide: true, params: PageParams, body: ResetForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const reason = (request.body as { reason?: string } | undefined)?.reason;
      return handleForm(
        request,
        reply,
        async (errors) => <TwoFactorResetPage {...await twoFactorReset.status(actor, request.params.id, request.id)} errors={errors} reason={reason} />,
        async () => {
          const { required } = await twoFactorReset.reset(actor, request.params.id, request.body.reason, request.id);
          return `/${request.params.lang}/admin/accounts/${request.params.id}/two-factor?reset=${required ? 'required' : 'optional'}`;
        },
      );
    },
  );
}
