// Who may do what in the agent console. The console belongs to the staff of one organisation: first- and
// second-line agents and the organisation's managers. A request is seen only by its own organisation; a task
// routed to another organisation is seen there through the task (and its context snapshot) only.
import { hasRole, type Actor } from '../../identity/actor.ts';

export const CONSOLE_ROLES = ['first_line_agent', 'second_line_agent', 'organisation_manager'] as const;

/** May open the console at all. */
export function canUseConsole(actor: Actor | null): actor is Actor {
  return hasRole(actor, ...CONSOLE_ROLES);
}

/** May read and work on a request of this organisation. */
export function canWorkOnRequest(actor: Actor | null, request: { organisationId: string }): boolean {
  return canUseConsole(actor) && actor.organisationId === request.organisationId;
}

/** May read and answer a task: it was routed to the actor's organisation. */
export function canHandleTask(actor: Actor | null, task: { toOrganisationId: string }): boolean {
  return canUseConsole(actor) && actor.organisationId === task.toOrganisationId;
}

/** May keep the organisation's macros (create, edit, disable, order): its managers, the console's coordinators. */
export function canManageMacros(actor: Actor | null, organisationId: string): actor is Actor {
  return hasRole(actor, 'organisation_manager') && actor!.organisationId === organisationId;
}
