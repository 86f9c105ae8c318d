// Who may do what with organisations, units and accounts. Named predicates, used by the service.
import { hasRole, ROLES, type Actor, type Role } from '../identity/actor.ts';

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

/** Manages some organisation (their own, or all as an administrator): the organisation and account screens. */
export function managesOrganisations(actor: Actor | null): boolean {
  return hasRole(actor, 'platform_admin', 'organisation_manager');
}

/** Staff personal data (name, e-mail) is visible to the managers of the same organisation and administrators. */
export function canViewAccount(actor: Actor | null, account: { organisationId: string }): boolean {
  return canManageOrganisation(actor, account.organisationId);
}

/** The organisations whose accounts the actor may list: null = all. */
export function accountScope(actor: Actor): string | null {
  return hasRole(actor, 'platform_admin') ? null : actor.organisationId;
}

/** Roles whose work stays inside the account's own organisation: an organisation's managers may grant them there. */
export const ORGANISATION_ROLES: readonly Role[] = ['first_line_agent', 'second_line_agent', 'content_editor', 'organisation_manager'];

/**
 * Whether the actor may give or take away a role on an account of the given organisation (a new account has
 * no id yet). Roles reaching across organisations (regional_analyst, platform_admin) are granted by platform
 * administrators only; managers grant the organisation's own roles inside their organisation; nobody changes
 * their own roles, so no one can raise themselves.
 */
export function canGrantRole(actor: Actor | null, role: Role, account: { id?: string; organisationId: string }): boolean {
  if (!actor || account.id === actor.accountId) return false;
  if (hasRole(actor, 'platform_admin')) return true;
  return canManageOrganisation(actor, account.organisationId) && ORGANISATION_ROLES.includes(role);
}

/** The roles the actor may tick on an account of that organisation (the account form offers these). */
export function grantableRoles(actor: Actor | null, account: { id?: string; organisationId: string }): Role[] {
  return ROLES.filter((role) => canGrantRole(actor, role, account));
}

/**
 * Changing an account (name, language, units, status): its organisation's managers, unless the account holds a
 * role they could not grant (a manager neither deactivates nor renames a regional analyst or an administrator).
 */
export function canChangeAccount(actor: Actor | null, account: { organisationId: string; roles: readonly Role[] }): boolean {
  if (!canManageOrganisation(actor, account.organisationId)) return false;
  return hasRole(actor, 'platform_admin') || account.roles.every((role) => ORGANISATION_ROLES.includes(role));
}
