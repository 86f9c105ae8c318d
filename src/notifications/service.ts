// Notifications inside IrisDesk (issue 17 item 2, decision 0051): a colleague's @mention in an internal note,
// a task sent to the person, a request a colleague assigned to them. notify(tx, …) is the seam other modules
// call in their change's transaction: the rows, a `notification.created` realtime event on the person's
// account channel (every instance's streams get it through LISTEN/NOTIFY) and, for those who asked for it, one
// queued e-mail digest job per person (a durable job with a unique key: several notifications, one digest).
import type { Database, Queryable } from '../platform/db/database.ts';
import type { Actor } from '../identity/actor.ts';
import { AppError } from '../platform/http/errors.ts';
import { isUuid } from '../platform/http/schemas.ts';
import type { MailService } from '../platform/mail/service.ts';
import type { JobRegistry } from '../platform/jobs/registry.ts';
import { enqueue } from '../platform/jobs/queue.ts';
import { publishMany } from '../platform/realtime/publish.ts';
import { channels } from '../platform/realtime/channels.ts';
import { translator } from '../platform/i18n/messages.ts';
import { formatDateTime } from '../platform/i18n/format.ts';
import { addDays, brusselsDate, brusselsWallClock, fromBrusselsWallClock } from '../platform/calendar/brussels-time.ts';
import { recordAudit } from '../audit/service.ts';
import * as repo from './repository.ts';

export const DIGEST_JOB = 'notifications.digest';
/** The daily digest goes out at this Brussels time (before the working day starts). */
export const DIGEST_HOUR = 7;

/** The next digest time after `now`: today at DIGEST_HOUR in Brussels if still ahead, else tomorrow. */
export function nextDigestAt(now: Date): Date {
  const today = brusselsDate(now);
  const clock = brusselsWallClock(now);
  const day = clock.hour < DIGEST_HOUR ? today : addDays(today, 1);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return fromBrusselsWallClock(y, m, d, DIGEST_HOUR, 0);
}

/** Where a notification leads (a request of the console, a task, or the list itself). */
export function notificationPath(lang: string, n: Pick<repo.NotificationRow, 'requestId' | 'taskId' | 'kind'>): string {
  if (n.kind === 'task' && n.taskId) return `/${lang}/console/tasks/${n.taskId}`;
  if (n.requestId) return `/${lang}/console/requests/${n.requestId}`;
  return `/${lang}/notifications`;
}

export function notificationsService(db: Database, deps: { mail: Pick<MailService, 'send'>; jobs: JobRegistry; publicUrl: string }) {
  const base = deps.publicUrl.replace(/\/$/, '');

  deps.jobs.register<{ accountId: string }>(DIGEST_JOB, async (payload) => {
    if (!payload || typeof payload.accountId !== 'string' || !isUuid(payload.accountId)) return;
    const recipient = await repo.findDigestRecipient(db, payload.accountId);
    if (!recipient || recipient.digest === 'off') return;
    await db.transaction(async (tx) => {
      const items = await repo.claimForDigest(tx, payload.accountId);
      if (items.length === 0) return;
      const lang = recipient.language;
      const t = translator(lang);
      const lines = items.map(
        (n) =>
          `- ${t(`notifications.kind.${n.kind}`, { by: n.byName ?? '', reference: n.reference ?? '' })} (${formatDateTime(new Date(n.createdAt), lang)})\n  ${base}${notificationPath(lang, n)}`,
      );
      await deps.mail.send(
        {
          to: recipient.email,
          subject: t('notifications.digest.subject', { count: items.length }),
          text: `${t('notifications.digest.greeting', { name: recipient.displayName })}\n\n${lines.join('\n')}\n\n${t('notifications.digest.footer')}\n${base}/${lang}/notifications`,
          language: lang,
          purpose: 'notifications.digest',
        },
        { tx },
      );
    });
  });

  return {
    /**
     * Notifies people in the caller's transaction (nothing if it rolls back). The author of a change is never
     * notified of it (callers leave them out); duplicates of one person in one call are sent once.
     */
    async notify(tx: Queryable, items: readonly repo.NewNotification[]): Promise<void> {
      const seen = new Set<string>();
      const unique = items.filter((n) => {
        const key = `${n.accountId}|${n.kind}|${n.requestId ?? ''}|${n.taskId ?? ''}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      if (unique.length === 0) return;
      const { digestAccounts } = await repo.insertNotifications(tx, unique);
      const people = [...new Set(unique.map((n) => n.accountId))];
      await publishMany(tx, people.map(channels.account), { type: 'notification.created', data: { count: 1 } });
      const runAt = nextDigestAt(new Date());
      for (const accountId of digestAccounts) {
        await enqueue(tx, DIGEST_JOB, { accountId }, { uniqueKey: `digest:${accountId}`, runAt });
      }
    },

    list: (actor: Actor) => repo.listNotifications(db, actor.accountId),
    unreadCount: (actor: Actor) => repo.countUnread(db, actor.accountId),

    /** Marks one notification, or all with null, as read; an unknown or malformed id is a 404. */
    async markRead(actor: Actor, id: string | null): Promise<void> {
      if (id !== null && !isUuid(id)) throw new AppError(404, 'notifications.not_found');
      const changed = await repo.markRead(db, actor.accountId, id);
      if (id !== null && changed === 0) {
        const known = (await repo.listNotifications(db, actor.accountId, 500)).some((n) => n.id === id);
        if (!known) throw new AppError(404, 'notifications.not_found');
      }
    },

    /** Opening a request or task reads the notifications about it. */
    markReadAbout: (q: Queryable, actor: Actor, itemId: string) => repo.markReadAbout(q, actor.accountId, itemId),

    digestChoice: (actor: Actor) => repo.getDigestChoice(db, actor.accountId),

    async setDigestChoice(actor: Actor, digest: repo.DigestChoice, requestId?: string): Promise<void> {
      await db.transaction(async (tx) => {
        await repo.setDigestChoice(tx, actor.accountId, digest);
        await recordAudit(tx, actor, 'update', { type: 'notification_preferences', id: actor.accountId, organisationId: actor.organisationId }, requestId, {
          digest,
        });
      });
    },
  };
}

export type NotificationsService = ReturnType<typeof notificationsService>;
