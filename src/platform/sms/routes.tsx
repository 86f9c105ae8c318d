// Text messages for platform administrators: the back-office page /{lang}/admin/sms and the JSON API
// /api/v1/sms-messages (handy for checking what IrisDesk sent, e.g. from browser tests).
import { Type } from 'typebox';
import type { App } from '../http/types.ts';
import type { Services } from '../../services.ts';
import { errorResponses, LangParams, BoundedInteger, Text, Nullable, Uuid } from '../http/schemas.ts';
import { renderPage } from '../views/render.tsx';
import { requireActorPage } from '../../identity/guards.ts';
import { SmsListPage } from './pages.tsx';
import { SMS_STATUSES, type SmsRow } from './repository.ts';
import type { Actor } from '../../identity/actor.ts';

const StatusSchema = Type.Enum(SMS_STATUSES);
const ListQuery = Type.Object({
  status: Type.Optional(Type.Union([StatusSchema, Type.Literal('')])),
  to: Type.Optional(Text({ maxLength: 40 })),
  limit: Type.Optional(BoundedInteger({ minimum: 1, maximum: 500 })),
});

const SmsSchema = Type.Object({
  id: Uuid(),
  organisationId: Nullable(Type.String()),
  purpose: Type.String(),
  language: Type.String(),
  to: Type.String({ description: 'E.164' }),
  text: Nullable(Type.String(), { description: 'null once delivered or when the number opted out (the text is not kept)' }),
  encoding: Type.Enum(['gsm7', 'ucs2']),
  segments: BoundedInteger(),
  status: StatusSchema,
  attempts: BoundedInteger(),
  lastError: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  submittedAt: Nullable(Type.String({ format: 'date-time' })),
  deliveredAt: Nullable(Type.String({ format: 'date-time' })),
});

const shape = (row: SmsRow) => ({
  id: row.id,
  organisationId: row.organisation_id,
  purpose: row.purpose,
  language: row.language,
  to: row.to_number,
  text: row.body,
  encoding: row.encoding,
  segments: row.segments,
  status: row.status,
  attempts: row.attempts,
  lastError: row.last_error,
  createdAt: row.created_at.toISOString(),
  submittedAt: row.submitted_at?.toISOString() ?? null,
  deliveredAt: row.delivered_at?.toISOString() ?? null,
});

export function smsRoutes(app: App, { sms, privacy }: Services) {
  // Another organisation's messages only with a live support access (privacy service, decision 0049, issue 18).
  const access = async (actor: Actor) => ({ readable: await privacy.citizenDataFilter(actor) });
  app.get(
    '/api/v1/sms-messages',
    {
      schema: {
        tags: ['platform'],
        summary: 'Text messages, newest first (platform administrators; the read is audited)',
        security: [{ session: [] }],
        querystring: ListQuery,
        response: { 200: Type.Object({ mode: Type.Enum(['smpp', 'capture']), messages: Type.Array(SmsSchema) }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { status, to, limit } = request.query;
      const actor = requireActorPage(request);
      const result = await sms.list(actor, { status: status || undefined, to, limit }, request.id, await access(actor));
      return { mode: result.mode, messages: result.messages.map(shape) };
    },
  );

  app.get('/:lang/admin/sms', { schema: { hide: true, params: LangParams, querystring: ListQuery } }, async (request, reply) => {
    const { status, to } = request.query;
    const actor = requireActorPage(request);
    const result = await sms.list(actor, { status: status || undefined, to }, request.id, await access(actor));
    return renderPage(
      request,
      reply,
      <SmsListPage messages={result.messages} hidden={result.hidden} statistics={result.statistics} mode={result.mode} filter={{ status, to }} />,
    );
  });
}
