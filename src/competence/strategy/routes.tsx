// The regional strategy: the JSON API under /api/v1/competence and the back-office pages under /{lang}/competence.
import { Type } from 'typebox';
import type { App } from '../../platform/http/types.ts';
import type { Services } from '../../services.ts';
import { errorResponses, LangParams } from '../../platform/http/schemas.ts';
import { handleForm } from '../../platform/http/forms.ts';
import { renderPage } from '../../platform/views/render.tsx';
import { requireActorPage } from '../../identity/guards.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { LANGUAGES } from '../../platform/i18n/languages.ts';
import { missingLanguages, textFromForm } from '../texts.ts';
import { FreeForm, Notice, notice, parseNumber, session, tags, page } from '../route-parts.ts';
import { StrategyPage } from './pages.tsx';
import { NewStrategyVersionBody } from './schemas.ts';

export function strategyRoutes(app: App, { competence }: Services) {
  const strategyJson = async () => {
    const p = await competence.strategyProgress();
    return {
      version: p.current?.number ?? null,
      note: p.current?.note ?? '',
      basedOnCampaign: p.campaign?.code ?? null,
      objectives: p.objectives.map((o) => ({ ...o.objective, value: o.value, reached: o.reached, progress: o.progress })),
      versions: p.versions.map((v) => ({ number: v.number, note: v.note, createdAt: v.createdAt, objectives: v.objectives.length })),
    };
  };

  app.get(
    '/api/v1/competence/strategy',
    {
      schema: {
        tags,
        summary: 'The regional strategy: current objectives and their progress, and its versions',
        security: session,
        response: { 200: Type.Ref('CompetenceStrategy'), ...errorResponses(401) },
      },
    },
    async (request) => {
      requireActorPage(request);
      return strategyJson();
    },
  );

  app.post(
    '/api/v1/competence/strategy/versions',
    {
      schema: {
        tags,
        summary: 'Adopt a new version of the regional strategy (competence center)',
        security: session,
        body: NewStrategyVersionBody,
        response: { 201: Type.Ref('CompetenceStrategy'), ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      await competence.newStrategyVersion(
        requireActorPage(request),
        {
          basedOn: request.body.basedOn,
          note: request.body.note ?? '',
          objectives: request.body.objectives.map((o) => ({
            title: o.title,
            indicator: o.indicator,
            baseline: o.baseline ?? null,
            targetValue: o.targetValue,
            targetOn: o.targetOn ?? null,
          })),
        },
        request.lang,
      );
      return reply.code(201).send(await strategyJson());
    },
  );
  // ---- strategy
  app.get('/:lang/competence/strategy', { schema: { hide: true, params: LangParams, querystring: Notice } }, async (request, reply) => {
    requireActorPage(request);
    return renderPage(request, reply, <StrategyPage progress={await competence.strategyProgress()} notice={notice(request)} />);
  });

  app.post('/:lang/competence/strategy', { schema: { ...page, body: FreeForm }, attachValidation: true }, async (request, reply) => {
    const actor = requireActorPage(request);
    const form = request.body ?? {};
    const get = (name: string) => {
      const raw = form[name];
      return ((Array.isArray(raw) ? raw[0] : raw) ?? '').trim();
    };
    return handleForm(
      request,
      reply,
      async (errors) => <StrategyPage progress={await competence.strategyProgress()} errors={errors} values={form} />,
      async () => {
        const progress = await competence.strategyProgress();
        const previous = new Map((progress.current?.objectives ?? []).map((o) => [o.id, o]));
        const fields: FieldError[] = [];
        const objectives = [];
        for (let index = 0; index < 40; index++) {
          const title = textFromForm(get, `objectives.${index}.title`);
          if (!LANGUAGES.some((l) => title[l])) continue; // an empty row is no objective
          fields.push(...missingLanguages(title, `objectives.${index}.title`)); // named by the form's row
          const target = parseNumber(get(`objectives.${index}.targetValue`));
          const baseline = parseNumber(get(`objectives.${index}.baseline`));
          const targetOn = get(`objectives.${index}.targetOn`);
          if (target === null || Number.isNaN(target))
            fields.push({ field: `objectives.${index}.targetValue`, code: 'competence.validation.targetMissing', values: { n: index + 1 } });
          if (baseline !== null && Number.isNaN(baseline))
            fields.push({ field: `objectives.${index}.baseline`, code: 'competence.validation.numberInvalid', values: { n: index + 1 } });
          if (targetOn && !/^\d{4}-\d{2}-\d{2}$/.test(targetOn))
            fields.push({ field: `objectives.${index}.targetOn`, code: 'competence.validation.dateInvalid', values: { n: index + 1 } });
          objectives.push({
            title,
            previousTitle: previous.get(get(`objectives.${index}.id`))?.title ?? null,
            indicator: get(`objectives.${index}.indicator`),
            baseline: baseline !== null && Number.isNaN(baseline) ? null : baseline,
            targetValue: target ?? 0,
            targetOn: targetOn || null,
          });
        }
        if (fields.length) throw new AppError(400, 'validation.failed', { fields });
        const basedOn = Number(get('basedOn'));
        await competence.newStrategyVersion(actor, { basedOn: Number.isInteger(basedOn) ? basedOn : -1, note: get('note'), objectives }, request.params.lang);
        return `/${request.params.lang}/competence/strategy?notice=strategySaved`;
      },
    );
  });
}
