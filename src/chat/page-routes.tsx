// Pages of the live chat: the public /{lang}/chat and the console's /{lang}/console/chats… (under the
// console's gate: first- and second-line agents and managers). Every console form works without JavaScript.
import { Type, type Static } from 'typebox';
import type { Language } from '../platform/i18n/languages.ts';
import { parseSearch } from '../contactcenter/console/search/service.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../platform/http/errors.ts';
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

/** The chat page's look-ups beside the conversation: earlier contacts (`who`) and the knowledge panel (`kq`, `kservice`). */
const ChatPageQuery = Type.Object({
  who: Type.Optional(Text({ maxLength: 254 })),
  kq: Type.Optional(Text({ maxLength: 500 })),
  kservice: Type.Optional(Text({ maxLength: 200 })),
});
/** Knowledge articles shown beside a chat, as beside a request. */
const PANEL_RESULTS = 5;

export function chatPageRoutes(app: App, { chat, consoleSearch, knowledge }: Services) {
  app.get(
    '/:lang/chat',
    { schema: { hide: true, params: LangParams, querystring: Type.Object({ service: Type.Optional(Text({ maxLength: 200 })) }) } },
    async (request, reply) => {
      const service = request.query.service && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(request.query.service) ? request.query.service : null;
      return renderPage(request, reply, <PublicChatPage serviceCode={service} />);
    },
  );

  type Actor = ReturnType<typeof requireActorPage>;
  type Errors = FieldError[] | undefined;
  const listPage = async (actor: Actor, errors?: Errors) => (
    <ConsoleChatsPage state={await chat.availability(actor)} chats={await chat.list(actor)} errors={errors} />
  );
  const chatPage = async (actor: Actor, id: string, requestId: string, errors?: Errors, query: Static<typeof ChatPageQuery> = {}, lang: Language = 'fr') => {
    const shown = await chat.show(actor, id, requestId);
    const who = (query.who ?? '').trim();
    const terms = who ? parseSearch(who) : null;
    // Only an e-mail address or a phone number: the person's own requests, not a full-text search from a chat.
    const byContact = terms && (terms.kind === 'email' || terms.kind === 'phone');
    const [rows, found] = await Promise.all([
      byContact ? consoleSearch.search(actor, who, requestId) : Promise.resolve(null),
      knowledge.search(actor, { q: query.kq ?? '', lang, service: query.kservice || undefined, limit: PANEL_RESULTS }),
    ]);
    return (
      <ConsoleChatPage
        chat={shown.chat}
        messages={shown.messages}
        errors={errors}
        aside={{ earlier: { who, rows }, knowledge: { q: query.kq ?? '', results: found.results } }}
      />
    );
  };
  /**
   * A console form: the signed-in agent's action answers where to go next; refused or invalid, it re-renders the
   * list (id null) or the chat's page with the errors.
   */
  const consoleForm = (request: FastifyRequest, reply: FastifyReply, id: string | null, act: (actor: Actor) => Promise<string>) => {
    const actor = requireActorPage(request);
    return handleForm(
      request,
      reply,
      (errors) => (id ? chatPage(actor, id, request.id, errors, {}, request.lang) : listPage(actor, errors)),
      () => act(actor),
    );
  };

  app.get('/:lang/console/chats', { schema: { hide: true, params: LangParams } }, async (request, reply) =>
    renderPage(request, reply, await listPage(requireActorPage(request))),
  );

  app.post(
    '/:lang/console/chats/availability',
    { schema: { hide: true, params: LangParams, body: AvailabilityForm }, attachValidation: true },
    async (request, reply) =>
      consoleForm(request, reply, null, async (actor) => {
        await chat.setAvailability(actor, { available: request.body.available === 'true', capacity: Number(request.body.capacity ?? '3') });
        return `/${request.params.lang}/console/chats`;
      }),
  );

  // Accepting is a form of the list: its refusal (taken by a colleague, at capacity) shows on the list.
  app.post('/:lang/console/chats/:id/accept', { schema: { hide: true, params: ChatPageParams }, attachValidation: true }, async (request, reply) =>
    consoleForm(request, reply, null, async (actor) => {
      await chat.accept(actor, request.params.id, request.id);
      return `/${request.params.lang}/console/chats/${request.params.id}`;
    }),
  );

  app.get('/:lang/console/chats/:id', { schema: { hide: true, params: ChatPageParams, querystring: ChatPageQuery } }, async (request, reply) =>
    renderPage(request, reply, await chatPage(requireActorPage(request), request.params.id, request.id, undefined, request.query, request.params.lang)),
  );

  app.post(
    '/:lang/console/chats/:id/messages',
    { schema: { hide: true, params: ChatPageParams, body: MessageForm }, attachValidation: true },
    async (request, reply) =>
      consoleForm(request, reply, request.params.id, async (actor) => {
        await chat.reply(actor, request.params.id, request.body.text ?? '');
        return `/${request.params.lang}/console/chats/${request.params.id}#field-text`;
      }),
  );

  app.post(
    '/:lang/console/chats/:id/close',
    { schema: { hide: true, params: ChatPageParams, body: CloseForm }, attachValidation: true },
    async (request, reply) =>
      consoleForm(request, reply, request.params.id, async (actor) => {
        await chat.close(actor, request.params.id, request.body.outcome, request.id);
        return `/${request.params.lang}/console/chats`;
      }),
  );
}
