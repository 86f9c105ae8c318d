// Request and response schemas of the competence center's assessments API (validation, handler types, OpenAPI).
import { Type } from 'typebox';
import { BoundedInteger, Text, Nullable } from '../../platform/http/schemas.ts';
import { OBSERVATION_METHODS } from '../repository.ts';
import { CodeSchema, CriterionKeySchema, DateSchema, NullableScore, ScoreMap } from '../schemas.ts';

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
      values: Type.Record(
        Type.String(),
        Type.Object({ value: Type.Number(), sampleSize: BoundedInteger(), periodStart: Type.String(), periodEnd: Type.String() }),
      ),
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
