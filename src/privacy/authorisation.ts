// Who may do what with data protection (issue 18, decision 0049). Named predicates for the gate, the service and the menu.
import { hasRole, type Actor } from '../identity/actor.ts';

/** An organisation's data protection officer, or the regional one. */
export function isPrivacyOfficer(actor: Actor | null): boolean {
  return hasRole(actor, 'data_protection_officer', 'regional_data_protection_officer');
}

/** Subject requests and the retention settings of an organisation: its DPO, or the regional DPO for any. */
export function canHandlePrivacyOf(actor: Actor | null, organisationId: string | null): boolean {
  if (hasRole(actor, 'regional_data_protection_officer')) return true;
  return !!actor && organisationId !== null && hasRole(actor, 'data_protection_officer') && actor.organisationId === organisationId;
}

/** The organisations whose requests the actor handles: null = every one (the regional DPO). */
export function privacyScope(actor: Actor): string | null {
  return hasRole(actor, 'regional_data_protection_officer') ? null : actor.organisationId;
}

/** The privacy back office: DPOs, and platform administrators for their support access. */
export function canUsePrivacyBackOffice(actor: Actor | null): boolean {
  return isPrivacyOfficer(actor) || hasRole(actor, 'platform_admin');
}

/** Support access is opened by platform administrators only. */
export function canOpenSupportAccess(actor: Actor | null): boolean {
  return hasRole(actor, 'platform_admin');
}

/**
 * A platform administrator reading the citizens' data of an organisation other than their own (the vendor's): only
 * with a live support access (decision 0049). Data of no organisation (the platform's own mail) is theirs to read.
 */
export function needsSupportAccess(actor: Actor | null, organisationId: string | null): boolean {
  return !!actor && hasRole(actor, 'platform_admin') && organisationId !== null && organisationId !== actor.organisationId;
}
