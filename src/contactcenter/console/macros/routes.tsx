// HTTP of the macros page (/{lang}/console/macros): the list, the form of a new macro and of an existing one,
// and the posts that save, disable or enable and move a macro (POST-redirect-GET; errors re-render the page
// through handleForm). The console's role gate applies (contactConsoleRoutes); the managers' rule is the service's.
import { Type, type Static } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../../platform/http/types.ts';
import type { Services } from '../../../services.ts';
import { BoundedInteger, LangParams, Text } from '../../../platform/http/schemas.ts';
import { handleForm } from '../../../platform/http/forms.ts';
import { formValues } from '../../../platform/http/form-values.ts';
import { renderPage } from '../../../platform/views/render.tsx';
import { requireActorPage } from '../../../identity/guards.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import { LANGUAGES } from '../../../platform/i18n/languages.ts';
import { BODY_MAX, TITLE_MAX, type MacroInput } from './service.ts';
import { MACRO_NOTICES, MacroFormPage, MacrosPage, valuesOf } from './pages.tsx';

const IdParams = Type.Object({ lang: LangParams.properties.lang, id: Text({ maxLength: 64 }) });
const Version = BoundedInteger({ minimum: 1 });
const MacroForm = Type.Object({
  version: Type.Optional(Version),
  title_fr: Type.Optional(Text({ maxLength: TITLE_MAX })),
  title_nl: Type.Optional(Text({ maxLength: TITLE_MAX })),
  title_en: Type.Optional(Text({ maxLength: TITLE_MAX })),
  body_fr: Type.Optional(Text({ maxLength: BODY_MAX })),
  body_nl: Type.Optional(Text({ maxLength: BODY_MAX })),
  body_en: Type.Optional(Text({ maxLength: BODY_MAX })),
  status: Type.Optional(Text({ maxLength: 40 })),
  assignment: Type.Optional(Text({ maxLength: 20 })),
  assignUnitId: Type.Optional(Text({ maxLength: 64 })),
  tag: Type.Optional(Text({ maxLength: 40 })),
  unitId: Type.Optional(Text({ maxLength: 64 })),
});
const EnabledForm = Type.Object({ version: Version, enabled: Type.Enum(['true', 'false']) });
const MoveForm = Type.Object({ direction: Type.Enum(['up', 'down']) });

function inputOf(body: Partial<Static<typeof MacroForm>>): MacroInput {
  return {
    title: Object.fromEntries(LANGUAGES.map((l) => [l, body[`title_${l}`] ?? ''])),
    body: Object.fromEntries(LANGUAGES.map((l) => [l, body[`body_${l}`] ?? ''])),
    status: body.status ?? '',
    assignment: body.assignment ?? 'keep',
    assignUnitId: body.assignUnitId ?? '',
    tag: body.tag ?? '',
    unitId: body.unitId ?? '',
  };
}

export function consoleMacroRoutes(app: App, { consoleMacros: macros }: Services) {
  const base = (lang: string) => `/${lang}/console/macros`;

  const listPage = async (request: FastifyRequest, extra: { notice?: string; errors?: FieldError[] } = {}) => {
    const { macros: rows, units } = await macros.manage(requireActorPage(request));
    return <MacrosPage macros={rows} units={units} {...extra} />;
  };

  app.get(
    '/:lang/console/macros',
    { schema: { hide: true, params: LangParams, querystring: Type.Object({ notice: Type.Optional(Text({ maxLength: 20 })) }) } },
    async (request, reply) => {
      const notice = request.query.notice && MACRO_NOTICES.has(request.query.notice) ? request.query.notice : undefined;
      return renderPage(request, reply, await listPage(request, notice ? { notice } : {}));
    },
  );

  app.get('/:lang/console/macros/new', { schema: { hide: true, params: LangParams } }, async (request, reply) => {
    const { units } = await macros.manage(requireActorPage(request));
    return renderPage(request, reply, <MacroFormPage units={units} values={{ assignment: 'keep' }} />);
  });

  app.post('/:lang/console/macros', { schema: { hide: true, params: LangParams, body: MacroForm }, attachValidation: true }, async (request, reply) => {
    const actor = requireActorPage(request);
    return handleForm(
      request,
      reply,
      async (errors) => <MacroFormPage units={(await macros.manage(actor)).units} values={formValues(request.body)} errors={errors} />,
      async () => {
        await macros.create(actor, inputOf(request.body ?? {}), request.id);
        return `${base(request.params.lang)}?notice=created`;
      },
    );
  });

  app.get('/:lang/console/macros/:id', { schema: { hide: true, params: IdParams } }, async (request, reply) => {
    const actor = requireActorPage(request);
    const [macro, { units }] = await Promise.all([macros.find(actor, request.params.id), macros.manage(actor)]);
    return renderPage(request, reply, <MacroFormPage id={macro.id} units={units} values={valuesOf(macro)} />);
  });

  app.post('/:lang/console/macros/:id', { schema: { hide: true, params: IdParams, body: MacroForm }, attachValidation: true }, async (request, reply) => {
    const actor = requireActorPage(request);
    const macro = await macros.find(actor, request.params.id);
    return handleForm(
      request,
      reply,
      async (errors) => <MacroFormPage id={macro.id} units={(await macros.manage(actor)).units} values={formValues(request.body)} errors={errors} />,
      async () => {
        // A post without a version cannot say which version it changes: refused as stale.
        await macros.update(actor, macro.id, request.body?.version ?? 0, inputOf(request.body ?? {}), request.id);
        return `${base(request.params.lang)}?notice=saved`;
      },
    );
  });

  app.post(
    '/:lang/console/macros/:id/enabled',
    { schema: { hide: true, params: IdParams, body: EnabledForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      return handleForm(
        request,
        reply,
        (errors) => listPage(request, { errors }),
        async () => {
          const enabled = request.body.enabled === 'true';
          await macros.setEnabled(actor, request.params.id, request.body.version, enabled, request.id);
          return `${base(request.params.lang)}?notice=${enabled ? 'enabled' : 'disabled'}`;
        },
      );
    },
  );

  app.post('/:lang/console/macros/:id/move', { schema: { hide: true, params: IdParams, body: MoveForm }, attachValidation: true }, async (request, reply) => {
    const actor = requireActorPage(request);
    return handleForm(
      request,
      reply,
      (errors) => listPage(request, { errors }),
      async () => {
        await macros.move(actor, request.params.id, request.body.direction, request.id);
        return `${base(request.params.lang)}?notice=moved`;
      },
    );
  });
}
