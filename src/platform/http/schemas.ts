// Schemas shared by many endpoints.
import { Type, type Static, type TSchema } from 'typebox';
import { LANGUAGES } from '../i18n/languages.ts';

export const LanguageSchema = Type.Enum(LANGUAGES, { description: 'Interface language (fr, nl, en)' });

/** Path parameters of every localized page: /{lang}/… */
export const LangParams = Type.Object({ lang: LanguageSchema });
export type LangParams = Static<typeof LangParams>;

export const LocalizedTextSchema = Type.Object(
  { fr: Type.String(), nl: Type.String(), en: Type.String() },
  { description: 'A text in French, Dutch and English' },
);

export const ErrorEnvelopeSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable error code, also the translation key' }),
      message: Type.String({ description: 'Human-readable message in the requested language' }),
      status: Type.Integer(),
      fields: Type.Optional(Type.Array(Type.Object({ field: Type.String(), code: Type.String(), message: Type.String() }))),
    }),
  },
  { $id: 'ErrorEnvelope', description: 'The one error shape of the API' },
);

/** Standard error responses to list in a route schema. */
export function errorResponses(...statuses: number[]) {
  return Object.fromEntries(statuses.map((status) => [status, Type.Ref('ErrorEnvelope')]));
}

// ---- Building blocks of every request schema (decision 0025). Bad input stops here with a 400 and a field
// message, never in PostgreSQL (which refuses NUL bytes, out-of-range integers and impossible dates with a 500).

/** Characters text may not hold: C0 controls other than tab, line feed and carriage return; DEL; lone UTF-16
 * surrogates (Ajv compiles patterns with the u flag, where a surrogate range matches only unpaired ones). */
const FORBIDDEN = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F\\uD800-\\uDFFF';
export const TEXT_PATTERN = `^[^${FORBIDDEN}]*$`;
/** The same, with at least one character that is not a space (of any script). */
export const FILLED_TEXT_PATTERN = `^(?=[\\s\\S]*\\S)[^${FORBIDDEN}]*$`;
const FORBIDDEN_CHARACTER = new RegExp(`[${FORBIDDEN}]`, 'u');

/** Whether a decoded value holds a character no text field accepts (the edge check of app.ts). */
export function hasForbiddenCharacter(value: string): boolean {
  return FORBIDDEN_CHARACTER.test(value);
}

/**
 * Text typed by a person: no control characters or lone surrogates; with minLength ≥ 1 it must also hold more
 * than spaces. Always bounded.
 */
export function Text(options: NonNullable<Parameters<typeof Type.String>[0]> & { maxLength: number }) {
  const filled = (options.minLength ?? 0) >= 1;
  return Type.String({ ...options, pattern: filled ? FILLED_TEXT_PATTERN : TEXT_PATTERN });
}

/** PostgreSQL's integer range: a larger number is refused by the schema instead of the database. */
export const MAX_INTEGER = 2_147_483_647;

export function BoundedInteger(options: Parameters<typeof Type.Integer>[0] = {}) {
  return Type.Integer({ minimum: -MAX_INTEGER - 1, maximum: MAX_INTEGER, ...options });
}

/** The version a client read, for optimistic locking. */
export const Version = BoundedInteger({ minimum: 1, description: 'The version read (optimistic locking)' });

/** A real calendar date YYYY-MM-DD, years 0001–9999 (the "date" format is checked strictly, see formats.ts). */
export function CalendarDate(options: { description?: string } = {}) {
  return Type.String({ format: 'date', ...options });
}

/** A UUID in its canonical hyphenated form (the "uuid" format is checked strictly, see formats.ts). */
export function Uuid(options: { description?: string } = {}) {
  return Type.String({ format: 'uuid', ...options });
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value read outside a schema (a cursor, a filter, a stored setting) is a canonical UUID. */
export function isUuid(value: unknown): boolean {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

/**
 * A value or null. One type list rather than anyOf: with Ajv's type coercion an anyOf whose first branch is a
 * string turns null into "" before the null branch is tried.
 */
export function Nullable<T extends TSchema>(schema: T, options: { description?: string } = {}) {
  const source = { ...schema, ...options } as TSchema & { type?: unknown; enum?: unknown[]; const?: unknown };
  const values = Array.isArray(source.enum) ? source.enum : 'const' in source ? [source.const] : undefined;
  const { const: _const, ...rest } = source;
  const withNull = values ? { ...rest, enum: [...values, null] } : rest;
  if (typeof source.type === 'string') return Type.Unsafe<Static<T> | null>({ ...withNull, type: [source.type, 'null'] });
  if (values) return Type.Unsafe<Static<T> | null>(withNull);
  throw new Error('Nullable takes a schema of one type');
}

/** A form field that may be left empty (HTML posts "" for an empty input). */
export function EmptyOr<T extends TSchema>(schema: T) {
  return Type.Union([Type.Literal(''), schema]);
}
