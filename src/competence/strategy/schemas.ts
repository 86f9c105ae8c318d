// Request and response schemas of the competence center's strategy API (validation, handler types, OpenAPI).
import { Type } from 'typebox';
import { BoundedInteger, Text, Nullable } from '../../platform/http/schemas.ts';
import { IndicatorSchema, NullableDate, NullableNumber, PartialText, TextChange } from '../schemas.ts';

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
    versions: Type.Array(
      Type.Object({ number: BoundedInteger(), note: Type.String(), createdAt: Type.String({ format: 'date-time' }), objectives: BoundedInteger() }),
    ),
  },
  { $id: 'CompetenceStrategy' },
);
