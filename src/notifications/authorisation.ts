// Who has notifications: the console's staff (a mention, a task or an assignment only reaches them).
import type { Actor } from '../identity/actor.ts';
import { canUseConsole } from '../contactcenter/console/authorisation.ts';

/** May read their notifications and choose an e-mail digest. */
export function canReadNotifications(actor: Actor | null): actor is Actor {
  return canUseConsole(actor);
}
