// "X is viewing / replying" on a request (issue 17 item 2): each open request page says what its agent is
// doing (on arrival, while typing, every 25 s, on leaving) and the console's stream of that page also listens
// on the request's presence channel. Events go through PostgreSQL NOTIFY like every realtime event, so agents
// on different instances see each other; nothing is stored (a page that stops saying it is there fades out).
import type { Database } from '../../../platform/db/database.ts';
import type { Actor } from '../../../identity/actor.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { isUuid } from '../../../platform/http/schemas.ts';
import { publish } from '../../../platform/realtime/publish.ts';
import { channels } from '../../../platform/realtime/channels.ts';
import { canWorkOnRequest } from '../authorisation.ts';
import { findRequestOrganisation } from './repository.ts';

export const PRESENCE_STATES = ['viewing', 'replying', 'left'] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];

export function requestPresenceService(db: Database) {
  /** The request's presence channel, if the actor may work on the request (else the same 404 as its page). */
  async function channelOf(actor: Actor, requestId: string): Promise<string> {
    const organisationId = isUuid(requestId) ? await findRequestOrganisation(db, requestId) : undefined;
    if (!organisationId || !canWorkOnRequest(actor, { organisationId })) throw new AppError(404, 'console.request_not_found');
    return channels.requestPresence(requestId);
  }
  return {
    channelOf,
    /** Tells the other open pages of the request what this agent is doing there. */
    async announce(actor: Actor, requestId: string, state: PresenceState): Promise<void> {
      const channel = await channelOf(actor, requestId);
      await publish(db, channel, { type: 'request.presence', data: { id: requestId, accountId: actor.accountId, name: actor.displayName, state } });
    },
  };
}

export type RequestPresenceService = ReturnType<typeof requestPresenceService>;
