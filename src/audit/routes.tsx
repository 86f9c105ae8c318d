// Reviewing the audit log: a back-office page and GET /api/v1/audit.
import { Type, type Static } from 'typebox';
import type { Actor } from '../identity/actor.ts';
import type { App } from '../platform/http/types.ts';
import type { Services } from '../services.ts';
import { errorResponses, LangParams, BoundedInteger, Text, Nullable } from '../platform/http/schemas.ts';
import { renderPage } from '../platform/views/render.tsx';
import { requireActorPage } from '../identity/guards.ts';
import { AuditPage } from './pages.tsx';

const AuditQuery = Type.Object({
  subjectType: Type.Optional(Text({ maxLength: 64 })),
  subjectId: Type.Optional(Text({ maxLength: 64 })),
  limit: Type.Optional(BoundedInteger({ minimum: 1, maximum: 1000 })),
});

const AuditEntrySchema = Type.Object({
  id: BoundedInteger(),
  at: Type.String({ format: 'date-time' }),
  action: Type.String(),
  subjectType: Type.String(),
  subjectId: Nullable(Type.String()),
  actorAccountId: Nullable(Type.String()),
  actorName: Nullable(Type.String()),
  organisationId: Nullable(Type.String()),
  details: Type.Record(Type.String(), Type.Unknown()),
  masked: Type.Boolean({
    description: 'True when values that could name a person were replaced by [masked] (another organisation’s entry read without a support access)',
  }),
});

export function auditRoutes(app: App, { audit, privacy }: Services) {
  // A platform administrator's view of other organisations' entries is masked without a support access (issue 18 item 5).
  const entriesFor = async (actor: Actor, query: Static<typeof AuditQuery>) => audit.list(actor, query, await privacy.citizenDataFilter(actor));

  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: "Who read or changed personal data of the caller's organisation (all for administrators)",
        security: [{ session: [] }],
        querystring: AuditQuery,
        response: { 200: Type.Object({ entries: Type.Array(AuditEntrySchema) }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const rows = await entriesFor(requireActorPage(request), request.query);
      return {
        entries: rows.map((row) => ({
          id: row.id,
          at: row.at.toISOString(),
          action: row.action,
          subjectType: row.subject_type,
          subjectId: row.subject_id,
          actorAccountId: row.actor_account_id,
          actorName: row.actor_name,
          organisationId: row.organisation_id,
          details: row.details,
          masked: row.masked,
        })),
      };
    },
  );

  app.get('/:lang/admin/audit', { schema: { hide: true, params: LangParams, querystring: AuditQuery } }, async (request, reply) => {
    const entries = await entriesFor(requireActorPage(request), request.query);
    return renderPage(request, reply, <AuditPage entries={entries} />);
  });
}
