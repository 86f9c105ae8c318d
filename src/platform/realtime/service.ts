// The realtime service every module uses: publish(db or tx, channel, event) and, in routes,
// streamEvents(request, reply, channels, { filter }). One hub per process.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database, Queryable } from '../db/database.ts';
import { createRealtimeHub, type DeliveredEvent, type EventListener, type HubLogger } from './hub.ts';
import { publish, type RealtimeEvent } from './publish.ts';
import { purgeStoredEvents } from './repository.ts';
import { streamEvents, type StreamOptions } from './sse.ts';

export function realtimeService(db: Database, options: { log?: HubLogger; graceMs?: number } = {}) {
  const hub = createRealtimeHub(db, options);
  return {
    hub,
    /** Publishes an event to every instance; in a transaction it goes out on commit. Returns the event id. */
    publish: (q: Queryable, channel: string, event: RealtimeEvent) => publish(q, channel, event),
    /** Streams the channels' events to the client as Server-Sent Events (takes over the reply). */
    streamEvents: (request: FastifyRequest, reply: FastifyReply, channels: string[], streamOptions?: StreamOptions) =>
      streamEvents(hub, request, reply, channels, streamOptions),
    /** Server-side subscription (e.g. a module reacting to events of another instance). */
    subscribe: (channel: string, listener: EventListener) => hub.subscribe(channel, listener),
    /** Forgets stored large events after an hour (housekeeping). */
    purgeExpired: () => purgeStoredEvents(db, 60),
    close: () => hub.close(),
  };
}

export type RealtimeService = ReturnType<typeof realtimeService>;
export type { DeliveredEvent, RealtimeEvent, StreamOptions };
