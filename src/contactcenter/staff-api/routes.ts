// HTTP of the staff API of requests and tasks (issue 18 item 10, decision 0059): for a back-office system with an
// API token of the scopes requests:read, tasks:read or tasks:write (src/integrations/scopes.ts), or a signed-in
// agent. The rules are in the service; here the shapes of the public contract.
import type { App } from '../../platform/http/types.ts';
import type { Services } from '../../services.ts';
import { errorResponses, Uuid } from '../../platform/http/schemas.ts';
import { requireActorPage } from '../../identity/guards.ts';
import { Type } from 'typebox';
import type { MessageRow, RequestRecord, TaskRow } from '../console/repository.ts';
import type { ChangedRequestRow } from './repository.ts';
import {
  AnswerBody,
  NewTaskBody,
  ReferenceParams,
  RequestDetail,
  RequestListQuery,
  RequestPage,
  TaskDetail,
  TaskListQuery,
  TaskJson,
  TaskParams,
} from './schemas.ts';

const iso = (date: Date | string | null) => (date === null ? null : new Date(date).toISOString());
const sessionOrToken = (scope: string): Array<Record<string, string[]>> => [{ session: [] }, { bearer: [scope] }];

const summaryJson = (r: ChangedRequestRow | RequestRecord) => ({
  id: r.id,
  reference: r.reference,
  subject: r.subject,
  status: r.status,
  channel: r.channel,
  language: r.language,
  serviceCode: r.serviceCode,
  slaState: r.slaState,
  unitId: r.unitId,
  assigneeId: r.assigneeId,
  createdAt: iso(r.createdAt)!,
  updatedAt: iso(r.updatedAt)!,
  closedAt: iso(r.closedAt),
});

const taskJson = (t: TaskRow) => ({
  id: t.id,
  reference: t.context.reference,
  kind: t.kind,
  status: t.status,
  fromOrganisation: t.fromOrganisationName,
  fromAccountName: t.fromAccountName,
  toOrganisation: t.toOrganisationName,
  toUnit: t.toUnitName,
  toAccountName: t.toAccountName,
  question: t.question,
  callbackPreferences: t.callbackPreferences,
  answer: t.answer,
  answeredAt: iso(t.answeredAt),
  answeredByName: t.answeredByName,
  createdAt: iso(t.createdAt)!,
  version: t.version,
});

const taskDetailJson = (t: TaskRow) => ({
  ...taskJson(t),
  context: {
    subject: t.context.subject,
    language: t.context.language,
    channel: t.context.channel,
    serviceCode: t.context.serviceCode,
    party: { name: t.context.party.name, email: t.context.party.email, phone: t.context.party.phone },
    messages: t.context.messages.map((m) => ({ kind: m.kind, author: m.author, body: m.body, at: m.at })),
  },
});

const messageJson = (m: MessageRow) => ({
  id: m.id,
  kind: m.kind,
  channel: m.channel,
  author: m.authorName,
  body: m.body,
  at: iso(m.createdAt)!,
  attachments: m.attachments,
});

export function requestsApiRoutes(app: App, { requestsApi }: Services) {
  const tags = ['staff API'];

  app.get(
    '/api/v1/requests',
    {
      schema: {
        tags,
        summary: 'The organisation’s requests, oldest change first, by pages: follow them with updatedSince and the cursor',
        security: sessionOrToken('requests:read'),
        querystring: RequestListQuery,
        response: { 200: RequestPage, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { updatedSince, ...rest } = request.query;
      const page = await requestsApi.listRequests(
        requireActorPage(request),
        { ...rest, updatedSince: updatedSince === undefined ? undefined : new Date(updatedSince) },
        request.id,
      );
      return { requests: page.requests.map(summaryJson), next: page.next };
    },
  );

  app.get(
    '/api/v1/requests/:reference',
    {
      schema: {
        tags,
        summary: 'One request of the organisation with its time line and tasks (the read is audited)',
        description: 'A request of another organisation answers 404, like an unknown reference.',
        security: sessionOrToken('requests:read'),
        params: ReferenceParams,
        response: { 200: RequestDetail, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const { request: r, messages, tasks } = await requestsApi.getRequest(requireActorPage(request), request.params.reference, request.id);
      return {
        request: {
          ...summaryJson(r),
          organisation: r.organisationName,
          unit: r.unitName,
          assigneeName: r.assigneeName,
          party: { name: r.partyName, email: r.partyEmail, phone: r.partyPhone, language: r.partyLanguage },
          firstResponseDueAt: iso(r.firstResponseDueAt),
          resolutionDueAt: iso(r.resolutionDueAt),
          firstRespondedAt: iso(r.firstRespondedAt),
          version: r.version,
        },
        messages: messages.map(messageJson),
        tasks: tasks.map(taskJson),
      };
    },
  );

  app.post(
    '/api/v1/requests/:reference/tasks',
    {
      schema: {
        tags,
        summary: 'Pass a question or a callback on to a second line of any organisation (the user is told by e-mail)',
        security: sessionOrToken('tasks:write'),
        params: ReferenceParams,
        body: NewTaskBody,
        response: { 201: Type.Object({ id: Uuid() }), ...errorResponses(400, 401, 403, 404, 409, 415) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const id = await requestsApi.createTask(
        requireActorPage(request),
        request.params.reference,
        {
          kind: body.kind,
          toOrganisationCode: body.toOrganisation,
          toUnitId: body.toUnitId ?? null,
          toAccountEmail: body.toAccountEmail ?? null,
          question: body.question,
          callbackPreferences: body.callbackPreferences ?? null,
          includeNotes: body.includeNotes ?? false,
        },
        request.id,
      );
      return reply.code(201).send({ id });
    },
  );

  app.get(
    '/api/v1/tasks',
    {
      schema: {
        tags,
        summary: 'Tasks passed on to the organisation, newest first (at most 200); follow them with updatedSince',
        security: sessionOrToken('tasks:read'),
        querystring: TaskListQuery,
        response: { 200: Type.Object({ tasks: Type.Array(TaskJson) }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { status, updatedSince } = request.query;
      const since = updatedSince === undefined ? undefined : new Date(updatedSince);
      return { tasks: (await requestsApi.listTasks(requireActorPage(request), status ?? 'open', since)).map(taskJson) };
    },
  );

  app.get(
    '/api/v1/tasks/:id',
    {
      schema: {
        tags,
        summary: 'One task passed on to the organisation, with the request as it was passed on (the read is audited)',
        security: sessionOrToken('tasks:read'),
        params: TaskParams,
        response: { 200: TaskDetail, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => taskDetailJson(await requestsApi.getTask(requireActorPage(request), request.params.id, request.id)),
  );

  app.post(
    '/api/v1/tasks/:id/answer',
    {
      schema: {
        tags,
        summary: 'Answer a task passed on to the organisation, at the version read (409 when it changed or was answered meanwhile)',
        security: sessionOrToken('tasks:write'),
        params: TaskParams,
        body: AnswerBody,
        response: { 200: TaskJson, ...errorResponses(400, 401, 403, 404, 409, 415) },
      },
    },
    async (request) =>
      taskJson(await requestsApi.answerTask(requireActorPage(request), request.params.id, request.body.version, request.body.answer, request.id)),
  );
}
