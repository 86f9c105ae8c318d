// Who may do what with organisations, units and accounts. Named predicates, used by the service.
import { hasRole, type Actor } from '../identity/actor.ts';

/** Creating organisations is for platform administrators. */
export function canCreateOrganisation(actor: Actor | null): boolean {
  return hasRole(actor, 'platform_admin');
}

/** Managers run their own organisation (units, accounts); administrators run all. */
export function canManageOrganisation(actor: Actor | null, organisationId: string): boolean {
  if (!actor) return false;
  if (hasRole(actor, 'platform_admin')) return true;
  return hasRole(actor, 'organisation_manager') && actor.organisationId === organisationId;
}

/** Staff personal data (name, e-mail) is visible to the managers of the same organisation and administrators. */
export function canViewAccount(actor: Actor | null, account: { organisationId: string }): boolean {
  return canManageOrganisation(actor, account.organisationId);
}

/** The organisations whose accounts the actor may list: null = all. */
export function accountScope(actor: Actor): string | null {
  return hasRole(actor, 'platform_admin') ? null : actor.organisationId;
}

/** Granting platform_admin is reserved to administrators, so a manager cannot raise anyone above himself. */
export function canGrantRole(actor: Actor, role: string): boolean {
  if (role === 'platform_admin') return hasRole(actor, 'platform_admin');
  return true;
}
