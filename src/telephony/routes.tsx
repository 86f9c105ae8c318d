// HTTP of the telephony integration: the endpoint the telephone system calls (POST /api/v1/telephony/call-events,
// an API token with calls:write), and the console's calls page with its live stream (under /{lang}/console and
// /api/v1/console, behind the console's role gate).
import { Type, type Static } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../platform/http/types.ts';
import type { Services } from '../services.ts';
import { errorResponses, LangParams, Text, Uuid } from '../platform/http/schemas.ts';
import { AppError, fieldErrorsFromValidation } from '../platform/http/errors.ts';
import { toAppError } from '../platform/http/error-handler.tsx';
import { renderPage } from '../platform/views/render.tsx';
import { handleForm } from '../platform/http/forms.ts';
import { channels } from '../platform/realtime/channels.ts';
import { requireActorPage } from '../identity/guards.ts';
import { CALL_EVENTS } from './service.ts';
import { CallsPage, ExtensionsPage, type CallsView } from './pages.tsx';
import { canMapExtensions } from './authorisation.ts';

const CallEventBody = Type.Object(
  {
    callId: Text({ minLength: 1, maxLength: 200, description: "The telephone system's own id of the call (Asterisk's linkedid, 3CX's call id)" }),
    event: Type.Enum(CALL_EVENTS),
    from: Type.Optional(Text({ maxLength: 40, description: "The caller's number in any usual form; empty or 'anonymous' when withheld" })),
    to: Type.Optional(Text({ maxLength: 50, description: 'The number or queue called' })),
    agent: Type.Optional(Text({ maxLength: 254, description: "The agent's e-mail address in IrisDesk" })),
    extension: Type.Optional(
      Text({ maxLength: 20, description: "Or the agent's extension, as the organisation's manager mapped it in IrisDesk (used when agent is absent)" }),
    ),
    at: Type.Optional(Type.String({ format: 'date-time', description: 'When it happened; now when absent' })),
  },
  { additionalProperties: false },
);
const CallJson = Type.Object({
  id: Uuid(),
  status: Type.Enum(['ringing', 'answered', 'ended', 'missed'] as const),
  caller: Type.Union([Type.String(), Type.Null()]),
  agent: Type.Union([Type.String(), Type.Null()]),
  durationSeconds: Type.Union([Type.Integer(), Type.Null()]),
  contactRecorded: Type.Boolean(),
});
const CallParams = Type.Object({ lang: LangParams.properties.lang, id: Uuid() });
const LinkBody = Type.Object({ reference: Text({ minLength: 1, maxLength: 40 }), _csrf: Type.Optional(Type.String()) });
// one field per agent, named ext-{account id}; the service checks each against the organisation's agents
const ExtensionsBody = Type.Object({ _csrf: Type.Optional(Type.String()) }, { additionalProperties: Type.String({ maxLength: 200 }) });
const SavedQuery = Type.Object({ saved: Type.Optional(Type.Literal('1')) });
const NoticeQuery = Type.Object({ notice: Type.Optional(Type.Enum(['linked', 'calledBack'] as const)) });

export function telephonyRoutes(app: App, services: Services) {
  const { telephony, realtime } = services;

  app.post(
    '/api/v1/telephony/call-events',
    {
      schema: {
        tags: ['telephony'],
        summary: 'Report a call event from the telephone system (an API token with the calls:write scope; docs/telephony.md)',
        description:
          'ringing and answered push the call to the agent named (their calls page shows the caller’s earlier requests); ended records an ' +
          'answered call as a phone contact with its duration; missed (or ended without an answer) puts it on the call-back list. Events are ' +
          'matched on callId and may arrive twice or out of order: a call never goes back to an earlier state.',
        security: [{ bearer: ['calls:write'] }],
        body: CallEventBody,
        response: { 202: CallJson, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const call = await telephony.receiveEvent(actor, request.body, request.id);
      const duration = call.answeredAt && call.endedAt ? Math.round((call.endedAt.getTime() - call.answeredAt.getTime()) / 1000) : null;
      return reply.code(202).send({
        id: call.id,
        status: call.status,
        caller: call.caller,
        agent: call.agentName,
        durationSeconds: duration,
        contactRecorded: call.contactId !== null,
      });
    },
  );

  app.get('/api/v1/console/calls/events', { schema: { hide: true } }, async (request, reply) => {
    const actor = requireActorPage(request);
    await realtime.streamEvents(request, reply, [channels.account(actor.accountId), channels.organisation(actor.organisationId)]);
    return reply;
  });

  async function page(request: FastifyRequest, reply: FastifyReply, extra: Partial<CallsView> = {}, status = 200) {
    const actor = requireActorPage(request);
    const list = await telephony.workList(actor, request.id);
    return renderPage(request, reply, <CallsPage {...list} mapsExtensions={canMapExtensions(actor)} {...extra} />, status);
  }

  app.get('/:lang/console/calls/extensions', { schema: { hide: true, params: LangParams, querystring: SavedQuery } }, async (request, reply) => {
    const agents = await telephony.extensions(requireActorPage(request));
    return renderPage(request, reply, <ExtensionsPage agents={agents} saved={request.query.saved === '1'} />);
  });

  app.post(
    '/:lang/console/calls/extensions',
    { schema: { hide: true, params: LangParams, body: ExtensionsBody }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const body: Record<string, unknown> = request.body ?? {};
      const wanted: Record<string, string> = {};
      for (const [name, value] of Object.entries(body)) if (name.startsWith('ext-') && typeof value === 'string') wanted[name.slice(4)] = value;
      return handleForm(
        request,
        reply,
        async (errors) => <ExtensionsPage agents={await telephony.extensions(actor)} values={wanted} errors={errors} />,
        async () => {
          await telephony.saveExtensions(actor, wanted, request.id);
          return `/${request.params.lang}/console/calls/extensions?saved=1`;
        },
      );
    },
  );

  app.get('/:lang/console/calls', { schema: { hide: true, params: LangParams, querystring: NoticeQuery } }, async (request, reply) =>
    page(request, reply, { notice: request.query.notice }),
  );

  app.post('/:lang/console/calls/:id/link', { schema: { hide: true, params: CallParams, body: LinkBody }, attachValidation: true }, async (request, reply) => {
    const actor = requireActorPage(request);
    const validation = request.validationError as (Error & { validation?: never[] }) | undefined;
    if (validation?.validation) return page(request, reply, { errors: fieldErrorsFromValidation(validation.validation), errorFor: request.params.id }, 400);
    const body: Static<typeof LinkBody> = request.body;
    try {
      await telephony.linkToRequest(actor, request.params.id, body.reference, request.id);
    } catch (raw) {
      const error = toAppError(raw as Error);
      if (!(error instanceof AppError) || error.status >= 500) throw raw;
      if (error.options.fields) return page(request, reply, { errors: error.options.fields, errorFor: request.params.id }, error.status);
      return page(request, reply, { error: error.code }, error.status);
    }
    return reply.redirect(`/${request.params.lang}/console/calls?notice=linked`, 303);
  });

  app.post('/:lang/console/calls/:id/called-back', { schema: { hide: true, params: CallParams } }, async (request, reply) => {
    const actor = requireActorPage(request);
    try {
      await telephony.markCalledBack(actor, request.params.id, request.id);
    } catch (raw) {
      const error = toAppError(raw as Error);
      if (!(error instanceof AppError) || error.status >= 500) throw raw;
      return page(request, reply, { error: error.code }, error.status);
    }
    return reply.redirect(`/${request.params.lang}/console/calls?notice=calledBack`, 303);
  });
}
