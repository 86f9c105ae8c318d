// Schemas and JSON shapes of the surveys API, shared by its sections (validation, handler types, OpenAPI).
import { Type, type Static } from 'typebox';
import { LanguageSchema, BoundedInteger, Text, Uuid, Nullable } from '../platform/http/schemas.ts';
import { QUESTION_KINDS, type QuestionFields, type SurveyQuestion, type SurveyRecord } from './model.ts';
import { SOURCES } from './filters.ts';

export const session = [{ session: [] }];
export const Id = Uuid();
export const Slug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', minLength: 3, maxLength: 80 });
export const Token = Text({ minLength: 1, maxLength: 200 });
export const Version = BoundedInteger({ minimum: 1, description: 'The version read; a stale one is refused with 409' });
export const Localized = (maxLength = 500) =>
  Type.Object(
    { fr: Type.Optional(Text({ maxLength })), nl: Type.Optional(Text({ maxLength })), en: Type.Optional(Text({ maxLength })) },
    { additionalProperties: false },
  );
export const ItemSchema = Type.Object(
  { value: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 40 }), label: Localized(200) },
  { additionalProperties: false },
);
export const Kind = Type.Enum(QUESTION_KINDS);
export const QuestionBody = Type.Object(
  {
    kind: Kind,
    required: Type.Optional(Type.Boolean()),
    text: Localized(),
    help: Type.Optional(Localized()),
    options: Type.Optional(Type.Array(ItemSchema, { maxItems: 20 })),
    rows: Type.Optional(Type.Array(ItemSchema, { maxItems: 20 })),
    scaleMin: Type.Optional(BoundedInteger({ minimum: 0, maximum: 10 })),
    scaleMax: Type.Optional(BoundedInteger({ minimum: 0, maximum: 10 })),
    scaleLabels: Type.Optional(Type.Object({ min: Type.Optional(Localized(100)), max: Type.Optional(Localized(100)) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type QuestionBody = Static<typeof QuestionBody>;

export const LocalizedOut = Type.Object({ fr: Type.Optional(Type.String()), nl: Type.Optional(Type.String()), en: Type.Optional(Type.String()) });
export const ItemOut = Type.Object({ value: Type.String(), label: LocalizedOut });
export const SurveyOut = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  owner: Type.Object({ kind: Type.Enum(['organisation', 'region']), code: Nullable(Type.String()) }),
  title: LocalizedOut,
  intro: LocalizedOut,
  status: Type.Enum(['draft', 'open', 'closed']),
  state: Type.Enum(['draft', 'scheduled', 'open', 'closed'], { description: 'Whether it can be answered now' }),
  opensAt: Nullable(Type.String({ format: 'date-time' })),
  closesAt: Nullable(Type.String({ format: 'date-time' })),
  linkEnabled: Type.Boolean(),
  samplingRate: BoundedInteger({ description: '% of contacts invited after a contact (0 = none)' }),
  channels: Type.Array(Type.String()),
  version: BoundedInteger(),
  responses: BoundedInteger(),
});
export const QuestionOut = Type.Object({
  id: Type.String(),
  position: BoundedInteger(),
  kind: Kind,
  required: Type.Boolean(),
  text: LocalizedOut,
  help: LocalizedOut,
  options: Type.Array(ItemOut),
  rows: Type.Array(ItemOut),
  scaleMin: Nullable(BoundedInteger()),
  scaleMax: Nullable(BoundedInteger()),
  scaleLabels: Type.Object({ min: Type.Optional(LocalizedOut), max: Type.Optional(LocalizedOut) }),
});
export const CompletenessOut = Type.Object({
  language: LanguageSchema,
  total: BoundedInteger(),
  filled: BoundedInteger(),
  missing: Type.Array(Type.String()),
  complete: Type.Boolean(),
});
export const Figure = Nullable(Type.Number());
export const CellOut = Type.Object({ value: Type.String(), label: LocalizedOut, count: Nullable(BoundedInteger()), percent: Figure });
export const ResultOut = Type.Object({
  questionId: Type.String(),
  position: BoundedInteger(),
  kind: Kind,
  text: LocalizedOut,
  respondents: BoundedInteger({ description: 'Responses that answered this question (the count every figure rests on)' }),
  suppressed: Type.Boolean({ description: 'Figures hidden: fewer than 10 answers, shown outside the owner' }),
  cells: Type.Array(CellOut),
  mean: Figure,
  topTwo: Figure,
  nps: Nullable(Type.Object({ score: Type.Number(), promoters: Type.Number(), passives: Type.Number(), detractors: Type.Number() })),
  rows: Type.Array(
    Type.Object({
      value: Type.String(),
      label: LocalizedOut,
      respondents: BoundedInteger(),
      suppressed: Type.Boolean(),
      cells: Type.Array(CellOut),
      mean: Figure,
    }),
  ),
});
export const AnswersBody = Type.Object(
  {
    answers: Type.Record(
      Uuid(),
      Type.Union([
        BoundedInteger(),
        Text({ maxLength: 2000 }),
        Type.Array(Text({ maxLength: 40 }), { maxItems: 20 }),
        Type.Record(Type.String(), Text({ maxLength: 40 })),
      ]),
      {
        description: 'Question id → answer: a number (rating, NPS), an option value (single), option values (multiple), a text, or row → option value (matrix)',
        maxProperties: 60,
      },
    ),
  },
  { additionalProperties: false },
);

/** Results filters (docs/decisions/0017): lenient strings here, read by parseResultFilters for errors per field. */
export const ResultFilterQuery = {
  from: Type.Optional(Text({ maxLength: 20, description: 'First day included, YYYY-MM-DD (Brussels); filters on the submission' })),
  to: Type.Optional(Text({ maxLength: 20, description: 'Last day included, YYYY-MM-DD (Brussels); not before `from`' })),
  source: Type.Optional(
    Type.String({ maxLength: 20, description: `How the responses came: ${SOURCES.join(', ')} (a channel is that of the contact behind the invitation)` }),
  ),
  organisation: Type.Optional(Text({ maxLength: 64, description: 'Regional surveys: code or id of the organisation of the contact behind the invitation' })),
};
export const FiltersOut = Type.Object({
  from: Nullable(Type.String()),
  to: Nullable(Type.String()),
  source: Nullable(Type.String()),
  organisation: Nullable(Type.String({ description: 'Organisation code' })),
});
export const OrganisationCountOut = Type.Object({
  organisationId: Type.String(),
  code: Type.String(),
  name: LocalizedOut,
  responses: Nullable(BoundedInteger({ description: 'null when hidden outside the owner (fewer than 10, or the next smallest when only one is)' })),
  suppressed: Type.Boolean(),
});

export const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);
export function surveyJson(survey: SurveyRecord, state: string) {
  return {
    id: survey.id,
    slug: survey.slug,
    owner: { kind: survey.organisationId ? ('organisation' as const) : ('region' as const), code: survey.organisationCode },
    title: survey.title,
    intro: survey.intro,
    status: survey.status,
    state: state as 'draft',
    opensAt: iso(survey.opensAt),
    closesAt: iso(survey.closesAt),
    linkEnabled: survey.linkEnabled,
    samplingRate: survey.samplingRate,
    channels: survey.channels,
    version: survey.version,
    responses: survey.responses,
  };
}
export const questionJson = (q: SurveyQuestion) => ({
  id: q.id,
  position: q.position,
  kind: q.kind,
  required: q.required,
  text: q.text,
  help: q.help,
  options: q.options,
  rows: q.rows,
  scaleMin: q.scaleMin,
  scaleMax: q.scaleMax,
  scaleLabels: q.scaleLabels,
});

export function questionFromBody(body: QuestionBody): QuestionFields {
  return {
    kind: body.kind,
    required: body.required ?? false,
    text: body.text,
    help: body.help ?? {},
    options: body.options ?? [],
    rows: body.rows ?? [],
    scaleMin: body.scaleMin ?? null,
    scaleMax: body.scaleMax ?? null,
    scaleLabels: body.scaleLabels ?? {},
  };
}

export const SurveyParams = Type.Object({ id: Id });
