// Who may read the text messages IrisDesk sent or captured, and record a number's wish for no more messages.
import { hasRole, type Actor } from '../../identity/actor.ts';

export function canReadTextMessages(actor: Actor | null): boolean {
  return hasRole(actor, 'platform_admin');
}
