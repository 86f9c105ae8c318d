// multipart/form-data for the forms that take files, and for those only: `multipartRoutes(app, register)` opens a
// scope with @fastify/multipart and the routes registered in it. Text fields become the body as with any form
// (so the schema, the CSRF token and the control-character guard see them as usual); files are read into
// memory up to the per-file limit and kept beside the body (`uploadsOf(request)`), never in it. The CSRF check
// of app.ts skips multipart posts, which only reach a handler through such a scope, and this scope makes it
// once the fields are read (the token is one of them).
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { App } from '../http/types.ts';
import { UPLOAD_LIMITS, type Upload, type UploadLimits } from './uploads.ts';

const uploads = new WeakMap<FastifyRequest, Array<Upload & { field: string }>>();

/** The files of a multipart post, in order, with an empty file input left out. */
export function uploadsOf(request: FastifyRequest, field = 'attachments'): Upload[] {
  return (uploads.get(request) ?? []).filter((upload) => upload.field === field).map(({ filename, content, truncated }) => ({ filename, content, truncated }));
}

/** Whether a post is multipart: app.ts leaves its CSRF check to the multipart scope. */
export function isMultipartPost(request: FastifyRequest): boolean {
  return /^multipart\/form-data\b/i.test(request.headers['content-type'] ?? '');
}

export function multipartRoutes(app: App, register: (scope: App) => unknown, limits: UploadLimits = UPLOAD_LIMITS): void {
  // Loaded with the app (ready()), after the hooks the caller added to `app`, which the scope inherits.
  void app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      // One more file than allowed, so that "too many" is the checker's clear message, not the parser's 413.
      limits: { files: limits.maxFiles + 1, fileSize: limits.maxFileBytes, fields: 50, fieldSize: 100_000, parts: 60 },
      throwFileSizeLimit: false,
      async onFile(part) {
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) chunks.push(chunk as Buffer);
        // A file input left empty still sends a part, with no name and no bytes.
        if (!part.filename && chunks.length === 0) return;
        const list = uploads.get(this) ?? [];
        list.push({ field: part.fieldname, filename: part.filename, content: Buffer.concat(chunks), truncated: part.file.truncated });
        uploads.set(this, list);
      },
    });
    scope.addHook('preValidation', (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
      if (!isMultipartPost(request)) return done();
      scope.csrfProtection(request, reply, done);
    });
    await register(scope.withTypeProvider<TypeBoxTypeProvider>());
  });
}
