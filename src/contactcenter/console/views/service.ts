// Saved views of the console inbox (issue 17, item 4): a named set of the inbox's filters, kept for oneself
// or shared with one of one's units (every member sees it in the inbox's list of views). Only the inbox's own
// query parameters are kept, re-checked by the inbox's schema when the view is opened.
import type { Database } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/http/errors.ts';
import type { Actor } from '../../../identity/actor.ts';
import { recordAudit } from '../../../audit/service.ts';
import { isUuid } from '../../../platform/http/schemas.ts';
import * as repo from './repository.ts';

const FILTER_KEYS = ['view', 'status', 'channel', 'service', 'sla'] as const;

/** The inbox filters of a URL's query string, in a fixed order; anything else is dropped. */
export function viewFilters(query: string): string {
  const given = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  const kept = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = given.get(key);
    if (value && /^[a-z0-9_-]{1,100}$/.test(value)) kept.set(key, value);
  }
  return kept.toString();
}

export function savedViewsService(db: Database) {
  return {
    list: (actor: Actor) => repo.listViews(db, actor.organisationId, actor.accountId, actor.unitIds),

    async save(actor: Actor, input: { name: string; unitId: string | null; query: string }, requestId?: string): Promise<string> {
      const name = input.name.trim();
      if (!name || name.length > 80) throw new AppError(400, 'validation.failed', { fields: [{ field: 'viewName', code: 'validation.required' }] });
      if (input.unitId && (!isUuid(input.unitId) || !actor.unitIds.includes(input.unitId)))
        throw new AppError(400, 'validation.failed', { fields: [{ field: 'shareWith', code: 'validation.invalid' }] });
      const id = await repo.insertView(db, {
        organisationId: actor.organisationId,
        ownerAccountId: actor.accountId,
        unitId: input.unitId,
        name,
        filters: viewFilters(input.query),
      });
      await recordAudit(db, actor, 'create', { type: 'cc_saved_view', id, organisationId: actor.organisationId }, requestId, { shared: !!input.unitId });
      return id;
    },

    async remove(actor: Actor, id: string, requestId?: string): Promise<void> {
      if (!isUuid(id) || !(await repo.deleteView(db, id, actor.accountId))) throw new AppError(404, 'console.view_not_found');
      await recordAudit(db, actor, 'update', { type: 'cc_saved_view', id, organisationId: actor.organisationId }, requestId, { change: 'delete' });
    },
  };
}

export type SavedViewsService = ReturnType<typeof savedViewsService>;
