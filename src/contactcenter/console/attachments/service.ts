// Downloads of the files of a request's conversation (inbound mail, the web form, replies): the same visibility
// as the request (its organisation's console staff; anything else is the same 404 as an unknown file, and a
// real file of another organisation is audited as denied), an audited read, and the bytes streamed in chunks.
import type { Readable } from 'node:stream';
import type { Database } from '../../../platform/db/database.ts';
import type { Actor } from '../../../identity/actor.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { isUuid } from '../../../platform/http/schemas.ts';
import { recordAudit } from '../../../audit/service.ts';
import { chunkedStream, type StoredFile } from '../../../platform/files/download.ts';
import { canWorkOnRequest } from '../authorisation.ts';
import * as repo from './repository.ts';

export function requestAttachmentsService(db: Database) {
  return {
    async open(actor: Actor, requestId: string, attachmentId: string, httpRequestId?: string): Promise<{ file: StoredFile; body: Readable }> {
      if (!isUuid(requestId) || !isUuid(attachmentId)) throw new AppError(404, 'files.not_found');
      const record = await repo.findAttachment(db, requestId, attachmentId);
      if (!record) throw new AppError(404, 'files.not_found');
      const subject = { type: 'cc_request', id: record.requestId, organisationId: record.organisationId } as const;
      if (!canWorkOnRequest(actor, record)) {
        await recordAudit(db, actor, 'denied', subject, httpRequestId, { reason: 'other_organisation', attachmentId });
        throw new AppError(404, 'files.not_found');
      }
      await recordAudit(db, actor, 'read', subject, httpRequestId, { attachmentId, filename: record.filename });
      return {
        file: { filename: record.filename, contentType: record.contentType, size: record.size },
        body: chunkedStream(record.size, (offset, length) => repo.readAttachmentChunk(db, record.id, offset, length)),
      };
    },
  };
}

export type RequestAttachmentsService = ReturnType<typeof requestAttachmentsService>;
