// Who may configure an organisation's OpenID provider: its managers (signed in, not through an API token) and
// platform administrators.
import { hasRole, type Actor } from '../actor.ts';

export function canConfigureSignIn(actor: Actor | null, organisationId: string): boolean {
  if (!actor || actor.apiToken) return false;
  return hasRole(actor, 'platform_admin') || (hasRole(actor, 'organisation_manager') && actor.organisationId === organisationId);
}

/** The settings page is in the menu of those who configure at least their own organisation's provider. */
export function canConfigureSomeSignIn(actor: Actor): boolean {
  return canConfigureSignIn(actor, actor.organisationId);
}
