// Serving a stored file: always as a download (Content-Disposition: attachment), with the content type found by
// its content when it was accepted (content-type.ts), never one a browser would run (anything else is sent as
// application/octet-stream), nosniff, a sandboxing CSP and no caching by shared caches. The bytes are read from
// the store in chunks as the client takes them (`chunkedStream`), so a large file never sits whole in memory.
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { ACCEPTED_TYPES } from './content-type.ts';

export interface StoredFile {
  filename: string;
  contentType: string;
  size: number;
}

/** The type a file is served with: an accepted type, text with its charset, or opaque bytes. */
export function servedContentType(contentType: string): string {
  if (contentType === 'text/plain' || contentType === 'text/csv') return `${contentType}; charset=utf-8`;
  return ACCEPTED_TYPES.has(contentType) ? contentType : 'application/octet-stream';
}

/** Content-Disposition with an ASCII fallback and the real name in RFC 5987 form. */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** The file's bytes, read chunk by chunk (at most `chunkBytes` in memory) from `read(offset, length)`. */
export function chunkedStream(size: number, read: (offset: number, length: number) => Promise<Buffer>, chunkBytes = 256 * 1024): Readable {
  let offset = 0;
  const stream: Readable = new Readable({
    read() {
      void pull();
    },
  });
  async function pull() {
    try {
      if (offset >= size) return void stream.push(null);
      const chunk = await read(offset, Math.min(chunkBytes, size - offset));
      if (chunk.byteLength === 0) return void stream.push(null);
      offset += chunk.byteLength;
      stream.push(chunk);
    } catch (error) {
      stream.destroy(error as Error);
    }
  }
  return stream;
}

export function sendFile(reply: FastifyReply, file: StoredFile, body: Readable): FastifyReply {
  return reply
    .header('content-type', servedContentType(file.contentType))
    .header('content-length', String(file.size))
    .header('content-disposition', attachmentDisposition(file.filename))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(body);
}
