// Request and response schemas of the competence center's API (validation, handler types, OpenAPI).
import { Type } from 'typebox';
import { DIMENSIONS } from './scoring.ts';
import {
  ACTION_STATUSES,
  CAMPAIGN_STATUSES,
  HORIZONS,
  OBSERVATION_METHODS,
  PRACTICE_PLACES,
  REQUEST_STATUSES,
  SCOPES,
} from './repository.ts';
import { INDICATOR_KEYS } from './indicators.ts';
import { BoundedInteger, Text } from '../platform/http/schemas.ts';

export const CodeSchema = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', minLength: 2, maxLength: 64 });
export const CriterionKeySchema = Type.String({ pattern: '^[a-z_]+\\.[a-z0-9_]+$', maxLength: 100 });
export const DimensionSchema = Type.Enum(DIMENSIONS);
export const IndicatorSchema = Type.Enum(INDICATOR_KEYS);
export const DateSchema = Type.String({ format: 'date' });
const Score = BoundedInteger({ minimum: 0, maximum: 100 });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
// Request fields that may be null are written as one multi-type schema, not anyOf: the app's Ajv coerces
// types, and inside anyOf it would turn a null score into 0 (or a 0 into null) before the right branch is
// tried. With `type: [x, 'null']` Ajv coerces only when no listed type matches.
const NullableScore = Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum: 0, maximum: 100 });
const NullableNumber = Type.Unsafe<number | null>({ type: ['number', 'null'] });
const NullableDate = Type.Unsafe<string | null>({ type: ['string', 'null'], format: 'date' });
const PartialText = Type.Object({ fr: Type.Optional(Type.String()), nl: Type.Optional(Type.String()), en: Type.Optional(Type.String()) });
const ScoreMap = Type.Record(Type.String(), Nullable(Type.Number()));

/** A text in the three languages at once: French and Dutch required, English optional (falls back visibly). */
const Texts = (max: number) =>
  Type.Object(
    { fr: Type.String({ minLength: 1, maxLength: max }), nl: Type.String({ minLength: 1, maxLength: max }), en: Type.Optional(Type.String({ maxLength: max })) },
    { additionalProperties: false, description: 'The text in French, Dutch and (optionally) English; an empty or missing English falls back visibly' },
  );
/**
 * A changed text: the three languages at once (an object), or one string in the language of the request
 * (lang), in which case other languages are dropped if the text changes.
 */
const TextChange = (max: number) => Type.Union([Type.String({ minLength: 1, maxLength: max }), Texts(max)]);

export const CampaignSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    code: Type.String(),
    title: PartialText,
    status: Type.Enum(CAMPAIGN_STATUSES),
    closesOn: Nullable(Type.String()),
    openedAt: Nullable(Type.String({ format: 'date-time' })),
    closedAt: Nullable(Type.String({ format: 'date-time' })),
    submittedCount: BoundedInteger(),
    version: BoundedInteger({ description: 'Send it back with a status change; a stale version is refused with 409' }),
  },
  { $id: 'CompetenceCampaign' },
);

export const CriterionSchema = Type.Object(
  { key: Type.String(), dimension: DimensionSchema, position: BoundedInteger(), title: PartialText, guidance: PartialText, version: BoundedInteger() },
  { $id: 'CompetenceCriterion' },
);

export const NewCampaignBody = Type.Object(
  {
    code: CodeSchema,
    title: Type.Object({ fr: Text({ minLength: 1, maxLength: 200 }), nl: Text({ minLength: 1, maxLength: 200 }), en: Text({ minLength: 1, maxLength: 200 }) }),
    closesOn: Type.Optional(NullableDate),
  },
  { additionalProperties: false },
);

export const CampaignStatusBody = Type.Object(
  { version: BoundedInteger({ minimum: 1 }), status: Type.Enum(['open', 'closed'] as const) },
  { additionalProperties: false },
);

export const CriterionChangesBody = Type.Object(
  {
    version: BoundedInteger({ minimum: 1 }),
    title: TextChange(300),
    guidance: TextChange(2000),
  },
  { additionalProperties: false, description: 'Texts as {fr, nl, en} (French and Dutch required), or strings in the language of the request (lang)' },
);

const AnswerSchema = Type.Object(
  {
    criterion: CriterionKeySchema,
    score: NullableScore,
    evidence: Text({ maxLength: 4000 }),
    evidenceLinks: Type.Array(Text({ maxLength: 500 }), { maxItems: 10 }),
  },
  { additionalProperties: false },
);

export const AssessmentSchema = Type.Object(
  {
    campaign: Type.String(),
    organisation: Type.String(),
    status: Type.Enum(['none', 'draft', 'submitted'] as const),
    version: BoundedInteger({ description: 'Send it back when saving or submitting; a stale version is refused with 409' }),
    submittedAt: Nullable(Type.String({ format: 'date-time' })),
    answers: Type.Array(AnswerSchema),
    history: Type.Array(
      Type.Object({
        event: Type.Enum(['submitted', 'reopened'] as const),
        by: Type.Enum(['organisation', 'competence_center'] as const, { description: 'The side that acted (no person is named)' }),
        reason: Type.String(),
        version: BoundedInteger(),
        at: Type.String({ format: 'date-time' }),
      }),
      { description: 'Submissions and reopenings, oldest first' },
    ),
  },
  { $id: 'CompetenceAssessment' },
);

export const SaveAnswersBody = Type.Object(
  { version: BoundedInteger({ minimum: 1 }), answers: Type.Array(AnswerSchema, { maxItems: 200 }) },
  { additionalProperties: false },
);

export const ReopenBody = Type.Object(
  {
    version: BoundedInteger({ minimum: 1, description: 'The version you read; a stale one is refused with 409' }),
    reason: Text({ minLength: 1, maxLength: 2000, description: 'Why the submitted assessment is reopened (kept in its history)' }),
  },
  { additionalProperties: false },
);

export const SubmitBody = Type.Object(
  { version: BoundedInteger({ minimum: 1 }), answers: Type.Optional(Type.Array(AnswerSchema, { maxItems: 200 })) },
  { additionalProperties: false },
);

export const ObservationBody = Type.Object(
  {
    organisation: CodeSchema,
    criterion: CriterionKeySchema,
    method: Type.Enum(OBSERVATION_METHODS),
    observedOn: DateSchema,
    score: Type.Optional(NullableScore),
    note: Text({ minLength: 1, maxLength: 4000 }),
  },
  { additionalProperties: false },
);

const ScoresSchema = Type.Object({ criteria: ScoreMap, dimensions: ScoreMap, overall: Nullable(Type.Number()) });

export const ResultsSchema = Type.Object(
  {
    campaign: Type.String(),
    organisation: Type.String(),
    kind: Type.String(),
    scores: Nullable(ScoresSchema),
    previousCampaign: Nullable(Type.String()),
    previous: Nullable(ScoresSchema),
    changes: Nullable(ScoreMap),
    peers: Nullable(Type.Object({ count: BoundedInteger(), dimensions: ScoreMap, overall: Nullable(Type.Number()) })),
    measured: Type.Object({
      available: Type.Boolean({ description: 'False while the satisfaction module is not installed: no figure is invented' }),
      values: Type.Record(Type.String(), Type.Object({ value: Type.Number(), sampleSize: BoundedInteger(), periodStart: Type.String(), periodEnd: Type.String() })),
    }),
  },
  { $id: 'CompetenceResults' },
);

const DistributionSchema = Type.Object({
  count: BoundedInteger(),
  min: Nullable(Type.Number()),
  q1: Nullable(Type.Number()),
  median: Nullable(Type.Number()),
  q3: Nullable(Type.Number()),
  max: Nullable(Type.Number()),
  mean: Nullable(Type.Number()),
});

export const RegionSchema = Type.Object(
  {
    campaign: Type.String(),
    organisations: BoundedInteger(),
    overall: DistributionSchema,
    dimensions: Type.Record(Type.String(), DistributionSchema),
    criteria: Type.Array(Type.Object({ key: Type.String(), dimension: Type.String(), distribution: DistributionSchema, below50: BoundedInteger() })),
    strengths: Type.Array(Type.Object({ key: Type.String(), mean: Type.Number() })),
    weaknesses: Type.Array(Type.Object({ key: Type.String(), mean: Type.Number() })),
    peerGroups: Type.Array(
      Type.Object({
        group: Type.String(),
        overallMedian: Nullable(Type.Number()),
        members: Type.Array(
          Type.Object({
            organisation: Type.String(),
            kind: Type.String(),
            overall: Nullable(Type.Number()),
            dimensions: ScoreMap,
            measured: Nullable(Type.Record(Type.String(), Type.Number())),
          }),
        ),
      }),
    ),
    measuredAvailable: Type.Boolean(),
  },
  { $id: 'CompetenceRegion', description: 'Aggregates per organisation only: no person, no evidence text' },
);

export const PracticeSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    key: Nullable(Type.String()),
    title: PartialText,
    place: Type.Enum(PRACTICE_PLACES),
    dimension: DimensionSchema,
    description: PartialText,
    outcome: PartialText,
    sourceLabel: Type.String(),
    sourceUrl: Nullable(Type.String()),
    version: BoundedInteger(),
  },
  { $id: 'CompetencePractice' },
);

const UrlSchema = Type.String({ pattern: '^https?://\\S+$', maxLength: 500 });

export const NewPracticeBody = Type.Object(
  {
    title: Texts(300),
    place: Type.Enum(PRACTICE_PLACES),
    dimension: DimensionSchema,
    description: Texts(4000),
    outcome: Texts(4000),
    sourceLabel: Text({ minLength: 1, maxLength: 300 }),
    sourceUrl: Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'], pattern: '^https?://\\S+$', maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const PracticeChangesBody = Type.Object(
  {
    version: BoundedInteger({ minimum: 1 }),
    title: TextChange(300),
    place: Type.Enum(PRACTICE_PLACES),
    dimension: DimensionSchema,
    description: TextChange(4000),
    outcome: TextChange(4000),
    sourceLabel: Text({ minLength: 1, maxLength: 300 }),
    sourceUrl: Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'], pattern: '^https?://\\S+$', maxLength: 500 })),
  },
  { additionalProperties: false, description: 'Texts as {fr, nl, en} (French and Dutch required), or strings in the language of the request (lang)' },
);

export const ActionSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    organisation: Type.String(),
    campaign: Nullable(Type.String()),
    rule: Nullable(Type.String()),
    criterion: Nullable(Type.String()),
    title: PartialText,
    owner: Type.String(),
    dueOn: Nullable(Type.String()),
    status: Type.Enum(ACTION_STATUSES),
    indicator: Type.String(),
    targetValue: Nullable(Type.Number()),
    horizon: Type.Enum(HORIZONS),
    scope: Type.Enum(SCOPES),
    projectId: Nullable(Type.String()),
    version: BoundedInteger(),
  },
  { $id: 'CompetenceAction' },
);

export const ActionChangesBody = Type.Object(
  {
    version: BoundedInteger({ minimum: 1 }),
    title: TextChange(300),
    owner: Text({ maxLength: 200 }),
    dueOn: NullableDate,
    status: Type.Enum(ACTION_STATUSES),
    indicator: IndicatorSchema,
    targetValue: NullableNumber,
    horizon: Type.Enum(HORIZONS),
  },
  { additionalProperties: false },
);

export const RequestSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    organisation: Type.String(),
    subject: Type.String(),
    details: Type.String(),
    dimension: Nullable(Type.String()),
    status: Type.Enum(REQUEST_STATUSES),
    response: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    version: BoundedInteger(),
  },
  { $id: 'CompetenceExpertiseRequest' },
);

export const NewRequestBody = Type.Object(
  { subject: Text({ minLength: 1, maxLength: 200 }), details: Type.Optional(Text({ maxLength: 4000 })), dimension: Type.Optional(Type.Unsafe<(typeof DIMENSIONS)[number] | null>({ type: ['string', 'null'], enum: [...DIMENSIONS, null] })) },
  { additionalProperties: false },
);

export const RequestChangesBody = Type.Object(
  { version: BoundedInteger({ minimum: 1 }), status: Type.Enum(REQUEST_STATUSES), response: Text({ maxLength: 4000 }) },
  { additionalProperties: false },
);

const ObjectiveInput = Type.Object(
  {
    title: TextChange(300),
    indicator: IndicatorSchema,
    baseline: Type.Optional(NullableNumber),
    targetValue: Type.Number(),
    targetOn: Type.Optional(NullableDate),
  },
  { additionalProperties: false },
);

export const NewStrategyVersionBody = Type.Object(
  {
    basedOn: BoundedInteger({ minimum: 0, description: 'The number of the version you read; 409 if another was added since' }),
    note: Type.Optional(Text({ maxLength: 2000 })),
    objectives: Type.Array(ObjectiveInput, { minItems: 1, maxItems: 30 }),
  },
  { additionalProperties: false },
);

export const StrategySchema = Type.Object(
  {
    version: Nullable(BoundedInteger()),
    note: Type.String(),
    basedOnCampaign: Nullable(Type.String()),
    objectives: Type.Array(
      Type.Object({
        title: PartialText,
        indicator: Type.String(),
        baseline: Nullable(Type.Number()),
        targetValue: Type.Number(),
        targetOn: Nullable(Type.String()),
        value: Nullable(Type.Number({ description: 'Null when no data exist yet (never an invented figure)' })),
        reached: Nullable(Type.Boolean()),
        progress: Nullable(Type.Number()),
      }),
    ),
    versions: Type.Array(Type.Object({ number: BoundedInteger(), note: Type.String(), createdAt: Type.String({ format: 'date-time' }), objectives: BoundedInteger() })),
  },
  { $id: 'CompetenceStrategy' },
);
