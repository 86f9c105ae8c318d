// Pages of the live chat: the public /{lang}/chat and the console's /{lang}/console/chats… (under the
// console's gate: first- and second-line agents and managers). Every console form works without JavaScript.
import { Type } from 'typebox';
import type { App } from '../platform/http/types.ts';
import type { Services } from '../services.ts';
import { LangParams, Text } from '../platform/http/schemas.ts';
import { handleForm } from '../platform/http/forms.ts';
import { renderPage } from '../platform/views/render.tsx';
import { requireActorPage } from '../identity/guards.ts';
import { CONTACT_OUTCOMES } from '../contactcenter/model.ts';
import { ConsoleChatPage, ConsoleChatsPage, PublicChatPage } from './pages.tsx';

const ChatPageParams = Type.Object({ lang: LangParams.properties.lang, id: Type.String({ format: 'uuid' }) });
const AvailabilityForm = Type.Object({ available: Type.Optional(Text({ maxLength: 10 })), capacity: Type.Optional(Text({ maxLength: 5 })) });
const MessageForm = Type.Object({ text: Type.Optional(Text({ maxLength: 20_000 })) });
const CloseForm = Type.Object({ outcome: Type.Enum(CONTACT_OUTCOMES) });

export function chatPageRoutes(app: App, { chat }: Services) {
  app.get(
    '/:lang/chat',
    { schema: { hide: true, params: LangParams, querystring: Type.Object({ service: Type.Optional(Text({ maxLength: 200 })) }) } },
    async (request, reply) => {
      const service = request.query.service && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(request.query.service) ? request.query.service : null;
      return renderPage(request, reply, <PublicChatPage serviceCode={service} />);
    },
  );

  const listPage = async (actor: ReturnType<typeof requireActorPage>, errors?: Parameters<typeof ConsoleChatsPage>[0]['errors']) => (
    <ConsoleChatsPage state={await chat.availability(actor)} chats={await chat.list(actor)} errors={errors} />
  );

  app.get('/:lang/console/chats', { schema: { hide: true, params: LangParams } }, async (request, reply) =>
    renderPage(request, reply, await listPage(requireActorPage(request))),
  );

  app.post(
    '/:lang/console/chats/availability',
    { schema: { hide: true, params: LangParams, body: AvailabilityForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      return handleForm(
        request,
        reply,
        (errors) => listPage(actor, errors),
        async () => {
          await chat.setAvailability(actor, { available: request.body.available === 'true', capacity: Number(request.body.capacity ?? '3') });
          return `/${request.params.lang}/console/chats`;
        },
      );
    },
  );

  app.post('/:lang/console/chats/:id/accept', { schema: { hide: true, params: ChatPageParams }, attachValidation: true }, async (request, reply) => {
    const actor = requireActorPage(request);
    return handleForm(
      request,
      reply,
      (errors) => listPage(actor, errors),
      async () => {
        await chat.accept(actor, request.params.id, request.id);
        return `/${request.params.lang}/console/chats/${request.params.id}`;
      },
    );
  });

  const chatPage = async (
    actor: ReturnType<typeof requireActorPage>,
    id: string,
    requestId: string,
    errors?: Parameters<typeof ConsoleChatPage>[0]['errors'],
  ) => {
    const shown = await chat.show(actor, id, requestId);
    return <ConsoleChatPage chat={shown.chat} messages={shown.messages} errors={errors} />;
  };

  app.get('/:lang/console/chats/:id', { schema: { hide: true, params: ChatPageParams } }, async (request, reply) =>
    renderPage(request, reply, await chatPage(requireActorPage(request), request.params.id, request.id)),
  );

  app.post(
    '/:lang/console/chats/:id/messages',
    { schema: { hide: true, params: ChatPageParams, body: MessageForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      return handleForm(
        request,
        reply,
        (errors) => chatPage(actor, request.params.id, request.id, errors),
        async () => {
          await chat.reply(actor, request.params.id, request.body.text ?? '');
          return `/${request.params.lang}/console/chats/${request.params.id}#field-text`;
        },
      );
    },
  );

  app.post(
    '/:lang/console/chats/:id/close',
    { schema: { hide: true, params: ChatPageParams, body: CloseForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      return handleForm(
        request,
        reply,
        (errors) => chatPage(actor, request.params.id, request.id, errors),
        async () => {
          await chat.close(actor, request.params.id, request.body.outcome, request.id);
          return `/${request.params.lang}/console/chats`;
        },
      );
    },
  );
}
