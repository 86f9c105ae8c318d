// GET /{lang}/console/requests/{id}/attachments/{attachmentId}: a file of the conversation, as a download with
// safe headers (platform/files/download.ts). Under the console's role gate; the service checks the request.
import { Type } from 'typebox';
import type { App } from '../../../platform/http/types.ts';
import type { Services } from '../../../services.ts';
import { LangParams, Uuid } from '../../../platform/http/schemas.ts';
import { requireActorPage } from '../../../identity/guards.ts';
import { sendFile } from '../../../platform/files/download.ts';

export function requestAttachmentRoutes(app: App, { requestAttachments }: Pick<Services, 'requestAttachments'>) {
  app.get(
    '/:lang/console/requests/:id/attachments/:attachmentId',
    { schema: { hide: true, params: Type.Object({ lang: LangParams.properties.lang, id: Uuid(), attachmentId: Uuid() }) } },
    async (request, reply) => {
      const { file, body } = await requestAttachments.open(requireActorPage(request), request.params.id, request.params.attachmentId, request.id);
      return sendFile(reply, file, body);
    },
  );
}
