// Who may do what with queues. Taking a ticket, the board and the waiting times are public; the agent
// screen belongs to the front-line staff and managers of the organisation owning the contact point; the
// configuration to its managers and to platform administrators.
import { hasRole, type Actor } from '../identity/actor.ts';

/** May open the agent screen at all. */
export function canUseQueues(actor: Actor | null): boolean {
  return hasRole(actor, 'first_line_agent', 'second_line_agent', 'organisation_manager');
}

/** May serve tickets (call, finish, issue) at the counters of this organisation's contact points. */
export function canServeQueues(actor: Actor | null, organisationId: string): boolean {
  return !!actor && canUseQueues(actor) && actor.organisationId === organisationId;
}

/** May change the queue settings (services, prefixes, counters, priority categories) of this organisation. */
export function canConfigureQueues(actor: Actor | null, organisationId: string): boolean {
  if (!actor) return false;
  if (hasRole(actor, 'platform_admin')) return true;
  return hasRole(actor, 'organisation_manager') && actor.organisationId === organisationId;
}

/** The organisations whose counters the actor serves at. */
export function servingScope(actor: Actor): string[] {
  return [actor.organisationId];
}
