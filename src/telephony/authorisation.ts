// Who reports calls: a telephone system, through an API token of the organisation with the calls:write scope (the
// scope gate checks the scope; a token is made by a manager). The calls page is the console's (canUseConsole).
// The organisation's manager, signed in (not a token), maps the telephone system's extensions to agents.
import { hasRole, type Actor } from '../identity/actor.ts';

export function canReportCalls(actor: Actor | null): boolean {
  return !!actor?.apiToken && hasRole(actor, 'organisation_manager');
}

export function canMapExtensions(actor: Actor | null): actor is Actor {
  return !!actor && !actor.apiToken && hasRole(actor, 'organisation_manager');
}
