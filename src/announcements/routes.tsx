// HTTP of the work instructions and news (issue 17 item 7): /{lang}/announcements (the list of the reader's
// messages, unread marked; the publish form for managers), POST /{lang}/announcements (publish),
// POST /{lang}/announcements/{id}/read (read, or confirm an important one), /{lang}/announcements/{id} (who
// confirmed, managers). The console's staff only (the prefix gate); the rest is the service's rule.
import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../platform/http/types.ts';
import type { Services } from '../services.ts';
import { LangParams, Text } from '../platform/http/schemas.ts';
import { handleForm } from '../platform/http/forms.ts';
import { formValues } from '../platform/http/form-values.ts';
import { renderPage } from '../platform/views/render.tsx';
import { gateRoutes, requireActorPage } from '../identity/guards.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { canPublishAnnouncements, canReadAnnouncements } from './authorisation.ts';
import { AnnouncementsPage, ConfirmationsPage, NOTICES } from './pages.tsx';

const IdParams = Type.Object({ lang: LangParams.properties.lang, id: Text({ maxLength: 64 }) });
const PublishForm = Type.Object({
  kind: Type.Enum(['instruction', 'news']),
  title: Text({ minLength: 1, maxLength: 200 }),
  body: Text({ minLength: 1, maxLength: 5000 }),
  unitId: Type.Optional(Text({ maxLength: 64 })),
  important: Type.Optional(Type.Literal('true')),
});

export function announcementsRoutes(app: App, { announcements }: Services) {
  gateRoutes(app, ['/:lang/announcements'], canReadAnnouncements);

  const listPage = async (
    request: FastifyRequest,
    extra: { notice?: string; values?: Record<string, string | string[] | undefined>; errors?: FieldError[] },
  ) => {
    const actor = requireActorPage(request);
    const [items, choices] = await Promise.all([
      announcements.forReader(actor),
      canPublishAnnouncements(actor, actor.organisationId) ? announcements.publishChoices(actor) : undefined,
    ]);
    return <AnnouncementsPage items={items} units={choices?.units} {...extra} />;
  };

  app.get(
    '/:lang/announcements',
    { schema: { hide: true, params: LangParams, querystring: Type.Object({ notice: Type.Optional(Text({ maxLength: 20 })) }) } },
    async (request, reply) => {
      const notice = request.query.notice && NOTICES.has(request.query.notice) ? request.query.notice : undefined;
      return renderPage(request, reply, await listPage(request, notice ? { notice } : {}));
    },
  );

  app.post('/:lang/announcements', { schema: { hide: true, params: LangParams, body: PublishForm }, attachValidation: true }, async (request, reply) => {
    const actor = requireActorPage(request);
    return handleForm(
      request,
      reply,
      (errors) => listPage(request, { values: formValues(request.body), errors }),
      async () => {
        const body = request.body;
        await announcements.publish(actor, { ...body, important: body.important === 'true' }, request.id);
        return `/${request.params.lang}/announcements?notice=published`;
      },
    );
  });

  app.post('/:lang/announcements/:id/read', { schema: { hide: true, params: IdParams } }, async (request, reply) => {
    const row = await announcements.markRead(requireActorPage(request), request.params.id);
    return reply.redirect(`/${request.params.lang}/announcements?notice=${row.important ? 'confirmed' : 'read'}`, 303);
  });

  app.get('/:lang/announcements/:id', { schema: { hide: true, params: IdParams } }, async (request, reply) => {
    const { announcement, readers } = await announcements.withConfirmations(requireActorPage(request), request.params.id);
    return renderPage(request, reply, <ConfirmationsPage announcement={announcement} readers={readers} />);
  });
}
