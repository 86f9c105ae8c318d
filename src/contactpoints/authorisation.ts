// Who may do what with contact points. Reading is public; editing belongs to the content editors and
// managers of the owning organisation, and to platform administrators.
import { hasRole, type Actor } from '../identity/actor.ts';

/** May open the back-office list of contact points at all. */
export function canUseContactPointAdmin(actor: Actor | null): boolean {
  return hasRole(actor, 'platform_admin', 'organisation_manager', 'content_editor');
}

/** May create or change the contact points of this organisation. */
export function canEditContactPoints(actor: Actor | null, organisationId: string): boolean {
  if (!actor) return false;
  if (hasRole(actor, 'platform_admin')) return true;
  return hasRole(actor, 'organisation_manager', 'content_editor') && actor.organisationId === organisationId;
}

/** The organisations whose contact points the actor edits: null = all. */
export function contactPointEditingScope(actor: Actor): string[] | null {
  return hasRole(actor, 'platform_admin') ? null : [actor.organisationId];
}
