// Chats do not wait for ever (issue 19, decision 0062). Run every minute on each instance (main.ts); rows are
// taken with SKIP LOCKED, so instances running at once share the work instead of doing it twice.
//
// - A waiting chat whose user has gone (no call with its token and no open event stream of the chat for
//   `awayMinutes`) leaves the queue: closed as "abandoned" at the moment the user was last there, with a system
//   message that says so. Nothing written is lost: the transcript stays, and a user who comes back may still
//   turn it into a contact request (`convert` accepts a chat closed this way).
// - An active chat where nobody wrote for `idleMinutes` is closed with a system message, after a notice
//   `noticeMinutes` before (WCAG 2.2.1: a time limit is announced, and any message extends it). Its outcome is
//   left empty (the agent did not say); the questionnaire is offered when the agent had answered.
import type { Database } from '../platform/db/database.ts';
import { channels } from '../platform/realtime/channels.ts';
import type { RealtimeService } from '../platform/realtime/service.ts';
import { translator } from '../platform/i18n/messages.ts';
import { recordAuditEntry } from '../audit/service.ts';
import * as repo from './repository.ts';
import { addMessage, closeChat, type EndingDeps } from './conversation.ts';

export interface ChatExpirySettings {
  /** A waiting chat leaves the queue this long after its user was last seen. */
  awayMinutes: number;
  /** An active chat closes after this long without a message from the user or the agent… */
  idleMinutes: number;
  /** …announced in the chat this long before. */
  noticeMinutes: number;
}

export const DEFAULT_EXPIRY: ChatExpirySettings = { awayMinutes: 10, idleMinutes: 30, noticeMinutes: 5 };

/** Chats handled per run and kind: a backlog is worked off over the next runs. */
const BATCH = 200;
const minutes = (n: number) => n * 60_000;

export function chatExpiry(
  db: Database,
  deps: EndingDeps & { realtime: Pick<RealtimeService, 'presentChannels'>; settings?: Partial<ChatExpirySettings> | undefined },
) {
  const settings: ChatExpirySettings = { ...DEFAULT_EXPIRY, ...deps.settings };

  async function expireWaiting(now: Date): Promise<number> {
    const unseen = await repo.waitingUnseenSince(db, new Date(now.getTime() - minutes(settings.awayMinutes)), BATCH);
    if (!unseen.length) return 0;
    // An open stream of the chat is a user still there (or an agent looking at it before accepting it).
    const present = await deps.realtime.presentChannels(
      db,
      unseen.map((chat) => channels.chat(chat.id)),
    );
    let closed = 0;
    for (const candidate of unseen.filter((chat) => !present.has(channels.chat(chat.id)))) {
      closed += await db.transaction(async (tx) => {
        const chat = await repo.lockForExpiry(tx, candidate.id);
        // gone meanwhile: accepted, converted, back, or another instance's run has it
        if (!chat || chat.status !== 'waiting' || now.getTime() - new Date(chat.userSeenAt).getTime() < minutes(settings.awayMinutes)) return 0;
        const t = translator(chat.language);
        await closeChat(
          tx,
          chat,
          {
            reason: 'away',
            outcome: 'abandoned',
            agentAccountId: null,
            endedAt: new Date(chat.userSeenAt),
            questionnaire: false,
            systemText: t('chat.expiry.system.away', { minutes: settings.awayMinutes }),
          },
          deps,
        );
        return 1;
      });
    }
    return closed;
  }

  async function expireIdle(now: Date): Promise<{ noticed: number; closed: number }> {
    const quietSince = new Date(now.getTime() - minutes(settings.idleMinutes - settings.noticeMinutes));
    const result = { noticed: 0, closed: 0 };
    for (const candidate of await repo.activeQuietSince(db, quietSince, BATCH)) {
      const last = new Date(candidate.lastActivityAt).getTime();
      const noticedAt = candidate.idleWarnedAt ? new Date(candidate.idleWarnedAt).getTime() : null;
      // A notice counts when nobody wrote after it; the chat closes once the notice has had its full time.
      const noticeStands = noticedAt !== null && noticedAt >= last;
      const due = noticeStands && now.getTime() - last >= minutes(settings.idleMinutes) && now.getTime() - noticedAt >= minutes(settings.noticeMinutes);
      if (noticeStands && !due) continue;
      await db.transaction(async (tx) => {
        const chat = await repo.lockForExpiry(tx, candidate.id);
        if (!chat || chat.status !== 'active') return;
        const t = translator(chat.language);
        if (!due) {
          await repo.markIdleWarned(tx, chat.id, now);
          await addMessage(tx, chat, 'system', t('chat.expiry.system.idleNotice', { minutes: settings.noticeMinutes }));
          result.noticed++;
          return;
        }
        await closeChat(
          tx,
          chat,
          {
            reason: 'idle',
            outcome: null,
            agentAccountId: chat.agentAccountId,
            endedAt: new Date(last),
            questionnaire: chat.firstResponseAt !== null,
            systemText: t('chat.expiry.system.idleClosed'),
          },
          deps,
        );
        // The agent's chat closed without them: the log says the platform did it, and why.
        await recordAuditEntry(tx, {
          actorAccountId: null,
          actorOrganisationId: null,
          action: 'update',
          subjectType: 'chat',
          subjectId: chat.id,
          organisationId: chat.organisationId,
          details: { action: 'close', reason: 'idle', idleMinutes: settings.idleMinutes },
        });
        result.closed++;
      });
    }
    return result;
  }

  return {
    settings,
    /** One pass: what it closed (waiting chats left, idle conversations) and the notices it gave. */
    async run(now: Date = new Date()): Promise<{ away: number; idle: number; noticed: number }> {
      const away = await expireWaiting(now);
      const { noticed, closed } = await expireIdle(now);
      return { away, idle: closed, noticed };
    },
  };
}
