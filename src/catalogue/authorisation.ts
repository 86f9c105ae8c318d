// Who may change the catalogue. Named predicates, used by the service.
//
// Decision: a service provided by one organisation is owned by that organisation, whose content editors keep
// it up to date. A service every commune (or every CPAS) provides has one shared text for all 19, so it
// belongs to the regional editorial team: platform administrators (owner_organisation_id IS NULL). A commune
// editor cannot change it for everyone, but adds the commune's local part to it (decision 0058).
import { hasRole, type Actor } from '../identity/actor.ts';

/** Editors see the back-office catalogue screens (their own services, stale list, content gaps). */
export function canUseCatalogueBackOffice(actor: Actor | null): boolean {
  return hasRole(actor, 'content_editor', 'platform_admin');
}

/** Content editors of the owning organisation, and platform administrators, may edit a service. */
export function canEditService(actor: Actor | null, service: { ownerOrganisationId: string | null }): boolean {
  if (!actor) return false;
  if (hasRole(actor, 'platform_admin')) return true;
  return hasRole(actor, 'content_editor') && service.ownerOrganisationId !== null && service.ownerOrganisationId === actor.organisationId;
}

/**
 * The local part of a service every commune (or CPAS) provides is written by the content editors of one commune
 * (or CPAS), for their own organisation only: the organisation's kind must be the service's.
 */
export function canEditLocalPart(actor: Actor | null, service: { competentKind: string }, organisationKind: string | undefined): boolean {
  return hasRole(actor, 'content_editor') && service.competentKind !== 'organisation' && service.competentKind === organisationKind;
}

/** Who may name the organisation competent for a service: a platform administrator any, an editor their own. */
export function canMakeCompetent(actor: Actor | null, organisationId: string | null): boolean {
  return hasRole(actor, 'platform_admin') || (!!actor && organisationId !== null && organisationId === actor.organisationId);
}

/** The services an actor may edit: undefined = all (administrators), otherwise the actor's organisation. */
export function editScope(actor: Actor): string | undefined {
  return hasRole(actor, 'platform_admin') ? undefined : actor.organisationId;
}

/** The regional competence center (analysts) and administrators read the unmet questions of every month. */
export function canSeeUnmetQuestions(actor: Actor | null): boolean {
  return hasRole(actor, 'regional_analyst', 'platform_admin');
}
