// Who may read the outgoing mail kept by IrisDesk (captured in development, status records in production).
import { hasRole, type Actor } from '../../identity/actor.ts';

export function canReadOutgoingMail(actor: Actor | null): boolean {
  return hasRole(actor, 'platform_admin');
}
