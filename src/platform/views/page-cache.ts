// Public pages that many people read with the same content (service, search, home, contact point): rendered and
// compressed once per URL and data generation, then written as bytes (decision 0044). A page is shared only when
// it holds nothing of the visitor's: no signed-in actor, no CSRF token (renderDocument tells). The generation is
// the caller's: a string that changes whenever what the page shows may have changed (the catalogue index's
// generation, the minute for opening status and waiting times…); an entry of another generation is re-rendered.
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { Negotiator } from '@fastify/accept-negotiator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { LRUCache } from 'lru-cache';
import { renderDocument } from './render.tsx';

/** Same threshold as the compression plugin (src/app.ts). */
const COMPRESS_THRESHOLD = 1024;
type Encoding = 'br' | 'gzip';

interface Entry {
  generation: string;
  identity: Buffer;
  br?: Buffer;
  gzip?: Buffer;
}

const negotiator = new Negotiator({ supportedValues: ['br', 'gzip'], cache: new Map() });

function compress(body: Buffer, encoding: Encoding): Buffer {
  return encoding === 'br'
    ? brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 6, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : gzipSync(body, { level: 6 });
}

export interface PageCache {
  /**
   * Sends the page of this request's URL: the stored bytes when they are of `generation`, else `render()`'s page
   * (stored when it is shareable). Requests of a signed-in actor are rendered every time.
   */
  send(request: FastifyRequest, reply: FastifyReply, generation: string, render: () => Promise<VNode> | VNode): Promise<FastifyReply>;
  /** Pages served from the cache and rendered, since the start (for tests and the bench). */
  readonly stats: { hits: number; renders: number };
}

/** A cache of rendered pages; `max` URLs (the least recently used are dropped; a page is 5–40 KB with its compressed forms). */
export function createPageCache(options: { max?: number } = {}): PageCache {
  const entries = new LRUCache<string, Entry>({ max: options.max ?? 2_000 });
  const stats = { hits: 0, renders: 0 };

  function write(request: FastifyRequest, reply: FastifyReply, entry: Entry, hit: boolean): FastifyReply {
    // Says where the bytes came from, for operators looking at a page that seems stale (and for the tests).
    reply.header('x-page-cache', hit ? 'hit' : 'miss');
    reply.code(200).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').header('vary', 'accept-encoding');
    const accepted = entry.identity.length < COMPRESS_THRESHOLD ? null : negotiator.negotiate(request.headers['accept-encoding'] ?? '');
    if (!accepted) return reply.send(entry.identity);
    const body = (entry[accepted] ??= compress(entry.identity, accepted));
    // A Content-Encoding already set tells the compression plugin to leave the bytes alone.
    return reply.header('content-encoding', accepted).send(body);
  }

  return {
    stats,
    async send(request, reply, generation, render) {
      const shareable = !request.actor && request.method === 'GET';
      const key = `${request.lang}|${request.url}`;
      const cached = shareable ? entries.get(key) : undefined;
      if (cached && cached.generation === generation) {
        stats.hits++;
        return write(request, reply, cached, true);
      }
      stats.renders++;
      reply.code(200);
      const { html, personal } = renderDocument(request, reply, await render());
      // A page that answers with an error status (render set it: a bad postal code) is never shared either.
      if (!shareable || personal || reply.statusCode !== 200) {
        return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
      }
      const entry: Entry = { generation, identity: Buffer.from(html) };
      entries.set(key, entry);
      return write(request, reply, entry, false);
    },
  };
}
