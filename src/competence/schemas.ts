// Schemas shared by the competence center's API sections (codes, keys, dates, scores, multilingual texts).
// Each section's bodies and answers are in its schemas.ts.
import { Type } from 'typebox';
import { DIMENSIONS } from './scoring.ts';
import { INDICATOR_KEYS } from './indicators.ts';
import { BoundedInteger, Nullable, CalendarDate } from '../platform/http/schemas.ts';

export const CodeSchema = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', minLength: 2, maxLength: 64 });
export const CriterionKeySchema = Type.String({ pattern: '^[a-z_]+\\.[a-z0-9_]+$', maxLength: 100 });
export const DimensionSchema = Type.Enum(DIMENSIONS);
export const IndicatorSchema = Type.Enum(INDICATOR_KEYS);
export const DateSchema = CalendarDate();
export const Score = BoundedInteger({ minimum: 0, maximum: 100 });
export const NullableScore = Nullable(Score);
export const NullableNumber = Nullable(Type.Number());
export const NullableDate = Nullable(CalendarDate());
export const PartialText = Type.Object({ fr: Type.Optional(Type.String()), nl: Type.Optional(Type.String()), en: Type.Optional(Type.String()) });
export const ScoreMap = Type.Record(Type.String(), Nullable(Type.Number()));

/** A text in the three languages at once: French and Dutch required, English optional (falls back visibly). */
export const Texts = (max: number) =>
  Type.Object(
    {
      fr: Type.String({ minLength: 1, maxLength: max }),
      nl: Type.String({ minLength: 1, maxLength: max }),
      en: Type.Optional(Type.String({ maxLength: max })),
    },
    { additionalProperties: false, description: 'The text in French, Dutch and (optionally) English; an empty or missing English falls back visibly' },
  );
/**
 * A changed text: the three languages at once (an object), or one string in the language of the request
 * (lang), in which case other languages are dropped if the text changes.
 */
export const TextChange = (max: number) => Type.Union([Type.String({ minLength: 1, maxLength: max }), Texts(max)]);
