// Who may take chats: the console's staff (first- and second-line agents, the organisation's managers), for
// the chats of their own organisation only.
import type { Actor } from '../identity/actor.ts';
import { canUseConsole } from '../contactcenter/console/authorisation.ts';

/** May set themselves available and take chats (the console's "Chats" view). */
export function canTakeChats(actor: Actor | null): actor is Actor {
  return canUseConsole(actor);
}

/** May read and answer this chat: one of the actor's organisation. */
export function canWorkOnChat(actor: Actor | null, chat: { organisationId: string }): boolean {
  return canTakeChats(actor) && actor.organisationId === chat.organisationId;
}
