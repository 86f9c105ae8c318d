// Unread counts of the console (issue 17 item 2): the inbox, the task list and the notifications of one person,
// shown in the console's links and kept live by live.js (GET /api/v1/console/unread after each event of the
// person's streams, which reach every instance through LISTEN/NOTIFY); and the work instructions and news not
// read yet, shown in the back-office navigation and kept live the same way by enhance.js (decision 0063).
import type { Database, Queryable } from '../../../platform/db/database.ts';
import type { Actor } from '../../../identity/actor.ts';
import type { AnnouncementsService } from '../../../announcements/service.ts';
import * as repo from './repository.ts';

export type UnreadCounts = { requests: number; tasks: number; notifications: number; announcements: number };

export function consoleUnreadService(db: Database, { announcements }: { announcements: Pick<AnnouncementsService, 'unreadCount'> }) {
  const scope = (actor: Actor): repo.Scope => ({ organisationId: actor.organisationId, accountId: actor.accountId, unitIds: actor.unitIds });
  return {
    async counts(actor: Actor): Promise<UnreadCounts> {
      const [work, news] = await Promise.all([repo.unreadCounts(db, scope(actor)), announcements.unreadCount(actor)]);
      return { ...work, announcements: news };
    },
    /** The person opened a request or task (its page, or its live refresh while open). */
    markRead: (q: Queryable, actor: Actor, itemId: string) => repo.markItemRead(q, actor.accountId, itemId),
    unreadAmong: (actor: Actor, ids: string[]) => repo.unreadAmong(db, actor.accountId, ids),
  };
}

export type ConsoleUnreadService = ReturnType<typeof consoleUnreadService>;
