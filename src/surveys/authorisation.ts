// Who may build, see and export which surveys. Named predicates, used by the service and the menu.
import { hasRole, type Actor } from '../identity/actor.ts';

export type SurveyOwner = 'organisation' | 'region';

/** Organisations' surveys: their editors and managers; regional surveys: the competence center. */
export function canCreateSurvey(actor: Actor | null, owner: SurveyOwner): boolean {
  if (owner === 'region') return hasRole(actor, 'regional_analyst');
  return hasRole(actor, 'organisation_manager', 'content_editor');
}

/** May create a survey of some owner (the new-survey screen). */
export function canCreateSomeSurvey(actor: Actor | null): boolean {
  return canCreateSurvey(actor, 'organisation') || canCreateSurvey(actor, 'region');
}

/** Editing, opening, closing and reading raw answers: the owner (the organisation's editors and managers, or the competence center). */
export function canManageSurvey(actor: Actor | null, survey: { organisationId: string | null }): boolean {
  if (!actor) return false;
  if (survey.organisationId === null) return hasRole(actor, 'regional_analyst');
  return hasRole(actor, 'organisation_manager', 'content_editor') && actor.organisationId === survey.organisationId;
}

/** Results: the owner, plus the competence center and administrators (with small cells suppressed). */
export function canViewSurveyResults(actor: Actor | null, survey: { organisationId: string | null }): boolean {
  return canManageSurvey(actor, survey) || hasRole(actor, 'regional_analyst', 'platform_admin');
}

/** Cells resting on fewer than 10 answers are shown only inside the owning organisation. */
export function seesSmallSurveyCells(actor: Actor | null, survey: { organisationId: string | null }): boolean {
  return canManageSurvey(actor, survey);
}

/** The anonymised raw answers (free texts included, scrubbed but written by people) stay with the owner. */
export const canExportRawAnswers = canManageSurvey;

/** Whether the surveys screens are offered at all (menu entry, list). */
export function usesSurveys(actor: Actor | null): boolean {
  return hasRole(actor, 'organisation_manager', 'content_editor', 'regional_analyst', 'platform_admin');
}
