// What every change of a chat does in its transaction, for the service (users and agents) and the expiry
// (decision 0062) alike: the message stored and published on `chat:{id}`, the status on the chat and its
// organisation's queue, and the end of a conversation (the contact recorded, the questionnaire offered).
import type { Queryable } from '../platform/db/database.ts';
import { publish } from '../platform/realtime/publish.ts';
import { channels } from '../platform/realtime/channels.ts';
import type { SatisfactionService } from '../satisfaction/service.ts';
import type { ContactCenterService } from '../contactcenter/intake/service.ts';
import type { ContactOutcome } from '../contactcenter/model.ts';
import * as repo from './repository.ts';

export interface ChatMessage {
  from: repo.ChatSender;
  text: string;
  at: string;
}

type ChatRef = { id: string; organisationId: string };

export const toMessage = (row: repo.ChatMessageRow): ChatMessage => ({ from: row.sender, text: row.body, at: new Date(row.createdAt).toISOString() });

/** An event on the chat's own channel: the user's stream and the agent's. */
export async function announce(q: Queryable, chat: ChatRef, type: string, data: Record<string, unknown>): Promise<void> {
  await publish(q, channels.chat(chat.id), { type, data });
}

/** A change of the organisation's queue (ids only): consoles re-read their list, waiting users their position. */
export async function announceQueue(q: Queryable, organisationId: string, chatId: string, status: repo.ChatStatus): Promise<void> {
  await publish(q, channels.chatQueue(organisationId), { type: 'chat.queue', data: { id: chatId, status } });
}

export async function addMessage(
  q: Queryable,
  chat: ChatRef,
  sender: repo.ChatSender,
  text: string,
  authorAccountId: string | null = null,
): Promise<ChatMessage> {
  const message = toMessage(await repo.insertMessage(q, chat.id, sender, text, authorAccountId));
  await announce(q, chat, 'chat.message', { ...message });
  return message;
}

export interface EndingDeps {
  contactCenter: Pick<ContactCenterService, 'recordContact'>;
  satisfaction: Pick<SatisfactionService, 'createFeedbackInvitation'>;
}

/**
 * Closes a chat (its row locked by the caller): recorded as a contact on channel "chat" from its opening to
 * `endedAt`, with the standard questionnaire when there was a conversation to rate (tied to the contact, never
 * to the person: decision 0055), the system message said, and the user's page, the agent's and the queue told.
 */
export async function closeChat(
  tx: Queryable,
  chat: repo.ChatRow,
  end: {
    reason: Exclude<repo.ChatEndReason, 'converted'>;
    outcome: ContactOutcome | null;
    agentAccountId: string | null;
    endedAt: Date;
    questionnaire: boolean;
    systemText: string;
  },
  deps: EndingDeps,
): Promise<void> {
  await repo.setStatus(tx, chat.id, 'closed', { outcome: end.outcome, endReason: end.reason, endedAt: end.endedAt });
  if (end.questionnaire) {
    const { url } = await deps.satisfaction.createFeedbackInvitation(tx, {
      organisationId: chat.organisationId,
      serviceCode: chat.serviceCode,
      channel: 'chat',
      contactAt: end.endedAt,
      language: chat.language,
      source: { kind: 'link', id: chat.id },
    });
    await repo.setFeedbackUrl(tx, chat.id, url);
  }
  await deps.contactCenter.recordContact(tx, {
    organisationId: chat.organisationId,
    channel: 'chat',
    serviceCode: chat.serviceCode,
    agentAccountId: end.agentAccountId,
    language: chat.language,
    startedAt: new Date(chat.createdAt),
    endedAt: end.endedAt,
    outcome: end.outcome,
    source: { kind: 'console', id: chat.id },
  });
  await addMessage(tx, chat, 'system', end.systemText);
  await announce(tx, chat, 'chat.status', { status: 'closed' });
  await announceQueue(tx, chat.organisationId, chat.id, 'closed');
}
