// TypeBox schemas the satisfaction dashboards and the operations views share: parameters, period and filter
// queries, and the response shapes of an organisation's figures and of the regional comparison.
import { Type, type TProperties, type TSchema } from 'typebox';
import { BoundedInteger, EmptyOr, Nullable, Uuid } from '../platform/http/schemas.ts';
import { CHANNELS } from './repository.ts';
import { INDICATORS } from './indicators.ts';

export const session = [{ session: [] }];
const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'A month, YYYY-MM' });
export const Code = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', minLength: 2, maxLength: 64 });
export const OrgParams = Type.Object({ code: Code });
export const PeriodQuery = { from: Type.Optional(Month), to: Type.Optional(Month) };
export const OrganisationQuery = Type.Object({
  ...PeriodQuery,
  channel: Type.Optional(Type.Union([Type.Literal(''), Type.Enum(CHANNELS)])),
  service: Type.Optional(Type.String({ pattern: '^([a-z0-9]+(-[a-z0-9]+)*)?$', maxLength: 120 })),
  contactPoint: Type.Optional(EmptyOr(Uuid())),
});
export const KINDS = ['commune', 'cpas', 'regional', 'community', 'federal', 'other'] as const;
export const RegionQuery = Type.Object({
  ...PeriodQuery,
  kind: Type.Optional(Type.Union([Type.Literal(''), Type.Enum(KINDS)])),
  rank: Type.Optional(Type.Enum(INDICATORS)),
});

export const IndicatorsSchema = Type.Object(
  {
    answers: BoundedInteger({ description: 'Number of answers the figures rest on' }),
    npsAnswers: BoundedInteger({ description: 'Number of answers to the NPS question' }),
    suppressed: Type.Boolean({ description: 'Figures hidden: fewer than 10 answers, shown outside the organisation' }),
    csat: Nullable(Type.Number(), { description: '% of the top two levels of overall satisfaction' }),
    score10: Nullable(Type.Number(), { description: 'Score out of 10 (observatory scale 10/7.5/5/2.5/0)' }),
    clarity: Nullable(Type.Number()),
    effort: Nullable(Type.Number(), { description: '% who found it easy' }),
    needMet: Nullable(Type.Number()),
    needPartly: Nullable(Type.Number()),
    reachability: Nullable(Type.Number()),
    autonomy: Nullable(Type.Number()),
    nps: Nullable(Type.Number()),
    overallMean: Nullable(Type.Number()),
  },
  { $id: 'SatisfactionIndicators' },
);
export const Ind = Type.Ref('SatisfactionIndicators');
export const Localized = Type.Object({ fr: Type.Optional(Type.String()), nl: Type.Optional(Type.String()), en: Type.Optional(Type.String()) });
export const PeriodSchema = Type.Object({ from: Type.String(), to: Type.String(), months: Type.Array(Type.String()) });

/** Rows of `properties`, then the figures `figures` under `field` (indicators or operations), then `after`. */
const withFigures = <K extends string, F extends TSchema, P extends TProperties, A extends TProperties = Record<never, never>>(
  field: K,
  figures: F,
  properties: P,
  after?: A,
) => Type.Object({ ...properties, [field]: figures, ...after } as P & { [k in K]: F } & A);

/**
 * The response of an organisation's dashboard (satisfaction or operations): the period and the previous one,
 * the figures in total, per month, channel, service and contact point; `head` and `tail` add fields.
 */
export function organisationFiguresSchema<K extends string, F extends TSchema, H extends TProperties, T extends TProperties>(
  field: K,
  figures: F,
  units: string,
  head: H,
  tail: T,
) {
  return Type.Object({
    organisation: Type.Object({ code: Type.String(), kind: Type.String(), name: Localized }),
    period: PeriodSchema,
    previousPeriod: PeriodSchema,
    suppressed: Type.Boolean({ description: `Whether cells under 10 ${units} are hidden for the caller` }),
    ...head,
    total: figures,
    previous: figures,
    months: Type.Array(withFigures(field, figures, { month: Type.String() })),
    byChannel: Type.Array(withFigures(field, figures, { key: Type.String() })),
    byService: Type.Array(withFigures(field, figures, { key: Type.String() })),
    byContactPoint: Type.Array(withFigures(field, figures, { key: Type.String() })),
    ...tail,
  });
}

/** The response of the regional view (satisfaction or operations): the region, by kind, per month, and the organisations compared. */
export function regionFiguresSchema<K extends string, F extends TSchema, H extends TProperties, T extends TProperties>(field: K, figures: F, head: H, tail: T) {
  return Type.Object({
    period: PeriodSchema,
    previousPeriod: PeriodSchema,
    kind: Nullable(Type.String()),
    ...head,
    region: figures,
    byKind: Type.Array(withFigures(field, figures, { kind: Type.String() })),
    months: Type.Array(withFigures(field, figures, { month: Type.String() })),
    ...tail,
    organisations: Type.Array(withFigures(field, figures, { code: Type.String(), kind: Type.String(), name: Localized }, { previous: figures })),
  });
}

/** The fields every open data JSON document starts with (`openDataHead` in route-parts.ts fills them). */
export const OpenDataHead = { title: Type.String(), license: Type.String(), catalog: Type.String() };
export const OpenDataQuery = Type.Object({ ...PeriodQuery });
/** The first fields of a row of the per organisation and month open data sets. */
export const OrganisationMonthRow = { organisationCode: Type.String(), organisationKind: Type.String(), organisationName: Localized, month: Type.String() };
