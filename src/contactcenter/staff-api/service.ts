// The staff API of requests and tasks (issue 18 item 10, decision 0059): what a back-office system of an
// organisation reads and does with an API token (or a signed-in agent with a session). Same visibility as the
// console — its predicates canUseConsole / canWorkOnRequest / canHandleTask, another organisation's record
// answering 404 and written to the audit log as denied — and the same rules for changes: creating and answering
// a task go through the console service (mail to the user, status, webhooks, notifications, audit). A machine's
// reads never mark anything as read for the person who made the token.
import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/http/schemas.ts';
import { authorise } from '../../identity/guards.ts';
import type { Actor } from '../../identity/actor.ts';
import { recordAudit, recordReadOnce } from '../../audit/service.ts';
import { canHandleTask, canUseConsole, canWorkOnRequest } from '../console/authorisation.ts';
import { decodeCursor, encodeCursor, type ConsoleService, type TaskInput } from '../console/service.ts';
import * as consoleRepo from '../console/repository.ts';
import { normaliseReference } from '../references.ts';
import type { RequestStatus } from '../model.ts';
import * as repo from './repository.ts';

export const API_PAGE_DEFAULT = 50;
export const API_PAGE_MAX = 200;

export interface RequestListFilters {
  status?: RequestStatus | 'active' | 'all' | undefined;
  updatedSince?: Date | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

export function requestsApiService(db: Database, deps: { console: Pick<ConsoleService, 'createTask' | 'answerTask'> }) {
  /** The request with this reference if the actor's organisation owns it; otherwise 404 (a real one of another organisation audited as denied). */
  async function visibleByReference(actor: Actor, reference: string, requestId?: string): Promise<consoleRepo.RequestRecord> {
    const canonical = normaliseReference(reference);
    const id = canonical ? await repo.findRequestIdByReference(db, canonical) : undefined;
    const record = id ? await consoleRepo.findRequest(db, id) : undefined;
    if (!record) throw new AppError(404, 'console.request_not_found');
    if (!canWorkOnRequest(actor, record)) {
      await recordAudit(db, actor, 'denied', { type: 'cc_request', id: record.id, organisationId: record.organisationId }, requestId, {
        reason: 'other_organisation',
      });
      throw new AppError(404, 'console.request_not_found');
    }
    return record;
  }

  async function visibleTask(actor: Actor, id: string, requestId?: string): Promise<consoleRepo.TaskRow> {
    const task = isUuid(id) ? await consoleRepo.findTask(db, id) : undefined;
    if (!task) throw new AppError(404, 'console.task_not_found');
    if (!canHandleTask(actor, task)) {
      await recordAudit(db, actor, 'denied', { type: 'cc_task', id: task.id, organisationId: task.toOrganisationId }, requestId, {
        reason: 'other_organisation',
      });
      throw new AppError(404, 'console.task_not_found');
    }
    return task;
  }

  return {
    /** One page of the organisation's requests, oldest change first; `next` is the cursor of the following page. */
    async listRequests(actor: Actor, filters: RequestListFilters, requestId?: string) {
      authorise(canUseConsole(actor));
      const limit = Math.min(Math.max(filters.limit ?? API_PAGE_DEFAULT, 1), API_PAGE_MAX);
      const cursor = filters.cursor ? decodeCursor(filters.cursor) : null;
      const rows = await repo.listChangedRequests(db, {
        organisationId: actor.organisationId,
        status: filters.status ?? 'all',
        updatedSince: filters.updatedSince ?? null,
        after: cursor ? { updatedAt: cursor.createdAt, id: cursor.id } : null,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      if (page.length > 0) {
        await recordAudit(db, actor, 'read', { type: 'cc_request', id: null, organisationId: actor.organisationId }, requestId, {
          list: true,
          count: page.length,
        });
      }
      const last = page[page.length - 1];
      return { requests: page, next: rows.length > limit && last ? encodeCursor({ cursorAt: last.cursorAt, id: last.id }) : null };
    },

    /** A request with its time line (notes included, as in the console) and its tasks. Audited read. */
    async getRequest(actor: Actor, reference: string, requestId?: string) {
      const record = await visibleByReference(actor, reference, requestId);
      const [messages, tasks] = await Promise.all([consoleRepo.listMessages(db, record.id), consoleRepo.listTasksOfRequest(db, record.id)]);
      await recordReadOnce(db, actor, { type: 'cc_request', id: record.id, organisationId: record.organisationId }, requestId, { api: true });
      return { request: record, messages, tasks };
    },

    /** A task to a second line of any organisation, on a request of the actor's organisation (the console's rules). */
    async createTask(actor: Actor, reference: string, input: TaskInput, requestId?: string): Promise<string> {
      const record = await visibleByReference(actor, reference, requestId);
      return deps.console.createTask(actor, record.id, input, requestId);
    },

    /** Tasks routed to the actor's organisation, newest first (at most 200), optionally only those passed on or answered since a time. */
    async listTasks(actor: Actor, status: 'open' | 'answered' | 'all', changedSince?: Date) {
      authorise(canUseConsole(actor));
      return consoleRepo.listTasksTo(db, {
        organisationId: actor.organisationId,
        accountId: actor.accountId,
        unitIds: actor.unitIds,
        mineOnly: false,
        status,
        changedSince: changedSince ?? null,
      });
    },

    /** One task routed to the actor's organisation: the question and the request's snapshot. Audited read. */
    async getTask(actor: Actor, id: string, requestId?: string) {
      const task = await visibleTask(actor, id, requestId);
      await recordReadOnce(db, actor, { type: 'cc_task', id: task.id, organisationId: task.toOrganisationId }, requestId, { api: true });
      return task;
    },

    /** Answers a task routed to the actor's organisation, at the version read; answers the task as it is now. */
    async answerTask(actor: Actor, id: string, version: number, answer: string, requestId?: string) {
      await visibleTask(actor, id, requestId);
      await deps.console.answerTask(actor, id, version, answer, requestId);
      return (await consoleRepo.findTask(db, id))!;
    },
  };
}

export type RequestsApiService = ReturnType<typeof requestsApiService>;
