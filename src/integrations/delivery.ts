// One HTTP attempt of a webhook delivery: a POST of the CloudEvent, signed, to a checked destination, with a
// time limit; redirects are not followed (a 3xx is a failed attempt). The answer's body is read and dropped.
import http from 'node:http';
import https from 'node:https';
import { checkLiteralAddress, DestinationRefused, guardedLookup, type DestinationPolicy } from './destination.ts';

export const DELIVERY_TIMEOUT_MS = 10_000;

export interface AttemptResult {
  /** The receiver's HTTP status; null when no answer came (refused, unreachable, timed out). */
  status: number | null;
  durationMs: number;
  error: string | null;
  /** The destination was refused (not a public address): retrying cannot help. */
  refused: boolean;
}

export async function postEvent(
  url: URL,
  body: string,
  headers: Record<string, string>,
  policy: DestinationPolicy,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    checkLiteralAddress(url, policy);
  } catch (error) {
    return { status: null, durationMs: elapsed(), error: (error as Error).message, refused: true };
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<AttemptResult>((resolve) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/cloudevents+json; charset=utf-8',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'IrisDesk-Webhooks/1.0',
        },
        lookup: guardedLookup(policy),
        timeout: options.timeoutMs ?? DELIVERY_TIMEOUT_MS,
        ...(options.signal ? { signal: options.signal } : {}),
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? null, durationMs: elapsed(), error: null, refused: false }));
        response.on('error', (error) => resolve({ status: response.statusCode ?? null, durationMs: elapsed(), error: error.message, refused: false }));
      },
    );
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', (error) =>
      resolve({ status: null, durationMs: elapsed(), error: error.message.slice(0, 500), refused: error instanceof DestinationRefused }),
    );
    request.end(body);
  });
}
