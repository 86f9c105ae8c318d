// Request and response schemas of the competence center's action plans API (validation, handler types, OpenAPI).
import { Type } from 'typebox';
import { BoundedInteger, Text, Nullable, Uuid } from '../../platform/http/schemas.ts';
import { type Action } from './repository.ts';
import { ACTION_STATUSES, HORIZONS, SCOPES } from '../repository.ts';
import { IndicatorSchema, NullableDate, NullableNumber, PartialText, TextChange } from '../schemas.ts';

export const ActionSchema = Type.Object(
  {
    id: Uuid(),
    organisation: Type.String(),
    campaign: Nullable(Type.String()),
    rule: Nullable(Type.String()),
    criterion: Nullable(Type.String()),
    title: PartialText,
    owner: Type.String(),
    dueOn: Nullable(Type.String()),
    status: Type.Enum(ACTION_STATUSES),
    indicator: Type.String(),
    targetValue: Nullable(Type.Number()),
    horizon: Type.Enum(HORIZONS),
    scope: Type.Enum(SCOPES),
    projectId: Nullable(Type.String()),
    version: BoundedInteger(),
    overdue: Type.Boolean({ description: 'Still planned or in progress, and its due date (Brussels) is past' }),
  },
  { $id: 'CompetenceAction' },
);

export const ActionChangesBody = Type.Object(
  {
    version: BoundedInteger({ minimum: 1 }),
    title: TextChange(300),
    owner: Text({ maxLength: 200 }),
    dueOn: NullableDate,
    status: Type.Enum(ACTION_STATUSES),
    indicator: IndicatorSchema,
    targetValue: NullableNumber,
    horizon: Type.Enum(HORIZONS),
  },
  { additionalProperties: false },
);

/** An action as the API returns it. */
export function actionJson(a: Action) {
  return {
    id: a.id,
    organisation: a.organisationCode,
    campaign: a.campaignCode,
    rule: a.ruleKey,
    criterion: a.criterionKey,
    title: a.title,
    owner: a.owner,
    dueOn: a.dueOn,
    status: a.status,
    indicator: a.indicator,
    targetValue: a.targetValue,
    horizon: a.horizon,
    scope: a.scope,
    projectId: a.projectId,
    version: a.version,
    overdue: a.overdue,
  };
}
