// The in-process side of realtime events: one LISTEN per channel per process, fanned out to every local
// subscriber (SSE connections, server-side listeners). Each channel keeps its latest events for a short
// while so that a browser reconnecting with Last-Event-ID gets what it missed, or is told to resync.
import type { Database } from '../db/database.ts';
import { CHANNEL_PATTERN, pgChannel, type NotifyPayload } from './publish.ts';
import { currentEventId, getStoredEvent } from './repository.ts';

export interface DeliveredEvent {
  id: number;
  channel: string;
  type: string;
  data: unknown;
}

export type EventListener = (event: DeliveredEvent) => void;

export interface HubLogger {
  warn(obj: object, msg?: string): void;
}

interface ChannelState {
  listeners: Set<EventListener>;
  /** Called when events may have been missed (the database connection that listens was lost and is back). */
  gapListeners: Set<() => void>;
  ready: Promise<void>;
  unlisten: (() => Promise<void>) | undefined;
  /** Every event with a higher id than this has been (or will be) received here. */
  startId: number;
  buffer: DeliveredEvent[];
  /** Highest id pushed out of the buffer. */
  droppedUpTo: number;
  graceTimer: NodeJS.Timeout | undefined;
}

export interface RealtimeHub {
  /**
   * Calls listener for every event on the channel from now on; resolves once listening. onGap is called when
   * events may have been missed (the database restarted): the subscriber should reload its state.
   */
  subscribe(channel: string, listener: EventListener, onGap?: () => void): Promise<() => void>;
  /** Buffered events after `afterId`; complete=false when some may have been missed (client must resync). */
  replay(channel: string, afterId: number): { events: DeliveredEvent[]; complete: boolean };
  /** Registers an open stream so that shutdown can end it; returns the function that unregisters it. */
  track(end: () => void): () => void;
  /** Ends every open stream (before the HTTP server closes). */
  endStreams(): void;
  /** Open streams and channels listened to, for /metrics and tests. */
  stats(): { streams: number; channels: number };
  close(): Promise<void>;
}

export function createRealtimeHub(db: Database, options: { bufferSize?: number; graceMs?: number; log?: HubLogger } = {}): RealtimeHub {
  const bufferSize = options.bufferSize ?? 200;
  const graceMs = options.graceMs ?? 30_000;
  const channels = new Map<string, ChannelState>();
  const streams = new Set<() => void>();
  let closed = false;

  const deliver = (state: ChannelState, event: DeliveredEvent) => {
    state.buffer.push(event);
    if (state.buffer.length > bufferSize) {
      const dropped = state.buffer.shift()!;
      state.droppedUpTo = Math.max(state.droppedUpTo, dropped.id);
    }
    for (const listener of state.listeners) {
      try {
        listener(event);
      } catch (error) {
        options.log?.warn({ err: error, channel: event.channel }, 'realtime listener failed');
      }
    }
  };

  const onNotify = (channel: string, state: ChannelState) => (raw: string) => {
    let message: NotifyPayload;
    try {
      message = JSON.parse(raw) as NotifyPayload;
    } catch {
      return;
    }
    if (message.c !== channel || typeof message.i !== 'number') return;
    if (message.r === 1) {
      getStoredEvent(db, message.i).then(
        (stored) => {
          if (stored) deliver(state, { id: message.i, channel, type: stored.type, data: stored.data });
        },
        (error: unknown) => options.log?.warn({ err: error, channel }, 'could not fetch a stored realtime event'),
      );
      return;
    }
    deliver(state, { id: message.i, channel, type: message.t ?? 'message', data: message.d ?? null });
  };

  // Listening again after a lost connection: what was published meanwhile is gone. Live subscribers are told
  // at once (to reload their state), and a replay from before now is incomplete: every replay until the
  // current event id is known, then those from before it.
  const onGap = (channel: string, state: ChannelState) => () => {
    const before = state.droppedUpTo;
    state.droppedUpTo = Number.POSITIVE_INFINITY;
    for (const gap of state.gapListeners) gap();
    currentEventId(db).then(
      (id) => {
        state.droppedUpTo = Math.max(before, id);
      },
      (error: unknown) => options.log?.warn({ err: error, channel }, 'could not read the realtime event position after a reconnection'),
    );
  };

  const release = async (channel: string, state: ChannelState) => {
    if (state.listeners.size > 0 || channels.get(channel) !== state) return;
    channels.delete(channel);
    await state.ready.catch(() => undefined);
    await state.unlisten?.().catch(() => undefined);
  };

  return {
    async subscribe(channel, listener, onGapped) {
      if (closed) throw new Error('the realtime hub is closed');
      if (!CHANNEL_PATTERN.test(channel)) throw new Error(`invalid realtime channel "${channel}"`);
      let state = channels.get(channel);
      if (!state) {
        const fresh: ChannelState = {
          listeners: new Set(),
          gapListeners: new Set(),
          ready: Promise.resolve(),
          unlisten: undefined,
          startId: Number.POSITIVE_INFINITY,
          buffer: [],
          droppedUpTo: 0,
          graceTimer: undefined,
        };
        fresh.ready = (async () => {
          fresh.unlisten = await db.listen(pgChannel(channel), onNotify(channel, fresh), onGap(channel, fresh));
          // Read after LISTEN is active: every event numbered above this commits later, so it reaches us.
          fresh.startId = await currentEventId(db);
        })();
        channels.set(channel, fresh);
        state = fresh;
      }
      if (state.graceTimer) {
        clearTimeout(state.graceTimer);
        state.graceTimer = undefined;
      }
      state.listeners.add(listener);
      if (onGapped) state.gapListeners.add(onGapped);
      const current = state;
      try {
        await current.ready;
      } catch (error) {
        current.listeners.delete(listener);
        if (onGapped) current.gapListeners.delete(onGapped);
        if (current.listeners.size === 0 && channels.get(channel) === current) channels.delete(channel);
        throw error;
      }
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        current.listeners.delete(listener);
        if (onGapped) current.gapListeners.delete(onGapped);
        if (current.listeners.size === 0 && !closed) {
          // Keep listening a little: a browser that reconnects soon gets its missed events from the buffer.
          current.graceTimer = setTimeout(() => void release(channel, current), graceMs);
          current.graceTimer.unref();
        }
      };
    },

    replay(channel, afterId) {
      const state = channels.get(channel);
      if (!state) return { events: [], complete: false };
      return {
        events: state.buffer.filter((event) => event.id > afterId),
        complete: afterId >= state.startId && afterId >= state.droppedUpTo,
      };
    },

    track(end) {
      streams.add(end);
      return () => void streams.delete(end);
    },

    endStreams() {
      for (const end of [...streams]) end();
      streams.clear();
    },

    stats: () => ({ streams: streams.size, channels: channels.size }),

    async close() {
      closed = true;
      this.endStreams();
      const all = [...channels.entries()];
      channels.clear();
      for (const [, state] of all) {
        if (state.graceTimer) clearTimeout(state.graceTimer);
        state.listeners.clear();
        state.gapListeners.clear();
        await state.ready.catch(() => undefined);
        await state.unlisten?.().catch(() => undefined);
      }
    },
  };
}
