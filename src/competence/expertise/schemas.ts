// Request and response schemas of the competence center's expertise API (validation, handler types, OpenAPI).
import { Type } from 'typebox';
import { BoundedInteger, Text, Nullable, Uuid } from '../../platform/http/schemas.ts';
import { REQUEST_STATUSES } from '../repository.ts';
import { DimensionSchema } from '../schemas.ts';

export const RequestSchema = Type.Object(
  {
    id: Uuid(),
    organisation: Type.String(),
    subject: Type.String(),
    details: Type.String(),
    dimension: Nullable(Type.String()),
    status: Type.Enum(REQUEST_STATUSES),
    response: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    version: BoundedInteger(),
  },
  { $id: 'CompetenceExpertiseRequest' },
);

export const NewRequestBody = Type.Object(
  { subject: Text({ minLength: 1, maxLength: 200 }), details: Type.Optional(Text({ maxLength: 4000 })), dimension: Type.Optional(Nullable(DimensionSchema)) },
  { additionalProperties: false },
);

export const RequestChangesBody = Type.Object(
  { version: BoundedInteger({ minimum: 1 }), status: Type.Enum(REQUEST_STATUSES), response: Text({ maxLength: 4000 }) },
  { additionalProperties: false },
);
