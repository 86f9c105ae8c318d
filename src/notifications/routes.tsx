// HTTP of notifications: the page /{lang}/notifications (list, mark as read, the e-mail digest choice) and the
// JSON API /api/v1/notifications (the list with the unread count; mark as read) for the console's script and tools.
import { Type } from 'typebox';
import type { App } from '../platform/http/types.ts';
import type { Services } from '../services.ts';
import { errorResponses, LangParams, Text, Uuid } from '../platform/http/schemas.ts';
import { handleForm } from '../platform/http/forms.ts';
import { renderPage } from '../platform/views/render.tsx';
import { gateRoutes, requireActorPage } from '../identity/guards.ts';
import { canReadNotifications } from './authorisation.ts';
import { NotificationsPage } from './pages.tsx';
import { DIGEST_CHOICES, NOTIFICATION_KINDS } from './repository.ts';
import { notificationPath } from './service.ts';

const NOTICES = new Set(['read', 'saved']);

const NotificationSchema = Type.Object({
  id: Uuid(),
  kind: Type.Enum(NOTIFICATION_KINDS),
  reference: Type.Union([Type.String(), Type.Null()]),
  by: Type.Union([Type.String(), Type.Null()]),
  path: Type.String({ description: 'Where the notification leads, in the language asked for' }),
  createdAt: Type.String({ format: 'date-time' }),
  read: Type.Boolean(),
});

export function notificationsRoutes(app: App, { notifications }: Services) {
  gateRoutes(app, ['/:lang/notifications', '/api/v1/notifications'], canReadNotifications);

  app.get(
    '/:lang/notifications',
    { schema: { hide: true, params: LangParams, querystring: Type.Object({ notice: Type.Optional(Text({ maxLength: 20 })) }) } },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const [items, digest] = await Promise.all([notifications.list(actor), notifications.digestChoice(actor)]);
      const notice = request.query.notice && NOTICES.has(request.query.notice) ? request.query.notice : undefined;
      return renderPage(request, reply, <NotificationsPage items={items} digest={digest} notice={notice} />);
    },
  );

  app.post(
    '/:lang/notifications/read',
    { schema: { hide: true, params: LangParams, body: Type.Object({ id: Type.Optional(Uuid()) }) }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      return handleForm(
        request,
        reply,
        async () => <NotificationsPage items={await notifications.list(actor)} digest={await notifications.digestChoice(actor)} />,
        async () => {
          await notifications.markRead(actor, request.body?.id ?? null);
          return `/${request.params.lang}/notifications?notice=read`;
        },
      );
    },
  );

  app.post(
    '/:lang/notifications/preferences',
    { schema: { hide: true, params: LangParams, body: Type.Object({ digest: Type.Enum(DIGEST_CHOICES) }) }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      return handleForm(
        request,
        reply,
        async () => <NotificationsPage items={await notifications.list(actor)} digest={await notifications.digestChoice(actor)} />,
        async () => {
          await notifications.setDigestChoice(actor, request.body.digest, request.id);
          return `/${request.params.lang}/notifications?notice=saved`;
        },
      );
    },
  );

  app.get(
    '/api/v1/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'The signed-in staff member’s notifications, newest first, with the unread count',
        security: [{ session: [] }],
        querystring: Type.Object({ lang: Type.Optional(Type.Enum(['fr', 'nl', 'en'])) }),
        response: { 200: Type.Object({ unread: Type.Integer(), notifications: Type.Array(NotificationSchema) }), ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const actor = requireActorPage(request);
      const lang = request.query.lang ?? actor.preferredLanguage;
      const items = await notifications.list(actor);
      return {
        unread: items.filter((n) => !n.readAt).length,
        notifications: items.map((n) => ({
          id: n.id,
          kind: n.kind,
          reference: n.reference,
          by: n.byName,
          path: notificationPath(lang, n),
          createdAt: new Date(n.createdAt).toISOString(),
          read: n.readAt !== null,
        })),
      };
    },
  );

  app.post(
    '/api/v1/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Marks one notification (id) or all of them (no id) as read',
        security: [{ session: [] }],
        body: Type.Object({ id: Type.Optional(Uuid()) }),
        response: { 204: Type.Null({ description: 'Marked as read' }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await notifications.markRead(requireActorPage(request), request.body.id ?? null);
      return reply.code(204).send(null);
    },
  );
}
