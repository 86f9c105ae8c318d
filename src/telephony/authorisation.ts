// Who reports calls: a telephone system, through an API token of the organisation with the calls:write scope (the
// scope gate checks the scope; a token is made by a manager). The calls page is the console's (canUseConsole).
import { hasRole, type Actor } from '../identity/actor.ts';

export function canReportCalls(actor: Actor | null): boolean {
  return !!actor?.apiToken && hasRole(actor, 'organisation_manager');
}
