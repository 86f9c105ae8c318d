// Who may see and do what with safety incidents. Incident reports are sensitive personal data about staff
// and members of the public: they are shown to the reporter and to the reporter's managers only — the
// organisation's managers and the managers of the contact point where it happened — never to colleagues,
// never to another organisation, and not to platform administrators either (docs/decisions/0013).
import { hasRole, type Actor } from '../identity/actor.ts';

/** Every signed-in staff member may report an incident or call for help (for their own organisation). */
export function canReportIncident(actor: Actor | null): boolean {
  return !!actor;
}

/** Organisation managers run safety for their whole organisation (membership, follow-up, dashboard). */
export function isSafetyManager(actor: Actor | null, organisationId: string): boolean {
  return !!actor && hasRole(actor, 'organisation_manager') && actor.organisationId === organisationId;
}

/** Maintaining who works at which contact point belongs to the organisation's managers. */
export function canManageStaff(actor: Actor | null, organisationId: string): boolean {
  return isSafetyManager(actor, organisationId);
}

export type IncidentView = 'manager' | 'reporter';

/**
 * How the actor may see an incident: as one of the reporter's managers (everything, follow-up notes
 * included), as its reporter (their own report and the state of the follow-up, without managers' notes),
 * or not at all (null).
 */
export function incidentViewFor(
  actor: Actor | null,
  incident: { organisationId: string; reporterAccountId: string | null; contactPointId: string | null },
  managedContactPointIds: readonly string[],
): IncidentView | null {
  if (!actor || actor.organisationId !== incident.organisationId) return null;
  if (isSafetyManager(actor, incident.organisationId)) return 'manager';
  if (incident.contactPointId && managedContactPointIds.includes(incident.contactPointId)) return 'manager';
  if (incident.reporterAccountId === actor.accountId) return 'reporter';
  return null;
}

/** The anonymous dashboard: organisation managers, and contact-point managers of the same organisation. */
export function canViewStatistics(actor: Actor | null, managedContactPointIds: readonly string[]): boolean {
  return !!actor && (hasRole(actor, 'organisation_manager') || managedContactPointIds.length > 0);
}
