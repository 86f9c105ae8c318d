// Who may see which satisfaction figures. Named predicates, used by the service.
import { hasRole, type Actor } from '../identity/actor.ts';

/** An organisation's dashboard: its managers, the competence center (aggregates only) and administrators. */
export function canViewOrganisationSatisfaction(actor: Actor | null, organisationId: string): boolean {
  if (!actor) return false;
  if (hasRole(actor, 'platform_admin', 'regional_analyst')) return true;
  return hasRole(actor, 'organisation_manager') && actor.organisationId === organisationId;
}

/**
 * Figures resting on fewer than 10 answers are shown only inside the organisation (its managers);
 * everyone else, the competence center included, sees them suppressed.
 */
export function seesSmallCells(actor: Actor | null, organisationId: string): boolean {
  return !!actor && hasRole(actor, 'organisation_manager') && actor.organisationId === organisationId;
}

/** The regional dashboard compares organisations: the competence center and administrators. */
export function canViewRegionalSatisfaction(actor: Actor | null): boolean {
  return hasRole(actor, 'regional_analyst', 'platform_admin');
}

/** Free-text comments (scrubbed, but written by people) stay inside the organisation, for its managers. */
export function canReadFeedbackComments(actor: Actor | null, organisationId: string): boolean {
  return seesSmallCells(actor, organisationId);
}

/** The competence center reads the comments an organisation released to it, masked (privacy.regionalTextFilter, issue 18). */
export function canReadReleasedComments(actor: Actor | null): boolean {
  return hasRole(actor, 'regional_analyst');
}

/** Where the satisfaction menu entry leads, if anywhere. */
export function satisfactionHome(actor: Actor): 'region' | 'organisation' | null {
  if (canViewRegionalSatisfaction(actor)) return 'region';
  if (hasRole(actor, 'organisation_manager')) return 'organisation';
  return null;
}

/** Making a feedback link for a contact of one's own organisation (QR code at a counter, link by phone). */
export function canMakeFeedbackLink(actor: Actor | null): boolean {
  return hasRole(actor, 'first_line_agent', 'second_line_agent', 'organisation_manager');
}
