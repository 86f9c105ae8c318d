// Every SQL statement of the console's attachments: the files of a request's messages (stored as bytea in
// cc_attachments, decision 0046) and their bytes read in chunks for a download.
import type { Queryable } from '../../../platform/db/database.ts';

export interface AttachmentRecord {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  requestId: string;
  organisationId: string;
  messageKind: string;
}

/** One attachment with the request it belongs to (for the visibility check); undefined when unknown. */
export async function findAttachment(db: Queryable, requestId: string, attachmentId: string): Promise<AttachmentRecord | undefined> {
  const { rows } = await db.query<AttachmentRecord>(
    `SELECT a.id, a.filename, a.content_type AS "contentType", a.size, r.id AS "requestId", r.organisation_id AS "organisationId", m.kind AS "messageKind"
       FROM cc_attachments a JOIN cc_messages m ON m.id = a.message_id JOIN cc_requests r ON r.id = m.request_id
      WHERE a.id = $1 AND r.id = $2`,
    [attachmentId, requestId],
  );
  return rows[0];
}

/** `length` bytes of the file from `offset` (0-based): a download never holds the whole file in memory. */
export async function readAttachmentChunk(db: Queryable, attachmentId: string, offset: number, length: number): Promise<Buffer> {
  const { rows } = await db.query<{ chunk: Uint8Array | null }>(
    `SELECT substring(content FROM $2::int + 1 FOR $3::int) AS chunk FROM cc_attachments WHERE id = $1`,
    [attachmentId, offset, length],
  );
  const chunk = rows[0]?.chunk;
  return chunk ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength) : Buffer.alloc(0);
}
