// Graceful shutdown (issue 20, part 2). A real server process gets SIGTERM while a request is in flight (its
// body still arriving) and an event stream is open. At once /readyz answers 503 (the load balancer drains the
// instance) while pages are still served, each answer closing its connection; after SHUTDOWN_DRAIN_MS the
// server stops listening, ends the event stream with a retry hint, finishes the request in flight (its answer
// is not a 5xx), and the process exits 0.
import http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './server-process.ts';
import { connectEventStream } from './sse.ts';

const skipReason = process.env.TEST_DATABASE_URL ? undefined : 'PostgreSQL pass only: TEST_DATABASE_URL is unset';
const DRAIN_MS = 2_000;

let server: TestServer | undefined;
afterAll(async () => {
  await server?.stop().catch(() => undefined);
});

/** A POST whose body arrives in two parts: `finish()` sends the rest; `answer` is the status and connection header. */
function slowPost(url: string, body: string) {
  const half = Math.floor(body.length / 2);
  let sendRest!: () => void;
  const answer = new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
    const request = http.request(
      `${url}/api/v1/contact-requests`,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? 0, connection: response.headers.connection }));
      },
    );
    request.on('error', reject);
    request.write(body.slice(0, half));
    sendRest = () => request.end(body.slice(half));
  });
  return { answer, finish: () => sendRest() };
}

describe.skipIf(skipReason)(`a SIGTERM${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('drains, finishes what is in flight, ends event streams with a retry hint and exits 0', { timeout: 300_000 }, async () => {
    server = await startServer({ env: { SHUTDOWN_DRAIN_MS: String(DRAIN_MS), SHUTDOWN_GRACE_MS: '10000', SEED_DEMO: 'true' } });
    const { url } = server;
    const points = (await (await fetch(`${url}/api/v1/organisations/commune-schaerbeek/contact-points`)).json()) as { contactPoints: Array<{ id: string }> };
    const stream = await connectEventStream(`${url}/api/v1/contact-points/${points.contactPoints[0]!.id}/events`);
    expect(stream.status).toBe(200);
    const post = slowPost(
      url,
      JSON.stringify({
        name: 'Amélie Dupont',
        email: 'amelie@example.org',
        message: 'Bonjour, je voudrais un rendez-vous pour ma carte d’identité.',
        language: 'fr',
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300)); // the first half has reached the server

    const signalledAt = performance.now();
    server.signal('SIGTERM');
    // At once: not ready any more, but still serving, each answer closing its connection.
    let ready = 200;
    while (ready === 200 && performance.now() - signalledAt < 1_000) {
      ready = (await fetch(`${url}/readyz`)).status;
    }
    expect(ready).toBe(503);
    expect(performance.now() - signalledAt).toBeLessThan(1_000);
    const page = await fetch(`${url}/fr`);
    expect(page.status).toBe(200);
    expect(page.headers.get('connection')).toBe('close');

    // After the drain: the stream ends with a retry hint, the request in flight gets its answer.
    await stream.closed;
    expect(performance.now() - signalledAt).toBeGreaterThanOrEqual(DRAIN_MS - 100);
    expect(stream.comments).toContain('server stopping');
    post.finish();
    const answer = await post.answer;
    expect(answer.status).toBeLessThan(500);
    expect(answer.status).toBe(201);

    expect(await server.exited()).toEqual({ code: 0, signal: null });
    // New connections are refused once it has stopped.
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});
