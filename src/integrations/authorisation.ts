// Who may manage an organisation's integrations.
import { hasRole, type Actor } from '../identity/actor.ts';

/** API tokens: the organisation's managers, signed in (a token never creates, lists or revokes tokens). */
export function canManageApiTokens(actor: Actor | null, organisationId: string): boolean {
  return !!actor && !actor.apiToken && hasRole(actor, 'organisation_manager') && actor.organisationId === organisationId;
}

/** Webhooks: the organisation's managers, or a token of theirs with webhooks:manage (checked by the scope gate). */
export function canManageWebhooks(actor: Actor | null, organisationId: string): boolean {
  return !!actor && hasRole(actor, 'organisation_manager') && actor.organisationId === organisationId;
}

/** Personal data in a subscription's events: a signed-in manager, or a token that has the personal-data scope. */
export function canSubscribeWithPersonalData(actor: Actor): boolean {
  return !actor.apiToken || actor.apiToken.scopes.includes('personal-data');
}
