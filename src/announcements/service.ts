// The rules of work instructions and news for agents (issue 17 item 7, decision 0052):
//
//   announcementsService(db, { audit })
//     forReader(actor)             → the messages for the actor (organisation-wide and their units'), unread first marked
//     unreadCount(actor)           → how many are unread (the menu's count)
//     publishChoices(actor)        → the units a manager may publish to
//     publish(actor, input)        → a new message of the manager's organisation (audited)
//     markRead(actor, id)          → the actor read (for an important one: confirmed) the message
//     withConfirmations(actor, id) → a message and who of its readers confirmed it (managers)
//
// Publishing and reading tell the readers' pages through their own stream (/api/v1/events/me, account channels):
// the navigation's unread count follows at once, on every instance (decision 0063).
import type { Database } from '../platform/db/database.ts';
import type { RealtimeService } from '../platform/realtime/service.ts';
import { channels } from '../platform/realtime/channels.ts';
import { ANNOUNCEMENT_EVENTS } from './events.ts';
import type { Actor } from '../identity/actor.ts';
import type { AuditService } from '../audit/service.ts';
import { AppError } from '../platform/http/errors.ts';
import { isUuid } from '../platform/http/schemas.ts';
import { authorise } from '../identity/guards.ts';
import { canPublishAnnouncements, canReadAnnouncement, canReadAnnouncements } from './authorisation.ts';
import * as repo from './repository.ts';

/** The news page shows this many messages, newest first. */
export const SHOWN = 50;

export interface AnnouncementInput {
  kind: repo.AnnouncementKind;
  title: string;
  body: string;
  /** '' or absent: the whole organisation. */
  unitId?: string | null | undefined;
  important: boolean;
}

export function announcementsService(db: Database, { audit, realtime }: { audit: AuditService; realtime: Pick<RealtimeService, 'publish'> }) {
  const everyUnit = (actor: Actor) => canPublishAnnouncements(actor, actor.organisationId);

  async function readable(actor: Actor, id: string): Promise<repo.AnnouncementRow> {
    const row = isUuid(id) ? await repo.findAnnouncement(db, actor.organisationId, id, actor.accountId) : undefined;
    if (!row || !canReadAnnouncement(actor, row)) throw new AppError(404, 'announcements.not_found');
    return row;
  }

  return {
    async forReader(actor: Actor): Promise<repo.AnnouncementRow[]> {
      authorise(canReadAnnouncements(actor));
      return repo.listForReader(db, actor.organisationId, actor.accountId, actor.unitIds, everyUnit(actor), SHOWN);
    },

    unreadCount: (actor: Actor) => repo.countUnread(db, actor.organisationId, actor.accountId, actor.unitIds, everyUnit(actor)),

    async publishChoices(actor: Actor) {
      authorise(canPublishAnnouncements(actor, actor.organisationId));
      return { units: await repo.unitsOf(db, actor.organisationId) };
    },

    async publish(actor: Actor, input: AnnouncementInput, requestId?: string): Promise<string> {
      authorise(canPublishAnnouncements(actor, actor.organisationId));
      const title = input.title.trim();
      const body = input.body.trim();
      const unitId = input.unitId || null;
      const fields = [...(title ? [] : [{ field: 'title', code: 'validation.required' }]), ...(body ? [] : [{ field: 'body', code: 'validation.required' }])];
      if (unitId && !(await repo.unitsOf(db, actor.organisationId)).some((u) => u.id === unitId)) fields.push({ field: 'unitId', code: 'validation.invalid' });
      if (fields.length) throw new AppError(400, 'validation.failed', { fields });
      const id = await db.transaction(async (tx) => {
        const created = await repo.insertAnnouncement(tx, {
          organisationId: actor.organisationId,
          unitId,
          kind: input.kind,
          title,
          body,
          important: input.important,
          authorAccountId: actor.accountId,
        });
        // Sent on commit: a reader never counts a message that then does not exist.
        for (const accountId of await repo.audienceAccountIds(tx, actor.organisationId, unitId)) {
          await realtime.publish(tx, channels.account(accountId), { type: ANNOUNCEMENT_EVENTS.published, data: { id: created } });
        }
        return created;
      });
      await audit.record(actor, 'create', { type: 'announcement', id, organisationId: actor.organisationId }, requestId, {
        kind: input.kind,
        important: input.important,
        unit: unitId !== null,
      });
      return id;
    },

    async markRead(actor: Actor, id: string): Promise<repo.AnnouncementRow> {
      const row = await readable(actor, id);
      // The reader's other pages (another tab, another instance) lower their count too.
      if (await repo.markRead(db, row.id, actor.accountId)) {
        await realtime.publish(db, channels.account(actor.accountId), { type: ANNOUNCEMENT_EVENTS.read, data: { id: row.id } });
      }
      return row;
    },

    async withConfirmations(actor: Actor, id: string) {
      const row = await readable(actor, id);
      authorise(canPublishAnnouncements(actor, row.organisationId));
      return { announcement: row, readers: await repo.confirmations(db, row) };
    },
  };
}

export type AnnouncementsService = ReturnType<typeof announcementsService>;
