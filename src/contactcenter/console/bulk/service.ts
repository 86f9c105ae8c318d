// Bulk actions on a selection of the inbox (issue 17, item 4): assign, change the status, tag, close with an
// outcome. Each request goes through the same rule as one by one (the console service: organisation check,
// optimistic version, audit, time-line event, realtime); one that cannot be changed (closed, changed
// meanwhile) is counted as skipped, never stops the others.
import type { Database } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/http/errors.ts';
import type { Actor } from '../../../identity/actor.ts';
import { recordAudit } from '../../../audit/service.ts';
import { isUuid } from '../../../platform/http/schemas.ts';
import { CONTACT_OUTCOMES, type ContactOutcome } from '../../model.ts';
import type { ConsoleService } from '../service.ts';
import * as repo from './repository.ts';

export const BULK_LIMIT = 100;
export const TAG_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} _-]{0,39}$/u;
const STATUSES = ['open', 'waiting_user', 'waiting_second_line'] as const;

export type BulkAction =
  | { kind: 'assign'; assigneeId: string | null }
  | { kind: 'status'; status: (typeof STATUSES)[number] }
  | { kind: 'close'; outcome: ContactOutcome }
  | { kind: 'tag'; tag: string };

/** The form's "action" value ("assign:<id>", "assign:", "status:open", "close:<outcome>", "tag") and tag field. */
export function parseBulkAction(action: string, tag: string | undefined): BulkAction {
  const [kind, value = ''] = action.split(':', 2);
  const invalid = () => new AppError(400, 'validation.failed', { fields: [{ field: 'bulkAction', code: 'console.bulk.choose' }] });
  if (kind === 'assign' && (value === '' || isUuid(value))) return { kind, assigneeId: value || null };
  if (kind === 'status' && (STATUSES as readonly string[]).includes(value)) return { kind, status: value as (typeof STATUSES)[number] };
  if (kind === 'close' && (CONTACT_OUTCOMES as readonly string[]).includes(value)) return { kind, outcome: value as ContactOutcome };
  if (kind === 'tag') {
    const text = (tag ?? '').trim();
    if (!TAG_PATTERN.test(text)) throw new AppError(400, 'validation.failed', { fields: [{ field: 'tag', code: 'console.bulk.tagInvalid' }] });
    return { kind, tag: text.toLowerCase() };
  }
  throw invalid();
}

export function bulkService(db: Database, deps: { console: ConsoleService }) {
  const cc = deps.console;
  return {
    /** Applies one action to the selected requests of the actor's organisation; returns how many changed and were skipped. */
    async apply(actor: Actor, ids: string[], action: BulkAction, requestId?: string): Promise<{ changed: number; skipped: number }> {
      const wanted = [...new Set(ids)].filter(isUuid).slice(0, BULK_LIMIT);
      if (wanted.length === 0) throw new AppError(400, 'validation.failed', { fields: [{ field: 'ids', code: 'console.bulk.noneSelected' }] });
      const selected = await repo.versionsOf(db, actor.organisationId, wanted);
      let changed = 0;
      if (action.kind === 'tag') {
        changed = await db.transaction(async (tx) => {
          const tagged = await repo.addTag(
            tx,
            actor.organisationId,
            selected.map((s) => s.id),
            action.tag,
          );
          for (const id of tagged)
            await recordAudit(tx, actor, 'update', { type: 'cc_request', id, organisationId: actor.organisationId }, requestId, { change: 'tag', bulk: true });
          return tagged.length;
        });
      } else {
        for (const { id, version } of selected) {
          try {
            if (action.kind === 'assign') await cc.assign(actor, id, version, action.assigneeId, requestId);
            else if (action.kind === 'status') await cc.setStatus(actor, id, version, action.status, requestId);
            else await cc.close(actor, id, version, action.outcome, null, requestId);
            changed++;
          } catch (error) {
            // A closed or concurrently changed request is skipped; a bad assignee stops everything (same for all).
            if (!(error instanceof AppError) || error.status !== 409) throw error;
          }
        }
      }
      return { changed, skipped: wanted.length - changed };
    },
  };
}

export type BulkService = ReturnType<typeof bulkService>;
