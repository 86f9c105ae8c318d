// Who may do what in the competence center. Named predicates, used by the service.
// The competence center is staff with the regional_analyst role (and platform administrators): it sees
// every organisation's results, never personal data. An organisation's own people fill in its assessment;
// its manager submits it.
import { hasRole, type Actor } from '../identity/actor.ts';

export function isCompetenceCenter(actor: Actor | null): boolean {
  return hasRole(actor, 'regional_analyst', 'platform_admin');
}

/** Opening and closing campaigns, editing a campaign's questionnaire. */
export const canManageCampaigns = isCompetenceCenter;

/** The regional view, the portfolio of improvement projects, answering expertise requests. */
export const canViewRegion = isCompetenceCenter;

export const canRecordObservation = isCompetenceCenter;
export const canEditPractices = isCompetenceCenter;
export const canEditStrategy = isCompetenceCenter;
export const canAnswerExpertise = isCompetenceCenter;

/** Only the organisation's own people edit its assessment (not even administrators of the platform). */
export function canEditAssessment(actor: Actor | null, organisationId: string): boolean {
  return !!actor && actor.organisationId === organisationId;
}

/** Submitting is the organisation manager's act. */
export function canSubmitAssessment(actor: Actor | null, organisationId: string): boolean {
  return canEditAssessment(actor, organisationId) && hasRole(actor, 'organisation_manager');
}

/**
 * Reopening a submitted assessment (back to a draft, with a reason): the organisation's manager, who
 * submitted it, or the competence center, which coordinates the campaign. The service also requires the
 * campaign to be open.
 */
export function canReopenAssessment(actor: Actor | null, organisationId: string): boolean {
  return canSubmitAssessment(actor, organisationId) || isCompetenceCenter(actor);
}

/** An organisation's answers, results, action plan and requests: its own people and the competence center. */
export function canViewOrganisation(actor: Actor | null, organisationId: string): boolean {
  return !!actor && (actor.organisationId === organisationId || isCompetenceCenter(actor));
}

/**
 * Action plans belong to the organisation: only its own people change them. The competence center reads
 * every plan and coordinates through the portfolio and expertise requests, but does not rewrite another
 * organisation's commitments (nor does a platform administrator): a regional role is not a way into another
 * organisation's data.
 */
export function canEditActionPlan(actor: Actor | null, organisationId: string): boolean {
  return canEditAssessment(actor, organisationId);
}

export function canRequestExpertise(actor: Actor | null, organisationId: string): boolean {
  return canEditAssessment(actor, organisationId);
}

/** Peer aggregates shown to an organisation cover at least this many organisations, so none can be singled out. */
export const MIN_PEER_GROUP = 3;
