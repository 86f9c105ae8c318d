// The bodies and answers of the staff API of requests and tasks (decision 0059).
import { Type } from 'typebox';
import { BoundedInteger, LocalizedTextSchema, Nullable, Text, Uuid, Version } from '../../platform/http/schemas.ts';
import { CONTACT_CHANNELS, MESSAGE_KINDS, REQUEST_STATUSES, SLA_STATES, TASK_KINDS } from '../model.ts';
import { API_PAGE_MAX } from './service.ts';

const DateTime = Type.String({ format: 'date-time' });
const Language = Type.Enum(['fr', 'nl', 'en']);
/** A name in the languages it was given in. */
const Names = Type.Partial(LocalizedTextSchema);

export const ReferenceParams = Type.Object({ reference: Text({ maxLength: 40, description: 'The request’s reference, e.g. BXL-7K2M-Q9TF' }) });
export const TaskParams = Type.Object({ id: Uuid() });

export const RequestListQuery = Type.Object({
  status: Type.Optional(Type.Enum([...REQUEST_STATUSES, 'active', 'all'], { description: 'A status, active (all but closed) or all (default)' })),
  updatedSince: Type.Optional(Type.String({ format: 'date-time', description: 'Only requests changed at or after this time' })),
  cursor: Type.Optional(Text({ maxLength: 200, description: 'The next value of the previous page' })),
  limit: Type.Optional(BoundedInteger({ minimum: 1, maximum: API_PAGE_MAX, description: 'Requests per page (default 50)' })),
});

export const RequestSummary = Type.Object({
  id: Uuid(),
  reference: Type.String(),
  subject: Type.String(),
  status: Type.Enum(REQUEST_STATUSES),
  channel: Type.Enum(CONTACT_CHANNELS),
  language: Language,
  serviceCode: Nullable(Type.String()),
  slaState: Type.Enum(SLA_STATES),
  unitId: Nullable(Uuid()),
  assigneeId: Nullable(Uuid()),
  createdAt: DateTime,
  updatedAt: DateTime,
  closedAt: Nullable(DateTime),
});

export const RequestPage = Type.Object({
  requests: Type.Array(RequestSummary),
  next: Nullable(Type.String({ description: 'Give it as cursor for the next page; null on the last one' })),
});

export const TaskJson = Type.Object({
  id: Uuid(),
  reference: Type.String({ description: 'The reference of the request the task is about' }),
  kind: Type.Enum(TASK_KINDS),
  status: Type.Enum(['open', 'answered', 'cancelled']),
  fromOrganisation: Names,
  fromAccountName: Nullable(Type.String()),
  toOrganisation: Names,
  toUnit: Nullable(Names),
  toAccountName: Nullable(Type.String()),
  question: Type.String(),
  callbackPreferences: Nullable(Type.String()),
  answer: Nullable(Type.String()),
  answeredAt: Nullable(DateTime),
  answeredByName: Nullable(Type.String()),
  createdAt: DateTime,
  version: BoundedInteger({ description: 'Send it back to answer (optimistic locking)' }),
});

export const TaskDetail = Type.Object({
  ...TaskJson.properties,
  context: Type.Object(
    {
      subject: Type.String(),
      language: Language,
      channel: Type.String(),
      serviceCode: Nullable(Type.String()),
      party: Type.Object({ name: Type.String(), email: Nullable(Type.String()), phone: Nullable(Type.String()) }),
      messages: Type.Array(Type.Object({ kind: Type.String(), author: Nullable(Type.String()), body: Type.String(), at: DateTime })),
    },
    { description: 'The request as the first line saw it when it passed the task on (notes only if it chose so)' },
  ),
});

export const RequestDetail = Type.Object({
  request: Type.Object({
    ...RequestSummary.properties,
    organisation: Names,
    unit: Nullable(Names),
    assigneeName: Nullable(Type.String()),
    party: Type.Object({ name: Type.String(), email: Nullable(Type.String()), phone: Nullable(Type.String()), language: Language }),
    firstResponseDueAt: Nullable(DateTime),
    resolutionDueAt: Nullable(DateTime),
    firstRespondedAt: Nullable(DateTime),
    version: BoundedInteger(),
  }),
  messages: Type.Array(
    Type.Object({
      id: Uuid(),
      kind: Type.Enum(MESSAGE_KINDS),
      channel: Nullable(Type.Enum(CONTACT_CHANNELS)),
      author: Nullable(Type.String()),
      body: Type.String({ description: 'The text; for an event, a JSON object naming it (e.g. {"event":"claimed","by":"…"})' }),
      at: DateTime,
      attachments: Type.Array(Type.Object({ id: Uuid(), filename: Type.String(), size: BoundedInteger() })),
    }),
  ),
  tasks: Type.Array(TaskJson),
});

export const NewTaskBody = Type.Object({
  kind: Type.Enum(TASK_KINDS),
  toOrganisation: Text({ minLength: 1, maxLength: 64, description: 'Code of the organisation asked' }),
  toUnitId: Type.Optional(Uuid({ description: 'A unit of that organisation' })),
  toAccountEmail: Type.Optional(Type.String({ format: 'email', maxLength: 254, description: 'A colleague of that organisation' })),
  question: Text({ minLength: 1, maxLength: 10000 }),
  callbackPreferences: Type.Optional(Text({ maxLength: 500, description: 'Required for a callback: when and how to call' })),
  includeNotes: Type.Optional(Type.Boolean({ description: 'Pass the internal notes on with the request (default false)' })),
});

export const TaskListQuery = Type.Object({
  status: Type.Optional(Type.Enum(['open', 'answered', 'all'], { description: 'Default open' })),
  updatedSince: Type.Optional(Type.String({ format: 'date-time', description: 'Only tasks passed on or answered at or after this time' })),
});

export const AnswerBody = Type.Object({ answer: Text({ minLength: 1, maxLength: 10000 }), version: Version });
