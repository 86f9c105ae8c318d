// TypeBox schemas of the operations figures (docs/decisions/0018-operations-indicators.md): one figure with
// the number of records it rests on, the named set of them, the regional query and the freshness fields.
import { Type } from 'typebox';
import { BoundedInteger, Nullable } from '../../platform/http/schemas.ts';
import { KINDS, PeriodQuery } from '../schemas.ts';
import { OPERATIONS_INDICATORS, type OperationsKey } from './operations.ts';

const Figure = Type.Object({
  value: Nullable(Type.Number(), { description: 'null when there is nothing to measure or the figure is hidden' }),
  base: BoundedInteger({ description: 'Number of records the figure rests on' }),
  suppressed: Type.Boolean({ description: 'Hidden: fewer than 10 records, shown outside the organisation' }),
});
export const OperationsSchema = Type.Object(Object.fromEntries(OPERATIONS_INDICATORS.map((key) => [key, Figure])) as Record<OperationsKey, typeof Figure>, {
  $id: 'OperationsIndicators',
  description: 'Operations figures, each with the number of records it rests on (docs/decisions/0018)',
});
export const Ops = Type.Ref('OperationsIndicators');
export const RegionOperationsQuery = Type.Object({
  ...PeriodQuery,
  kind: Type.Optional(Type.Union([Type.Literal(''), Type.Enum(KINDS)])),
  rank: Type.Optional(Type.Enum(OPERATIONS_INDICATORS)),
});

/** When the figures were computed, and whether a job is recomputing some of them. */
export const Freshness = {
  asOf: Nullable(Type.String({ format: 'date-time' }), { description: 'When the oldest month shown was last recomputed' }),
  refreshing: Type.Boolean({ description: 'Some months are being recomputed by a job; reload later for the latest figures' }),
};
export const ByHour = Type.Array(Type.Object({ hour: BoundedInteger({ minimum: 0, maximum: 23 }), contacts: BoundedInteger() }));
