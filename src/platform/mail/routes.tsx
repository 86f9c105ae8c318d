// Outgoing e-mail for platform administrators: back-office pages /{lang}/admin/mail and the JSON API
// /api/v1/mail-messages (handy for checking what IrisDesk sent, e.g. from browser tests).
import { Type } from 'typebox';
import type { App } from '../http/types.ts';
import type { Services } from '../../services.ts';
import { errorResponses, LangParams, BoundedInteger, Text, Nullable, Uuid } from '../http/schemas.ts';
import { renderPage } from '../views/render.tsx';
import { requireActorPage } from '../../identity/guards.ts';
import { AppError } from '../http/errors.ts';
import { MailListPage, MailMessagePage, MAIL_STATUSES } from './pages.tsx';
import type { MailRow, MailSummaryRow } from './repository.ts';
import type { Actor } from '../../identity/actor.ts';

const StatusSchema = Type.Enum(MAIL_STATUSES);
const ListQuery = Type.Object({
  status: Type.Optional(Type.Union([StatusSchema, Type.Literal('')])),
  to: Type.Optional(Text({ maxLength: 254 })),
  limit: Type.Optional(BoundedInteger({ minimum: 1, maximum: 500 })),
});
const IdParams = Type.Object({ id: Text({ maxLength: 64 }) });

const MailSummarySchema = Type.Object({
  id: Uuid(),
  organisationId: Nullable(Type.String()),
  purpose: Type.String(),
  language: Type.String(),
  to: Type.Array(Type.String()),
  subject: Type.String(),
  status: StatusSchema,
  attempts: BoundedInteger(),
  createdAt: Type.String({ format: 'date-time' }),
  sentAt: Nullable(Type.String({ format: 'date-time' })),
});
const MailMessageSchema = Type.Intersect([
  MailSummarySchema,
  Type.Object({
    messageId: Type.String(),
    from: Type.String(),
    replyTo: Nullable(Type.String()),
    cc: Type.Array(Type.String()),
    text: Nullable(Type.String(), { description: 'null once delivered (content is not kept)' }),
    html: Nullable(Type.String()),
    headers: Type.Record(Type.String(), Type.String()),
    lastError: Nullable(Type.String()),
    attachments: Type.Array(
      Type.Object({
        filename: Type.String(),
        contentType: Type.String(),
        size: BoundedInteger(),
        content: Type.Optional(Type.String({ description: 'base64; absent once delivered' })),
      }),
    ),
  }),
]);

const summary = (row: MailSummaryRow) => ({
  id: row.id,
  organisationId: row.organisation_id,
  purpose: row.purpose,
  language: row.language,
  to: row.to_addresses,
  subject: row.subject,
  status: row.status,
  attempts: row.attempts,
  createdAt: row.created_at.toISOString(),
  sentAt: row.sent_at?.toISOString() ?? null,
});

const full = (row: MailRow) => ({
  ...summary(row),
  messageId: row.message_id,
  from: row.from_address,
  replyTo: row.reply_to,
  cc: row.cc_addresses,
  text: row.text_body,
  html: row.html_body,
  headers: row.headers,
  lastError: row.last_error,
  attachments: row.attachments,
});

export function mailRoutes(app: App, { mail, privacy }: Services) {
  // Another organisation's messages only with a live support access (privacy service, decision 0049, issue 18).
  const access = async (actor: Actor) => ({
    readable: await privacy.citizenDataFilter(actor),
    require: (organisationId: string | null) => privacy.requireCitizenDataAccess(actor, organisationId),
  });
  const session = [{ session: [] }];
  app.get(
    '/api/v1/mail-messages',
    {
      schema: {
        tags: ['platform'],
        summary: 'Outgoing e-mail, newest first (platform administrators; the read is audited)',
        security: session,
        querystring: ListQuery,
        response: { 200: Type.Object({ mode: Type.Enum(['smtp', 'capture']), messages: Type.Array(MailSummarySchema) }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { status, to, limit } = request.query;
      const actor = requireActorPage(request);
      const result = await mail.list(actor, { status: status || undefined, to, limit }, request.id, await access(actor));
      return { mode: result.mode, messages: result.messages.map(summary) };
    },
  );
  app.get(
    '/api/v1/mail-messages/:id',
    {
      schema: {
        tags: ['platform'],
        summary: 'One outgoing message with its content while it is kept (platform administrators; audited)',
        security: session,
        params: IdParams,
        response: { 200: MailMessageSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const actor = requireActorPage(request);
      return full(await mail.get(actor, request.params.id, request.id, await access(actor)));
    },
  );

  const pageSchema = { hide: true, params: LangParams };
  app.get('/:lang/admin/mail', { schema: { ...pageSchema, querystring: ListQuery } }, async (request, reply) => {
    const { status, to } = request.query;
    const actor = requireActorPage(request);
    const result = await mail.list(actor, { status: status || undefined, to }, request.id, await access(actor));
    return renderPage(
      request,
      reply,
      <MailListPage
        messages={result.messages}
        hidden={result.hidden}
        statistics={result.statistics}
        mode={result.mode}
        filter={{ status, to }}
        now={new Date()}
      />,
    );
  });
  app.get('/:lang/admin/mail/:id', { schema: { hide: true, params: Type.Intersect([LangParams, IdParams]) } }, async (request, reply) => {
    const actor = requireActorPage(request);
    const message = await mail.get(actor, request.params.id, request.id, await access(actor));
    return renderPage(request, reply, <MailMessagePage mail={message} />);
  });
  app.get(
    '/:lang/admin/mail/:id/attachments/:index',
    { schema: { hide: true, params: Type.Intersect([LangParams, IdParams, Type.Object({ index: BoundedInteger({ minimum: 0, maximum: 100 }) })]) } },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const message = await mail.get(actor, request.params.id, request.id, await access(actor));
      const attachment = message.attachments[request.params.index];
      if (!attachment?.content) throw new AppError(404, 'mail.not_found');
      const safeName = attachment.filename.replace(/[^\w.\- ]/g, '_');
      return reply
        .header('content-type', attachment.contentType)
        .header('content-disposition', `attachment; filename="${safeName}"; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(attachment.content, 'base64'));
    },
  );
}
