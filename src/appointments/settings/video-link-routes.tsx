// HTTP of the organisation's video meeting link (decision 0062): the page, and its one form posted through
// handleForm — "Preview" shows the example link of what was typed (validated, nothing saved), "Save" saves it.
import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/types.ts';
import type { Services } from '../../services.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { LangParams } from '../../platform/http/schemas.ts';
import { handleForm } from '../../platform/http/forms.ts';
import { renderPage } from '../../platform/views/render.tsx';
import { requireActorPage } from '../../identity/guards.ts';
import { VideoLinkPage } from './video-link-page.tsx';

const Query = Type.Object({
  organisation: Type.Optional(Type.String({ maxLength: 64 })),
  preview: Type.Optional(Type.String({ maxLength: 600 })),
  saved: Type.Optional(Type.String({ maxLength: 5 })),
});
const Body = Type.Object({
  organisationId: Type.Optional(Type.String({ maxLength: 64 })),
  template: Type.Optional(Type.String({ maxLength: 600 })),
  intent: Type.Optional(Type.String({ maxLength: 10 })),
});

export function videoLinkRoutes(app: App, services: Services) {
  const { appointments } = services;

  async function page(request: FastifyRequest, organisationCode: string | undefined, extra: { typed?: string; errors?: FieldError[]; saved?: boolean }) {
    const actor = requireActorPage(request);
    const link = await appointments.videoLink(actor, organisationCode);
    let preview: string | undefined;
    if (extra.typed !== undefined && !extra.errors) preview = appointments.previewVideoTemplate(extra.typed);
    return <VideoLinkPage {...link} {...extra} preview={preview} />;
  }

  app.get('/:lang/admin/appointments/video', { schema: { hide: true, params: LangParams, querystring: Query } }, async (request, reply) => {
    const { organisation, preview, saved } = request.query;
    if (preview === undefined) return renderPage(request, reply, await page(request, organisation, { saved: saved === '1' }));
    // A preview link opened by hand with a bad template: the form again with its error, not a 500.
    let errors: FieldError[] | undefined;
    try {
      appointments.previewVideoTemplate(preview);
    } catch (error) {
      errors = (error as { options?: { fields?: FieldError[] } }).options?.fields;
      if (!errors) throw error;
    }
    return renderPage(request, reply, await page(request, organisation, { typed: preview, ...(errors ? { errors } : {}) }), errors ? 400 : 200);
  });

  app.post('/:lang/admin/appointments/video', { schema: { hide: true, params: LangParams, body: Body }, attachValidation: true }, async (request, reply) => {
    const actor = requireActorPage(request);
    const form = request.body ?? {};
    const template = form.template ?? '';
    // The organisation the form was about (its code for the page shown again).
    const current = (await appointments.videoLink(actor)).choices.find((o) => o.id === form.organisationId);
    const base = `/${request.params.lang}/admin/appointments/video?organisation=${encodeURIComponent(current?.code ?? '')}`;
    return handleForm(
      request,
      reply,
      (errors) => page(request, current?.code, { typed: template, errors }),
      async () => {
        if (form.intent === 'preview') {
          appointments.previewVideoTemplate(template);
          return `${base}&preview=${encodeURIComponent(template.trim())}`;
        }
        await appointments.setVideoTemplate(actor, form.organisationId ?? '', template, request.id);
        return `${base}&saved=1`;
      },
    );
  });
}
