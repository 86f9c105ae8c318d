// Request and response schemas of the competence center's campaigns API (validation, handler types, OpenAPI).
import { Type } from 'typebox';
import { BoundedInteger, Text, Nullable, Uuid } from '../../platform/http/schemas.ts';
import { CAMPAIGN_STATUSES } from '../repository.ts';
import { CodeSchema, DimensionSchema, NullableDate, PartialText, TextChange } from '../schemas.ts';

export const CampaignSchema = Type.Object(
  {
    id: Uuid(),
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
