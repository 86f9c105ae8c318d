// Server-Sent Events for Fastify routes. streamEvents() takes over the response, subscribes to the given
// channels through the process's hub, and writes each event as
//     id: <event id>\nevent: <type>\ndata: <JSON>\n\n
// A comment line every 15 s keeps proxies from closing an idle stream. A browser that reconnects sends
// Last-Event-ID (or ?lastEventId=): it receives the events it missed if this process still has them,
// otherwise one "resync" event telling the page to reload its state. An open stream gets a "resync" too when the
// process listens again after losing its database connection (a restart: events of that moment are lost). The
// subscription ends when the client goes away or the server shuts down.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DeliveredEvent, RealtimeHub } from './hub.ts';

export interface StreamOptions {
  /** Decides per event whether this client may see it (e.g. only requests of the agent's units). */
  filter?: (event: DeliveredEvent) => boolean | Promise<boolean>;
  /** Interval of keep-alive comments (default 15 s). */
  heartbeatMs?: number;
  /** Reconnection delay suggested to the browser (default 3 s). */
  retryMs?: number;
  /** Records the open stream where every instance can see it (realtime_presence); set by the realtime service. */
  presence?: PresenceTracker;
}

/** An open stream's presence: registered before the 200, refreshed by each heartbeat, removed at the end. */
export interface PresenceTracker {
  open(channels: string[]): Promise<{ touch(): void; close(): void }>;
}

/** Stops writing to (and drops) a client that does not read: more than this many bytes pending. */
const MAX_PENDING_BYTES = 1024 * 1024;
/** Reconnection delay a stream ended by shutdown asks for (browsers add their own jitter). */
const SHUTDOWN_RETRY_MS = 500;

export function formatEvent(event: { id?: number | undefined; type: string; data: unknown }): string {
  const id = event.id === undefined ? '' : `id: ${event.id}\n`;
  // JSON.stringify escapes line breaks, so the data is always one "data:" line.
  return `${id}event: ${event.type}\ndata: ${JSON.stringify(event.data ?? null)}\n\n`;
}

export function parseLastEventId(request: FastifyRequest): number | undefined {
  const header = request.headers['last-event-id'];
  const query = (request.query as { lastEventId?: unknown } | undefined)?.lastEventId;
  const raw = typeof header === 'string' ? header : typeof query === 'string' ? query : undefined;
  if (raw === undefined || !/^\d{1,15}$/.test(raw.trim())) return undefined; // anything else is ignored
  return Number(raw.trim());
}

export async function streamEvents(
  hub: RealtimeHub,
  request: FastifyRequest,
  reply: FastifyReply,
  channels: string[],
  options: StreamOptions = {},
): Promise<void> {
  const res = reply.raw;
  reply.hijack();
  let open = true;
  let chain: Promise<void> = Promise.resolve();
  const unsubscribes: Array<() => void> = [];
  const sent = new Set<number>();
  let starting = true;
  const early: DeliveredEvent[] = [];

  const write = (text: string) => {
    if (!open || !res.headersSent) return; // nothing before the 200 (a heartbeat while still subscribing)
    res.write(text);
    if (res.writableLength > MAX_PENDING_BYTES) end();
  };
  const send = (event: DeliveredEvent) => {
    chain = chain
      .then(async () => {
        if (!open || sent.has(event.id)) return;
        if (options.filter && !(await options.filter(event))) return;
        sent.add(event.id);
        if (sent.size > 1000) sent.clear(); // only needed to drop duplicates between replay and live start
        write(formatEvent(event));
      })
      .catch(() => undefined);
  };
  let resyncPending = false;
  const resync = () => {
    if (resyncPending) return; // one per reconnection, not one per channel
    resyncPending = true;
    chain = chain.then(() => {
      resyncPending = false;
      write(formatEvent({ type: 'resync', data: { lastEventId: null } }));
    });
  };
  let present: { touch(): void; close(): void } | undefined;
  const heartbeat = setInterval(() => {
    write(': heartbeat\n\n');
    present?.touch();
  }, options.heartbeatMs ?? 15_000);
  heartbeat.unref();
  // Ended by the server stopping (hub.endStreams): a short retry hint first, so the browser reconnects at once,
  // through the load balancer to another instance, and catches up with Last-Event-ID.
  const untrack = hub.track(() => {
    write(`retry: ${SHUTDOWN_RETRY_MS}\n: server stopping\n\n`);
    end();
  });

  function end() {
    if (!open) return;
    open = false;
    clearInterval(heartbeat);
    present?.close();
    untrack();
    for (const unsubscribe of unsubscribes) unsubscribe();
    if (!res.writableEnded) res.end();
  }
  request.raw.on('close', end);
  res.on('close', end);
  res.on('error', end);

  try {
    for (const channel of channels) {
      const unsubscribe = await hub.subscribe(
        channel,
        (event) => (starting ? early.push(event) : send(event)),
        // The database restarted: events of that moment may be lost, so the page reloads its state.
        () => resync(),
      );
      if (!open) {
        unsubscribe();
        return;
      }
      unsubscribes.push(unsubscribe);
    }
  } catch (error) {
    request.log.warn({ err: error }, 'could not subscribe to realtime channels');
    if (!res.headersSent) res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '3' });
    end();
    return;
  }

  if (options.presence) {
    try {
      const opened = await options.presence.open(channels);
      if (!open) opened.close();
      else present = opened;
    } catch (error) {
      // Presence is a hint (e-mail fallbacks): the stream works without it.
      request.log.warn({ err: error }, 'could not record the stream’s presence');
    }
    if (!open) return;
  }

  // Listening first, answering after: a client that has the 200 receives every event published from then on
  // (events arriving in between wait in `early`). Headers set by hooks so far (security headers) are kept; compression does not apply to a stream.
  const headers: Record<string, string | number | string[]> = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) headers[name] = value;
  delete headers['content-length'];
  res.writeHead(200, {
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.socket?.setNoDelay(true);
  write(`retry: ${options.retryMs ?? 3000}\n: connected\n\n`);

  const lastEventId = parseLastEventId(request);
  if (lastEventId !== undefined) {
    let complete = true;
    const missed: DeliveredEvent[] = [];
    for (const channel of channels) {
      const replay = hub.replay(channel, lastEventId);
      complete &&= replay.complete;
      missed.push(...replay.events);
    }
    if (!complete) write(formatEvent({ type: 'resync', data: { lastEventId } }));
    for (const event of missed) send(event);
  }
  starting = false;
  for (const event of early) send(event);
  early.length = 0;
}
