// Schemas shared by many endpoints.
import { Type, type Static } from 'typebox';
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
      fields: Type.Optional(
        Type.Array(Type.Object({ field: Type.String(), code: Type.String(), message: Type.String() })),
      ),
    }),
  },
  { $id: 'ErrorEnvelope', description: 'The one error shape of the API' },
);

/** Standard error responses to list in a route schema. */
export function errorResponses(...statuses: number[]) {
  return Object.fromEntries(statuses.map((status) => [status, Type.Ref('ErrorEnvelope')]));
}
