// Sending one immutable JSON answer many times: serialised and compressed once, then written as bytes.
//
// Why: for a popular read (the catalogue search), producing a 5–10 KB JSON body and brotli-compressing it
// costs more than finding the answer. A module that caches its answers as frozen objects hands them here;
// the encoded forms live as long as the answer object does (a WeakMap: evicting the answer frees them).
// The body is made by the route's own response serializer, so it is byte for byte what the route would send.
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { Negotiator } from '@fastify/accept-negotiator';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Same threshold as the compression plugin (src/app.ts): smaller bodies go out as they are. */
const COMPRESS_THRESHOLD = 1024;
type Encoding = 'br' | 'gzip';

interface Encoded {
  identity: Buffer;
  br?: Buffer;
  gzip?: Buffer;
}

const encodedForms = new WeakMap<object, Encoded>();
const negotiator = new Negotiator({ supportedValues: ['br', 'gzip'], cache: new Map() });

function compress(body: Buffer, encoding: Encoding): Buffer {
  // Once per answer, so a better ratio than the per-request quality of the plugin is affordable.
  return encoding === 'br'
    ? brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 6, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : gzipSync(body, { level: 6 });
}

/**
 * Sends `payload()` (built from the frozen `answer`) as JSON with status 200, serialised by the route's
 * response schema and compressed as the client accepts, reusing the bytes of earlier sends of `answer`.
 */
export function sendEncodedJson(request: FastifyRequest, reply: FastifyReply, answer: object, payload: () => unknown): FastifyReply {
  let encoded = encodedForms.get(answer);
  if (!encoded) {
    encoded = { identity: Buffer.from(reply.serialize(payload()) as string) };
    encodedForms.set(answer, encoded);
  }
  reply.code(200).header('content-type', 'application/json; charset=utf-8').header('vary', 'accept-encoding');
  const accepted = encoded.identity.length < COMPRESS_THRESHOLD ? null : negotiator.negotiate(request.headers['accept-encoding'] ?? '');
  if (!accepted) return reply.send(encoded.identity);
  const body = (encoded[accepted] ??= compress(encoded.identity, accepted));
  // A Content-Encoding already set tells the compression plugin to leave the bytes alone.
  return reply.header('content-encoding', accepted).send(body);
}
