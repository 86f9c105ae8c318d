// HTTP of the live chat (issue 19): the public API of the contract (/api/v1/chats…, the chat's own bearer
// token; the event stream takes it as ?token= since EventSource sends no headers), the console's JSON side
// (/api/v1/console/chats…, session, under the console's gate), the public page /{lang}/chat and the console's
// "Chats" view /{lang}/console/chats….
import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../platform/http/types.ts';
import type { Services } from '../services.ts';
import { AppError } from '../platform/http/errors.ts';
import { errorResponses, Text } from '../platform/http/schemas.ts';
import { isLanguage } from '../platform/i18n/languages.ts';
import { requireActorPage } from '../identity/guards.ts';
import {
  AgentStateSchema,
  AvailabilityBody,
  ChatMessageSchema,
  ChatParams,
  ChatViewSchema,
  CloseBody,
  ConsoleChatSchema,
  ConvertBody,
  MessageBody,
  OpenChatBody,
  OpenedChat,
  TranscriptBody,
} from './schemas.ts';
import { chatPageRoutes } from './page-routes.tsx';

/** Under this prefix the Authorization header carries a chat's token, not an API token (see app.ts). */
export const CHAT_API_PREFIX = '/api/v1/chats';

/** The chat token of `Authorization: Bearer <token>`; 401 without one. */
function bearerOf(request: FastifyRequest): string {
  const match = /^Bearer +(\S+) *$/i.exec(request.headers.authorization ?? '');
  if (!match) throw new AppError(401, 'chat.token_required', { headers: { 'www-authenticate': 'Bearer' } });
  return match[1]!;
}

const bodyLanguage = {
  preValidation: async (request: FastifyRequest) => {
    const language = (request.body as { language?: unknown } | undefined)?.language;
    if (isLanguage(language)) request.lang = language;
  },
};

export function chatRoutes(app: App, services: Services) {
  const { chat, realtime } = services;
  const tags = ['chat'];
  const tokenNote = 'Authorization: Bearer <the chat’s token>. Without it 401; with a wrong one 404, as an unknown chat.';
  const chatToken = [{ chatToken: [] }];

  // ---- public API (contract of issue 19)
  app.post(
    CHAT_API_PREFIX,
    {
      schema: {
        tags,
        summary: 'Open a live chat; answers its id and token',
        security: [],
        description:
          'Routed like every contact: the competent organisation of the service (the postal code for commune and CPAS services), ' +
          'otherwise the regional first line; when the competent organisation has nobody available and the first line has, to the first line. ' +
          'At most 10 chats per address per hour (429).',
        body: OpenChatBody,
        response: { 201: OpenedChat, ...errorResponses(400, 415, 429) },
      },
      ...bodyLanguage,
    },
    async (request, reply) => reply.code(201).send(await chat.open(request.body, request.ip)),
  );

  app.get(
    `${CHAT_API_PREFIX}/:id`,
    {
      schema: {
        tags,
        summary: 'The chat: status, messages, and while waiting the position and an honest wait',
        description: tokenNote,
        security: chatToken,
        params: ChatParams,
        response: { 200: ChatViewSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const { language: _language, ...view } = await chat.view(request.params.id, bearerOf(request));
      return view;
    },
  );

  app.post(
    `${CHAT_API_PREFIX}/:id/messages`,
    {
      schema: {
        tags,
        summary: 'Send a message (at most 2000 characters; at most 20 per minute)',
        description: tokenNote,
        security: chatToken,
        params: ChatParams,
        body: MessageBody,
        response: { 201: ChatMessageSchema, ...errorResponses(400, 401, 404, 409, 415, 429) },
      },
    },
    async (request, reply) => reply.code(201).send(await chat.post(request.params.id, bearerOf(request), request.body.text)),
  );

  app.post(
    `${CHAT_API_PREFIX}/:id/typing`,
    {
      schema: {
        tags,
        summary: 'Tell the agent the user is typing (not stored)',
        description: tokenNote,
        security: chatToken,
        params: ChatParams,
        response: { 204: Type.Null(), ...errorResponses(401, 404, 415) },
      },
    },
    async (request, reply) => {
      await chat.typing(request.params.id, bearerOf(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${CHAT_API_PREFIX}/:id/convert`,
    {
      schema: {
        tags,
        summary: 'Turn the chat into a contact request (nobody available, the user prefers it, or it closed while they were away); answers its reference',
        security: chatToken,
        description: `${tokenNote} The whole transcript becomes the request; the receipt with the status link goes by e-mail, or by SMS to the phone. One of email and phone is required.`,
        params: ChatParams,
        body: ConvertBody,
        response: { 200: Type.Object({ reference: Type.String() }), ...errorResponses(400, 401, 404, 409, 415) },
      },
    },
    async (request) => chat.convert(request.params.id, bearerOf(request), request.body),
  );

  app.post(
    `${CHAT_API_PREFIX}/:id/transcript`,
    {
      schema: {
        tags,
        summary: 'Send the transcript so far by e-mail, in the chat’s language (at most 3 per chat)',
        description: tokenNote,
        security: chatToken,
        params: ChatParams,
        body: TranscriptBody,
        response: {
          202: Type.Object({ status: Type.Literal('queued', { description: 'The e-mail is in the mail queue' }) }),
          ...errorResponses(400, 401, 404, 415, 429),
        },
      },
    },
    async (request, reply) => {
      await chat.sendTranscript(request.params.id, bearerOf(request), request.body);
      return reply.code(202).send({ status: 'queued' as const });
    },
  );

  app.get(
    `${CHAT_API_PREFIX}/:id/events`,
    {
      schema: {
        tags,
        summary: 'Server-Sent Events of the chat: chat.message, chat.typing, chat.status, chat.queue (re-read the position)',
        description: 'EventSource sends no headers: the token goes in ?token= here only.',
        security: [{ chatTokenQuery: [] }],
        params: ChatParams,
        querystring: Type.Object({ token: Text({ maxLength: 100 }), lastEventId: Type.Optional(Text({ maxLength: 30 })) }),
        response: { 200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: Type.String() } } }, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { channels } = await chat.streamChannels(request.params.id, request.query.token);
      // The moment the user's page goes away: a waiting chat leaves the queue some minutes later (decision 0062).
      request.raw.once('close', () => void chat.userLeft(request.params.id).catch(() => undefined));
      await realtime.streamEvents(request, reply, channels);
      return reply;
    },
  );

  // ---- the console's JSON side (session; under the console gate of /api/v1/console)
  const consoleTags = ['contact center'];
  const session = [{ session: [] }];

  app.get(
    '/api/v1/console/chats',
    {
      schema: {
        tags: consoleTags,
        summary: 'Waiting chats of the agent’s organisation and the agent’s active ones',
        security: session,
        response: { 200: Type.Array(ConsoleChatSchema), ...errorResponses(401, 403) },
      },
    },
    async (request) =>
      (await chat.list(requireActorPage(request))).map(({ agentAccountId: _agent, ...row }) => ({ ...row, createdAt: new Date(row.createdAt).toISOString() })),
  );

  app.get(
    '/api/v1/console/chats/availability',
    {
      schema: {
        tags: consoleTags,
        summary: 'The agent’s availability for chats',
        security: session,
        response: { 200: AgentStateSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => chat.availability(requireActorPage(request)),
  );

  app.put(
    '/api/v1/console/chats/availability',
    {
      schema: {
        tags: consoleTags,
        summary: 'Set oneself available (or not) for chats, with a capacity',
        security: session,
        body: AvailabilityBody,
        response: { 200: AgentStateSchema, ...errorResponses(400, 401, 403, 415) },
      },
    },
    async (request) => chat.setAvailability(requireActorPage(request), request.body),
  );

  app.get(
    '/api/v1/console/chats/events',
    {
      schema: {
        tags: consoleTags,
        summary: 'Server-Sent Events of the organisation’s chat queue (ids and statuses only)',
        security: session,
        querystring: Type.Object({ lastEventId: Type.Optional(Text({ maxLength: 30 })) }),
        response: { 200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: Type.String() } } }, ...errorResponses(401, 403) },
      },
    },
    async (request, reply) => {
      await realtime.streamEvents(request, reply, chat.queueChannels(requireActorPage(request)));
      return reply;
    },
  );

  app.get(
    '/api/v1/console/chats/:id',
    {
      schema: {
        tags: consoleTags,
        summary: 'One chat of the organisation with its transcript (audited)',
        security: session,
        params: ChatParams,
        response: {
          200: Type.Object({ status: Type.String(), language: Type.String(), messages: Type.Array(ChatMessageSchema) }),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) => {
      const { chat: row, messages } = await chat.show(requireActorPage(request), request.params.id, request.id);
      return { status: row.status, language: row.language, messages };
    },
  );

  app.get(
    '/api/v1/console/chats/:id/events',
    {
      schema: {
        tags: consoleTags,
        summary: 'Server-Sent Events of one chat for its agent',
        security: session,
        params: ChatParams,
        querystring: Type.Object({ lastEventId: Type.Optional(Text({ maxLength: 30 })) }),
        response: { 200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: Type.String() } } }, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await realtime.streamEvents(request, reply, await chat.agentChannels(requireActorPage(request), request.params.id));
      return reply;
    },
  );

  app.post(
    '/api/v1/console/chats/:id/accept',
    {
      schema: {
        tags: consoleTags,
        summary: 'Take a waiting chat (409 when another agent took it, or at capacity)',
        security: session,
        params: ChatParams,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404, 409, 415) },
      },
    },
    async (request, reply) => {
      await chat.accept(requireActorPage(request), request.params.id, request.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/console/chats/:id/messages',
    {
      schema: {
        tags: consoleTags,
        summary: 'Answer in a chat one has taken',
        security: session,
        params: ChatParams,
        body: MessageBody,
        response: { 201: ChatMessageSchema, ...errorResponses(400, 401, 403, 404, 409, 415) },
      },
    },
    async (request, reply) => reply.code(201).send(await chat.reply(requireActorPage(request), request.params.id, request.body.text)),
  );

  app.post(
    '/api/v1/console/chats/:id/typing',
    {
      schema: {
        tags: consoleTags,
        summary: 'Tell the user the agent is typing (not stored)',
        security: session,
        params: ChatParams,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404, 415) },
      },
    },
    async (request, reply) => {
      await chat.agentTyping(requireActorPage(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/console/chats/:id/close',
    {
      schema: {
        tags: consoleTags,
        summary: 'End a chat with its outcome (recorded as a contact on channel "chat")',
        security: session,
        params: ChatParams,
        body: CloseBody,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409, 415) },
      },
    },
    async (request, reply) => {
      await chat.close(requireActorPage(request), request.params.id, request.body.outcome, request.id);
      return reply.code(204).send(null);
    },
  );

  chatPageRoutes(app, services);
}
