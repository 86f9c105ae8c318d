// Who may do what with appointments. Booking, cancelling and moving are public (the secret link is the
// proof); agenda and statuses belong to the staff of the organisation owning the contact point; settings to
// its managers; platform administrators everywhere.
import { hasRole, type Actor } from '../identity/actor.ts';

/** May open the agenda screens at all. */
export function canUseAgenda(actor: Actor | null): boolean {
  return hasRole(actor, 'platform_admin', 'organisation_manager', 'first_line_agent', 'second_line_agent');
}

/** May see and mark the appointments of this organisation's contact points. */
export function canServeAppointments(actor: Actor | null, organisationId: string): boolean {
  if (!actor) return false;
  if (hasRole(actor, 'platform_admin')) return true;
  return hasRole(actor, 'organisation_manager', 'first_line_agent', 'second_line_agent') && actor.organisationId === organisationId;
}

/** May change the appointment settings, closures and absences of this organisation's contact points. */
export function canConfigureAppointments(actor: Actor | null, organisationId: string): boolean {
  if (!actor) return false;
  if (hasRole(actor, 'platform_admin')) return true;
  return hasRole(actor, 'organisation_manager') && actor.organisationId === organisationId;
}

/** The organisations whose appointments the actor sees: null = all. */
export function appointmentScope(actor: Actor): string[] | null {
  return hasRole(actor, 'platform_admin') ? null : [actor.organisationId];
}
