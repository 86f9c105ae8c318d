// Who may review the audit log: the managers of the organisation whose data it is, and platform administrators.
import { hasRole, type Actor } from '../identity/actor.ts';

export function canReviewAudit(actor: Actor | null): boolean {
  return hasRole(actor, 'platform_admin', 'organisation_manager');
}
