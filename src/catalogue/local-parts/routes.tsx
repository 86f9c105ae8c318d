// HTTP of the local parts of shared services (issue 17 item 8, decision 0058): a commune's (or CPAS's) content
// editors add their own information to a service every commune (or CPAS) provides, under the catalogue's
// back-office gate (/{lang}/admin/catalogue).
import { Type } from 'typebox';
import type { App } from '../../platform/http/types.ts';
import type { Services } from '../../services.ts';
import { BoundedInteger, LangParams, Text } from '../../platform/http/schemas.ts';
import { AppError } from '../../platform/http/errors.ts';
import { handleForm } from '../../platform/http/forms.ts';
import { formValues } from '../../platform/http/form-values.ts';
import { renderPage } from '../../platform/views/render.tsx';
import { requireActorPage } from '../../identity/guards.ts';
import { LANGUAGES } from '../../platform/i18n/languages.ts';
import { LOCAL_FIELDS, type LocalContent } from '../repository.ts';
import { LocalPartPage } from '../pages/admin.tsx';
import { formText, suffixOf } from '../form-fields.ts';

const EditParams = Type.Object({ lang: LangParams.properties.lang, code: Text({ maxLength: 64 }) });
const VersionForm = Type.Object({ version: BoundedInteger({ minimum: 1 }) });

export function localPartRoutes(app: App, services: Services) {
  const { catalogue } = services;
  const LocalNotice = Type.Object({ notice: Type.Optional(Type.Enum(['saved', 'published', 'discarded'])) });
  app.get('/:lang/admin/catalogue/services/:code/local', { schema: { hide: true, params: EditParams, querystring: LocalNotice } }, async (request, reply) => {
    const data = await catalogue.localParts.editable(requireActorPage(request), request.params.code);
    return renderPage(request, reply, <LocalPartPage {...data} notice={request.query.notice} />);
  });

  const LocalForm = Type.Object({
    version: Text({ maxLength: 12 }),
    intent: Type.Optional(Type.Enum(['save', 'publish'])),
    ...Object.fromEntries(LOCAL_FIELDS.flatMap((field) => LANGUAGES.map((l) => [`${field}${suffixOf(l)}`, Type.Optional(Text({ maxLength: 4000 }))]))),
  });
  app.post(
    '/:lang/admin/catalogue/services/:code/local',
    { schema: { hide: true, params: EditParams, body: LocalForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const data = await catalogue.localParts.editable(actor, request.params.code);
      const form = formValues(request.body);
      return handleForm(
        request,
        reply,
        (errors) => <LocalPartPage {...data} errors={errors} values={form} />,
        async () => {
          const version = Number(formText(form, 'version'));
          if (!Number.isInteger(version) || version < 0)
            throw new AppError(400, 'validation.failed', { fields: [{ field: 'form', code: 'errors.catalogue.stale' }] });
          const content = Object.fromEntries(
            LOCAL_FIELDS.map((field) => [field, Object.fromEntries(LANGUAGES.map((l) => [l, formText(form, `${field}${suffixOf(l)}`)]))]),
          ) as LocalContent;
          const publish = formText(form, 'intent') === 'publish';
          await catalogue.localParts.write(actor, data.service.code, version, content, { publish, requestId: request.id });
          return `/${request.params.lang}/admin/catalogue/services/${data.service.code}/local?notice=${publish ? 'published' : 'saved'}`;
        },
      );
    },
  );

  app.post(
    '/:lang/admin/catalogue/services/:code/local/discard',
    { schema: { hide: true, params: EditParams, body: VersionForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const data = await catalogue.localParts.editable(actor, request.params.code);
      return handleForm(
        request,
        reply,
        (errors) => <LocalPartPage {...data} errors={errors} />,
        async () => {
          await catalogue.localParts.discard(actor, data.service.code, request.body.version);
          return `/${request.params.lang}/admin/catalogue/services/${data.service.code}/local?notice=discarded`;
        },
      );
    },
  );
}
