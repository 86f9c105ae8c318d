// Request and response schemas of the competence center's practices API (validation, handler types, OpenAPI).
import { Type } from 'typebox';
import { BoundedInteger, Text, Nullable, Uuid } from '../../platform/http/schemas.ts';
import { PRACTICE_PLACES } from '../repository.ts';
import { DimensionSchema, PartialText, TextChange, Texts } from '../schemas.ts';

export const PracticeSchema = Type.Object(
  {
    id: Uuid(),
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
    sourceUrl: Type.Optional(Nullable(UrlSchema)),
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
    sourceUrl: Type.Optional(Nullable(UrlSchema)),
  },
  { additionalProperties: false, description: 'Texts as {fr, nl, en} (French and Dutch required), or strings in the language of the request (lang)' },
);
