// Parameters, flat HTML form bodies and small parsers shared by the competence center's section routes.
import { Type, type Static } from 'typebox';
import type { FastifyRequest } from 'fastify';
import { LangParams, Text, CalendarDate } from '../platform/http/schemas.ts';
import { LANGUAGES } from '../platform/i18n/languages.ts';
import { textFromForm } from './texts.ts';
import { CodeSchema } from './schemas.ts';

export const session = [{ session: [] }];
export const tags = ['competence'];
export const lang = LangParams.properties.lang;

// ---- Flat HTML form bodies (the form parser gives strings; numbers and dates are parsed here)
export const FreeForm = Type.Record(Text({ maxLength: 120 }), Type.Union([Text({ maxLength: 4000 }), Type.Array(Text({ maxLength: 4000 }), { maxItems: 10 })]));
export type FreeForm = Static<typeof FreeForm>;
export const DateOrEmpty = Type.Union([Type.Literal(''), CalendarDate()]);
export const NumberOrEmpty = Type.String({ pattern: '^(-?\\d+([.,]\\d+)?)?$', maxLength: 20 });

/**
 * A multilingual text as forms post it, one field per language: `${name}.fr`, `${name}.nl`, `${name}.en`.
 * Which languages are required (French and Dutch) is the service's rule, so missing ones are listed as
 * "required" field by field rather than as schema errors.
 */
export const LangFields = (name: string, max: number) =>
  Object.fromEntries(LANGUAGES.map((l) => [`${name}.${l}`, Type.Optional(Type.String({ maxLength: max }))])) as Record<
    string,
    ReturnType<typeof Type.Optional<ReturnType<typeof Type.String>>>
  >;
/** The `${name}.fr|nl|en` fields of a posted form (the body as its schema typed it). */
export const formTexts = (form: Readonly<Record<string, unknown>>, name: string) =>
  textFromForm((field) => {
    const value = form[field];
    return typeof value === 'string' ? value : '';
  }, name);

export const parseNumber = (value: string | undefined): number | null => (value === undefined || value.trim() === '' ? null : Number(value.replace(',', '.')));
export const emptyToNull = (value: string | undefined): string | null => (value === undefined || value.trim() === '' ? null : value);

export const CampaignParams = Type.Object({ code: CodeSchema });
export const OrgParams = Type.Object({ code: CodeSchema, organisation: CodeSchema });
export const IdParams = Type.Object({ id: Text({ maxLength: 64 }) });
export const page = { hide: true, params: LangParams };
export const Notice = Type.Object({ notice: Type.Optional(Text({ maxLength: 40 })) });
export const notice = (request: FastifyRequest) => {
  const value = (request.query as { notice?: string } | undefined)?.notice;
  return value && /^[a-zA-Z]+$/.test(value) ? value : undefined;
};

export const CampaignPageParams = Type.Object({ lang, code: CodeSchema });
export const IdPageParams = Type.Object({ lang, id: Text({ maxLength: 64 }) });
