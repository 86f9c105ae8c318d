// Who may change the contact-center settings of an organisation (inbound mailboxes, SLA targets, the SLA
// business calendar): its organisation managers, and platform administrators for every organisation.
import { hasRole, type Actor } from '../../identity/actor.ts';

export function canManageContactCenterSettings(actor: Actor | null, organisationId: string): boolean {
  if (!actor) return false;
  if (hasRole(actor, 'platform_admin')) return true;
  return hasRole(actor, 'organisation_manager') && actor.organisationId === organisationId;
}

/** May open the settings screens at all (then only their own organisation, unless administrator). */
export function canOpenContactCenterSettings(actor: Actor | null): actor is Actor {
  return hasRole(actor, 'platform_admin', 'organisation_manager');
}

/** Administrators choose the organisation; managers only ever see their own. */
export function settingsForEveryOrganisation(actor: Actor): boolean {
  return hasRole(actor, 'platform_admin');
}

/** May change the console settings (auto-assignment, templates) of this organisation. */
export function canManageConsole(actor: Actor | null, organisationId: string): boolean {
  return hasRole(actor, 'organisation_manager') && actor!.organisationId === organisationId;
}
