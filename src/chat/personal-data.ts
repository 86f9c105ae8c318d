// The chat module's personal-data seam, wired into the privacy service (src/services.ts; issue 18, decision 0053).
import type { Queryable } from '../platform/db/database.ts';
import { chatsOfRequests, eraseChats, eraseChatsEndedBefore } from './personal-data-repository.ts';

export const chatPersonalData = {
  export: (q: Queryable, requestIds: string[]) => chatsOfRequests(q, requestIds),
  erase: (tx: Queryable, chatIds: string[]) => eraseChats(tx, chatIds),
  /** Retention: transcripts of chats ended more than `days` ago (category chat_transcripts). */
  eraseEndedBefore: (tx: Queryable, organisationId: string, days: number) => eraseChatsEndedBefore(tx, organisationId, days),
};
