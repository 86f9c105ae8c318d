// A Server-Sent Events client for tests: connects to a real HTTP server (app.listen), parses the stream
// and records each event with the time it arrived.
import http from 'node:http';

export interface SseEvent {
  id: string | undefined;
  event: string;
  data: string;
  receivedAt: number;
}

export interface SseClient {
  status: number;
  headers: http.IncomingHttpHeaders;
  events: SseEvent[];
  comments: string[];
  /** The first recorded event (from `from` on) matching the predicate, waiting for it if needed. */
  waitFor(predicate: (event: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  /** Body of a non-stream answer (e.g. a 401 envelope). */
  body(): Promise<string>;
  close(): void;
  closed: Promise<void>;
}

export function connectEventStream(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      response.setEncoding('utf8');
      const events: SseEvent[] = [];
      const comments: string[] = [];
      let buffer = '';
      let raw = '';
      const waiters = new Set<() => void>();
      const closed = new Promise<void>((done) => response.on('close', () => done()));
      response.on('data', (chunk: string) => {
        raw += chunk;
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let id: string | undefined;
          let event = 'message';
          const data: string[] = [];
          let isEvent = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('id: ')) id = line.slice(4);
            else if (line.startsWith('event: ')) {
              event = line.slice(7);
              isEvent = true;
            } else if (line.startsWith('data: ')) {
              isEvent = true;
              data.push(line.slice(6));
            }
          }
          if (isEvent) events.push({ id, event, data: data.join('\n'), receivedAt: performance.now() });
        }
        for (const wake of waiters) wake();
      });
      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        events,
        comments,
        closed,
        waitFor(predicate, timeoutMs = 5000) {
          return new Promise((found, fail) => {
            let next = 0; // each recorded event is tested once per waiter
            const check = () => {
              let match: SseEvent | undefined;
              for (; next < events.length && !match; next++) if (predicate(events[next]!)) match = events[next];
              if (match) {
                waiters.delete(check);
                clearTimeout(timer);
                found(match);
              }
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`no matching event within ${timeoutMs} ms (got ${events.map((e) => e.event).join(', ')})`));
            }, timeoutMs);
            waiters.add(check);
            check();
          });
        },
        async body() {
          await closed;
          return raw;
        },
        close() {
          request.destroy();
        },
      });
    });
    request.on('error', reject);
  });
}
