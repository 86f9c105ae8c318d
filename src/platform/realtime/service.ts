// The realtime service every module uses: publish(db or tx, channel, event) and, in routes,
// streamEvents(request, reply, channels, { filter }). One hub per process.
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database, Queryable } from '../db/database.ts';
import { createRealtimeHub, type DeliveredEvent, type EventListener, type HubLogger } from './hub.ts';
import { publish, type RealtimeEvent } from './publish.ts';
import { deletePresence, insertPresence, presentChannels, purgeStalePresence, purgeStoredEvents, touchPresence } from './repository.ts';
import { streamEvents, type PresenceTracker, type StreamOptions } from './sse.ts';

export function realtimeService(db: Database, options: { log?: HubLogger; graceMs?: number } = {}) {
  const hub = createRealtimeHub(db, options);
  const quietly = (work: Promise<unknown>) => void work.catch((error: unknown) => options.log?.warn({ err: error }, 'realtime presence update failed'));
  const presence: PresenceTracker = {
    async open(channels) {
      const streamId = randomUUID();
      await insertPresence(db, streamId, channels);
      return { touch: () => quietly(touchPresence(db, streamId)), close: () => quietly(deletePresence(db, streamId)) };
    },
  };
  return {
    hub,
    /** Publishes an event to every instance; in a transaction it goes out on commit. Returns the event id. */
    publish: (q: Queryable, channel: string, event: RealtimeEvent) => publish(q, channel, event),
    /** Streams the channels' events to the client as Server-Sent Events (takes over the reply). */
    streamEvents: (request: FastifyRequest, reply: FastifyReply, channels: string[], streamOptions?: StreamOptions) =>
      streamEvents(hub, request, reply, channels, { presence, ...streamOptions }),
    /** Those of the channels that have an open stream (a browser listening) on any instance now. */
    presentChannels: (q: Queryable, channels: string[]) => presentChannels(q, channels),
    /** Server-side subscription (e.g. a module reacting to events of another instance). */
    subscribe: (channel: string, listener: EventListener) => hub.subscribe(channel, listener),
    /** Forgets stored large events after an hour (housekeeping). */
    purgeExpired: async () => (await purgeStoredEvents(db, 60)) + (await purgeStalePresence(db)),
    close: () => hub.close(),
  };
}

export type RealtimeService = ReturnType<typeof realtimeService>;
export type { DeliveredEvent, RealtimeEvent, StreamOptions };
